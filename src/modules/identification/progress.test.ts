import { describe, expect, it } from 'vitest';
import { percentOf, quotaStandings, unitProgress, type QuotaLine, type StatusCount } from './progress.ts';

// the district (1) gives the town (2) 7 places, which it splits 3 / 4 among villages A (3) and B (4)
const LINES: QuotaLine[] = [
  { unitId: 2, unitName: '测试镇', unitPath: '/1/2/', categoryId: 10, quota: 7 },
  { unitId: 3, unitName: '甲村', unitPath: '/1/2/3/', categoryId: 10, quota: 3 },
  { unitId: 4, unitName: '乙村', unitPath: '/1/2/4/', categoryId: 10, quota: 4 },
];
const NAMES = new Map(LINES.map((line) => [line.unitId, line.unitName]));
const AFTER_12_24 = { now: new Date('2027-12-25T00:00:00+08:00'), firstDeadline: '2027-12-24', share: 0.7 };

describe('the quota table against the first deadline', () => {
  it('judges a town that split its quota by its villages, and a village by what it has put forward', () => {
    const counts: StatusCount[] = [
      { unitId: 3, categoryId: 10, status: 'in-review', n: 2 },
      { unitId: 3, categoryId: 10, status: 'withdrawn', n: 1 },
      { unitId: 4, categoryId: 10, status: 'nominated', n: 1 },
      { unitId: 4, categoryId: 10, status: 'rejected-by-verification', n: 1 },
    ];
    const [town, a, b] = quotaStandings(LINES, counts, AFTER_12_24);
    expect(town).toMatchObject({ kept: 0, firstDeadline: { required: 0, isLate: false } });
    // a withdrawn name gave its place back; a name struck out at the visit still counts as sent in
    expect(a).toMatchObject({ kept: 3, submitted: 2, firstDeadline: { required: 3, missing: 1, isLate: true } });
    expect(b).toMatchObject({ kept: 4, submitted: 2, firstDeadline: { required: 3, missing: 1, isLate: true } });
  });

  it('marks nobody late before the day is over, or without a first deadline', () => {
    const before = { ...AFTER_12_24, now: new Date('2027-12-24T12:00:00+08:00') };
    expect(quotaStandings(LINES, [], before).map((line) => line.firstDeadline?.isLate)).toEqual([false, false, false]);
    expect(
      quotaStandings(LINES, [], { ...AFTER_12_24, firstDeadline: null }).map((line) => line.firstDeadline),
    ).toEqual([null, null, null]);
  });
});

describe('the progress view', () => {
  it('shows a village with 2 final names and 1 removed by objection of 3 as 2 of 3 (67%), not 100%', () => {
    const [, a] = unitProgress(
      LINES,
      [
        { unitId: 3, categoryId: 10, status: 'final', n: 2 },
        { unitId: 3, categoryId: 10, status: 'removed-by-objection', n: 1 },
      ],
      NAMES,
      AFTER_12_24,
    );
    expect(a).toMatchObject({
      unitName: '甲村',
      quota: 3,
      final: 2,
      approved: 0,
      noticed: 0,
      onList: 2,
      live: 2,
      removed: { total: 1, removedByObjection: 1 },
      completion: { onListPercent: 67, livePercent: 67 },
      firstDeadline: { required: 3, submitted: 3, missing: 0, isLate: false },
    });
  });

  it('adds a unit’s categories up with submitted counted up to each one’s share, so required − submitted = missing', () => {
    const lines: QuotaLine[] = [
      { unitId: 3, unitName: '甲村', unitPath: '/1/2/3/', categoryId: 10, quota: 3 },
      { unitId: 3, unitName: '甲村', unitPath: '/1/2/3/', categoryId: 11, quota: 4 },
    ];
    const [row] = unitProgress(lines, [{ unitId: 3, categoryId: 10, status: 'nominated', n: 3 }], NAMES, AFTER_12_24);
    expect(row!.firstDeadline).toEqual({
      deadline: '2027-12-24',
      hasPassed: true,
      required: 6,
      submitted: 3,
      missing: 3,
      isLate: true,
    });
  });

  it('gives whole percents of the quota, at most 100, and 0 without a quota', () => {
    expect([percentOf(2, 3), percentOf(5, 4), percentOf(1, 0)]).toEqual([67, 100, 0]);
  });
});
