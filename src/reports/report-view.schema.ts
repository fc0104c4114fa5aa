import { z } from 'zod';

/**
 * The JSON reports, as documented: their figures are described in the README's reports
 * section; each is an object whose figures depend on the survey type.
 */
const report = (description: string) =>
  z.record(z.string(), z.unknown()).meta({ description, type: 'object' });

export const reportView = {
  summary: report('Overall figures and one row per group'),
  trend: report('One point per period'),
  distribution: report('Counts per score'),
  volume: report('The invitation funnel'),
  revenue: report('Figures per revenue tier'),
  sample: report('The sampled answers'),
  followup: report('Follow-up figures'),
  agent: report("The agent's card"),
};
