import type { SurveyKind } from '../reports/score-figures';
import {
  isLowN,
  meanDifference,
  npsDifference,
  proportionDifference,
  type Difference,
  type Moments,
} from '../reports/statistics';

export type Direction = 'higher_better' | 'lower_better';

/** One segment's answers over a span of days, as the reports count them. */
export interface SegmentFigures {
  n: number;
  /** Answers per category (promoter/passive/detractor, satisfied/…, easy/…). */
  counts: Record<string, number>;
  /** Count, Σx and Σx² of the scores; the CES test needs them, NPS and CSAT do not. */
  moments?: Moments;
}

export type AlertDecision =
  | { alert: true; change: Difference }
  | {
      alert: false;
      reason: 'too-few-answers' | 'no-comparison' | 'not-significant' | 'not-worse';
      change: Difference | null;
    };

const count = (f: SegmentFigures, key: string) => f.counts[key] ?? 0;

/** day − trailing in the score's unit, with the same tests the trend reports use. */
function change(type: SurveyKind, day: SegmentFigures, trailing: SegmentFigures) {
  if (type === 'nps') {
    const nps = (f: SegmentFigures) => ({
      promoters: count(f, 'promoter'),
      passives: count(f, 'passive'),
      detractors: count(f, 'detractor'),
    });
    return npsDifference(nps(day), nps(trailing));
  }
  if (type === 'csat') {
    return proportionDifference(
      { k: count(day, 'satisfied'), n: day.n },
      { k: count(trailing, 'satisfied'), n: trailing.n },
    );
  }
  return day.moments && trailing.moments ? meanDifference(day.moments, trailing.moments) : null;
}

/**
 * Alert when a day with enough answers (not low-n: ≥ 30) scores significantly worse than the
 * trailing level: the whole 95% interval of day − trailing lies on the worse side of 0. Worse is
 * below for NPS, CSAT and the 1–7 agreement CES, above for the 1–5 effort CES (lower_better).
 */
export function decideAlert(input: {
  type: SurveyKind;
  direction: Direction;
  day: SegmentFigures;
  trailing: SegmentFigures;
}): AlertDecision {
  if (isLowN(input.day.n)) return { alert: false, reason: 'too-few-answers', change: null };
  const d = change(input.type, input.day, input.trailing);
  if (!d) return { alert: false, reason: 'no-comparison', change: null };
  const worse = input.direction === 'lower_better' ? d.ci95[0] > 0 : d.ci95[1] < 0;
  if (worse) return { alert: true, change: d };
  const pointWorse = input.direction === 'lower_better' ? d.difference > 0 : d.difference < 0;
  return { alert: false, reason: pointWorse ? 'not-significant' : 'not-worse', change: d };
}
