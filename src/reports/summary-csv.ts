import { csvRow, UTF8_BOM, type CsvValue } from './csv';
import type { SummaryGroup } from './summary.service';

export const SUMMARY_CSV_COLUMNS = [
  'key',
  'label',
  'score',
  'n',
  'ci_low',
  'ci_high',
  'response_rate',
  'low_n',
] as const;

type Row = Pick<SummaryGroup, 'score' | 'n' | 'ci95' | 'responseRate' | 'lowN'> & {
  key: string | null;
  label: string;
};

const cells = (r: Row): CsvValue[] => [
  r.key,
  r.label,
  r.score,
  r.n,
  r.ci95?.[0] ?? null,
  r.ci95?.[1] ?? null,
  r.responseRate,
  r.lowN,
];

/**
 * The summary table as CSV (BOM, CRLF, formula-safe cells): the overall row first, with an
 * empty key and the label "Overall", then one row per group. Missing figures are empty cells.
 */
export function summaryCsv(summary: {
  overall: Omit<Row, 'key' | 'label'>;
  groups: readonly Row[];
}): string {
  const lines = [
    csvRow([...SUMMARY_CSV_COLUMNS]),
    csvRow(cells({ ...summary.overall, key: null, label: 'Overall' })),
    ...summary.groups.map((g) => csvRow(cells(g))),
  ];
  return UTF8_BOM + lines.join('');
}
