import { describe, expect, it } from 'vitest';
import { unitProgress } from '../../../modules/identification/progress.ts';
import { deadlineDay, lateRows, progressBarOf, removalsOf } from './progress-display.ts';

// a village with 3 places: 2 names final, 1 removed by a sustained objection
const [village] = unitProgress(
  [{ unitId: 3, unitName: '甲村', unitPath: '/1/2/3/', categoryId: 10, quota: 3 }],
  [
    { unitId: 3, categoryId: 10, status: 'final', n: 2 },
    { unitId: 3, categoryId: 10, status: 'removed-by-objection', n: 1 },
  ],
  new Map([[3, '甲村']]),
  { now: new Date('2027-12-25T00:00:00+08:00'), firstDeadline: '2027-12-24', share: 0.7 },
);

describe('the progress bar', () => {
  it('shows 2 final of 3 places as 2/3 (67%), not 100%', () => {
    expect(progressBarOf(village!)).toEqual({ percent: 67, successPercent: 67, text: '2/3' });
  });

  it('shows the server’s numbers as they are, adding nothing up', () => {
    const row = { quota: 4, onList: 1, completion: { onListPercent: 25, livePercent: 50 } };
    expect(progressBarOf(row)).toEqual({ percent: 50, successPercent: 25, text: '1/4' });
  });
});

describe('the removed column', () => {
  it('names each reason a name left the list, once', () => {
    expect(removalsOf(village!)).toEqual([{ reason: 'removedByObjection', n: 1 }]);
  });
});

describe('the first deadline', () => {
  it('writes the day in the screen’s language and tells only late units', () => {
    expect(deadlineDay('2027-12-24', 'zh')).toBe('2027年12月24日');
    expect(deadlineDay('2027-12-24', 'en')).toBe('2027-12-24');
    expect(lateRows([village!])).toEqual([]);
    const late = { ...village!, firstDeadline: { ...village!.firstDeadline!, isLate: true, missing: 1 } };
    expect(lateRows([village!, late])).toEqual([late]);
  });
});
