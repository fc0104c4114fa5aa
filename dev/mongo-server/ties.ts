/**
 * mongod gives no order to documents whose sort keys are equal (it depends on plans, yields and
 * storage), so the stand-in must not give one either: before every sort it shuffles its input
 * with a seeded PRNG, and the stable sort that follows leaves ties in that shuffled order. The
 * seed is printed at start-up so a run that failed on a tie can be replayed.
 */
export const SEED_ENV = 'MONGO_STANDIN_SEED';

export class TieBreaker {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: small, fast, and good enough to scramble ties. */
  private next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffled<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}

/** The seed: given, else MONGO_STANDIN_SEED, else random. A malformed variable stops start-up. */
export function resolveSeed(given?: number): number {
  if (given !== undefined) return given >>> 0;
  const raw = process.env[SEED_ENV]?.trim();
  if (raw) {
    if (!/^\d+$/.test(raw) || Number(raw) > 0xffffffff)
      throw new Error(`${SEED_ENV} must be an integer between 0 and 4294967295, got "${raw}"`);
    return Number(raw);
  }
  return Math.floor(Math.random() * 0x100000000);
}

export const seedBanner = (seed: number): string =>
  `stand-in sort-tie seed: ${seed} (set ${SEED_ENV}=${seed} to replay)`;
