import { timingSafeEqual } from 'node:crypto';

/** Constant-time comparison of two secrets; different lengths are simply unequal. */
export function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
