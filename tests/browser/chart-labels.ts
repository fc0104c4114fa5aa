import type { Page } from 'playwright-core';

/**
 * The rendered size, in CSS pixels, of every visible chart label (SVG text) on the page: its
 * font size in SVG units times the chart's scale on screen. Evaluated as a string, as the tests
 * are compiled without the DOM library.
 */
export const chartLabelSizes = (page: Page) =>
  page.evaluate<number[]>(
    `[...document.querySelectorAll('svg.chart text')]
      .filter((t) => t.getClientRects().length > 0)
      .map((t) => parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 1))`,
  );
