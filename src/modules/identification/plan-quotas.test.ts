import { describe, expect, it } from 'vitest';
import { quotasFromPlan } from './plan-quotas.ts';

const town = { unitId: 2, unitName: '三星镇', unitPath: '/1/2/', categoryId: 9, categoryName: '农村低保人员' };
const village = { unitId: 3, unitName: '新星村', unitPath: '/1/2/3/', categoryId: 9, categoryName: '农村低保人员' };

describe('quotasFromPlan', () => {
  it('sets each planned count as the quota, counting what is already equal', () => {
    const result = quotasFromPlan({
      plans: [
        { ...town, plannedCount: 40 },
        { ...village, plannedCount: 12 },
      ],
      quotas: [{ unitId: 3, unitPath: '/1/2/3/', categoryId: 9, quota: 12 }],
      used: [],
    });
    expect(result).toEqual({
      changes: [{ unitId: 2, unitName: '三星镇', categoryId: 9, categoryName: '农村低保人员', from: null, to: 40 }],
      keptAbovePlan: [],
      unchanged: 1,
    });
  });

  it('keeps a quota the unit has already used or split down beyond the plan, and reports it', () => {
    const result = quotasFromPlan({
      plans: [
        { ...town, plannedCount: 10 },
        { ...village, plannedCount: 2 },
      ],
      quotas: [
        { unitId: 2, unitPath: '/1/2/', categoryId: 9, quota: 20 },
        { unitId: 3, unitPath: '/1/2/3/', categoryId: 9, quota: 8 },
        { unitId: 4, unitPath: '/1/2/4/', categoryId: 9, quota: 4 },
      ],
      used: [
        { unitId: 2, categoryId: 9, used: 1 },
        { unitId: 3, categoryId: 9, used: 5 },
      ],
    });
    expect(result.changes).toEqual([]);
    expect(result.keptAbovePlan).toEqual([
      { unitId: 2, unitName: '三星镇', categoryId: 9, categoryName: '农村低保人员', planned: 10, taken: 13, quota: 20 },
      { unitId: 3, unitName: '新星村', categoryId: 9, categoryName: '农村低保人员', planned: 2, taken: 5, quota: 8 },
    ]);
  });

  it('lowers a quota to the plan when the places taken still fit', () => {
    const result = quotasFromPlan({
      plans: [{ ...village, plannedCount: 5 }],
      quotas: [{ unitId: 3, unitPath: '/1/2/3/', categoryId: 9, quota: 8 }],
      used: [{ unitId: 3, categoryId: 9, used: 5 }],
    });
    expect(result.changes).toEqual([expect.objectContaining({ unitId: 3, from: 8, to: 5 })]);
  });
});
