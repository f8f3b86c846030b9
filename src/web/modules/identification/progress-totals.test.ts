import { describe, expect, it } from 'vitest';
import type { ProgressRow } from './api/identification-api.ts';
import { progressTotals, topmostFlags } from './progress-totals.ts';

const row = (unitId: number, quota: number, notSent: number): ProgressRow => ({
  unitId,
  unitName: String(unitId),
  quota,
  notSent,
  inVerification: 0,
  inReview: 0,
  approved: 0,
  noticed: 0,
  final: 0,
  removed: {
    notEligible: 1,
    rejectedInReview: 0,
    removedByObjection: 0,
    removedByCorrection: 0,
    withdrawn: 0,
    total: 1,
  },
  live: notSent,
  onList: 0,
  completion: { onListPercent: 0, livePercent: 0 },
  firstDeadline: null,
});

describe('progressTotals', () => {
  it('adds the names of every unit but the quotas of the top-most units only', () => {
    const paths: Record<number, string> = { 2: '/1/2/', 3: '/1/2/3/', 4: '/1/2/4/', 5: '/1/5/' };
    const totals = progressTotals([row(2, 10, 0), row(3, 6, 4), row(4, 4, 1), row(5, 7, 2)], (id) => paths[id]);
    expect(totals).toMatchObject({ quota: 17, notSent: 7, removed: 4 });
  });

  it('marks the units no other listed unit lies above', () => {
    expect(topmostFlags(['/1/2/', '/1/2/3/', '/1/5/', undefined])).toEqual([true, false, true, true]);
  });
});
