import { SCANNER_BURST_MS, settleClicks } from '../../src/responses/email-clicks/click-settlement';

const t0 = new Date('2026-12-04T10:00:00Z').getTime();
const at = (ms: number) => new Date(t0 + ms);

describe('settling one-click e-mail answers', () => {
  it('when nothing was clicked, then nothing is settled', () => {
    expect(settleClicks([])).toEqual({ kind: 'none' });
  });

  it('when one score link was opened, then that score is recorded at the click time', () => {
    expect(settleClicks([{ score: 2, at: at(0) }])).toEqual({
      kind: 'record',
      score: 2,
      at: at(0),
    });
  });

  it('when the same button was opened twice (a double click), then it is one answer', () => {
    const clicks = [
      { score: 9, at: at(0) },
      { score: 9, at: at(300) },
    ];
    expect(settleClicks(clicks)).toEqual({ kind: 'record', score: 9, at: at(300) });
  });

  it('when every score link of the mail was opened within two seconds, then it is a scanner and nothing is recorded', () => {
    const clicks = Array.from({ length: 11 }, (_, score) => ({ score, at: at(score * 180) }));
    expect(settleClicks(clicks)).toEqual({ kind: 'discard', reason: 'scanner' });
  });

  it('when the scanner opened the links in an arbitrary order, then it is still found', () => {
    const clicks = [
      { score: 10, at: at(1500) },
      { score: 0, at: at(0) },
      { score: 5, at: at(40) },
    ];
    expect(settleClicks(clicks)).toEqual({ kind: 'discard', reason: 'scanner' });
  });

  it('when a person chose again well after the first click, then the later score counts', () => {
    const clicks = [
      { score: 3, at: at(0) },
      { score: 6, at: at(SCANNER_BURST_MS + 1) },
    ];
    expect(settleClicks(clicks)).toEqual({
      kind: 'record',
      score: 6,
      at: at(SCANNER_BURST_MS + 1),
    });
  });

  it('when two different scores are just inside the burst, then they are a scanner', () => {
    const clicks = [
      { score: 3, at: at(0) },
      { score: 6, at: at(SCANNER_BURST_MS - 1) },
    ];
    expect(settleClicks(clicks).kind).toBe('discard');
  });
});
