/**
 * One-click score links in a survey e-mail are opened by mail security scanners (Defender Safe
 * Links, Mimecast, Proofpoint) within seconds of delivery, every link of the mail at once. A
 * click is therefore only provisional; once its group has settled this decides what it meant.
 */
export interface EmailClick {
  score: number;
  at: Date;
}

export type ClickSettlement =
  | { kind: 'record'; score: number; at: Date }
  | { kind: 'discard'; reason: 'scanner' }
  | { kind: 'none' };

/** Two different score links opened closer together than this are a scanner, not a person. */
export const SCANNER_BURST_MS = 10_000;

export function settleClicks(clicks: readonly EmailClick[]): ClickSettlement {
  if (clicks.length === 0) return { kind: 'none' };
  const byTime = [...clicks].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (let i = 1; i < byTime.length; i++) {
    const prev = byTime[i - 1]!;
    const next = byTime[i]!;
    const close = next.at.getTime() - prev.at.getTime() < SCANNER_BURST_MS;
    if (close && next.score !== prev.score) return { kind: 'discard', reason: 'scanner' };
  }
  // A person who came back later and chose again means the later score.
  const last = byTime.at(-1)!;
  return { kind: 'record', score: last.score, at: last.at };
}
