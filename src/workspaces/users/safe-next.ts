/** Where to go after sign-in: only a path on this site, never "//evil.example" or "/\evil". */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : '/app';
}
