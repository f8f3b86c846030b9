/**
 * The progress view's totals. Names are counted at the unit that put them forward, so their counts
 * add up; a quota is held by a town and again, split, by its villages, so only the top-most units'
 * quotas are added, or the allocation would count twice.
 */
import type { ProgressRow } from './api/identification-api.ts';

export const PROGRESS_TOTALS = [
  'quota',
  'notSent',
  'inVerification',
  'inReview',
  'approved',
  'noticed',
  'final',
  'removed',
] as const;
export type ProgressTotalKey = (typeof PROGRESS_TOTALS)[number];

export function progressTotals(
  rows: readonly ProgressRow[],
  pathOf: (unitId: number) => string | undefined,
): Record<ProgressTotalKey, number> {
  const topmost = topmostFlags(rows.map((row) => pathOf(row.unitId)));
  const totals = Object.fromEntries(PROGRESS_TOTALS.map((key) => [key, 0])) as Record<ProgressTotalKey, number>;
  rows.forEach((row, index) => {
    for (const key of PROGRESS_TOTALS) {
      if (key === 'quota' && !topmost[index]) continue;
      totals[key] += key === 'removed' ? row.removed.total : row[key];
    }
  });
  return totals;
}

/** Per unit path: true when no other unit in the list lies above it (an unknown path counts as top-most). */
export function topmostFlags(paths: readonly (string | undefined)[]): boolean[] {
  return paths.map(
    (path) =>
      path === undefined || !paths.some((other) => other !== undefined && other !== path && path.startsWith(other)),
  );
}
