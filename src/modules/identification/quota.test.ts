import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import { allocateByRule, assertQuotaSplit, assertWithinQuota, quotaUsage, splitQuota } from './quota.ts';

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('allocating by rule', () => {
  it('gives 篇七 188 特困 households in proportion to the people registered, adding up exactly', () => {
    const units = [
      { unitId: 1, registeredInCategory: 120 },
      { unitId: 2, registeredInCategory: 75 },
      { unitId: 3, registeredInCategory: 33 },
    ];
    const quotas = allocateByRule(188, units);
    expect(quotas).toEqual([
      { unitId: 1, quota: 99 },
      { unitId: 2, quota: 62 },
      { unitId: 3, quota: 27 },
    ]);
    expect(quotas.reduce((n, q) => n + q.quota, 0)).toBe(188);
  });

  it('a village with nobody registered in the category gets no quota', () => {
    const quotas = allocateByRule(5, [
      { unitId: 1, registeredInCategory: 0 },
      { unitId: 2, registeredInCategory: 1 },
      { unitId: 3, registeredInCategory: 1 },
    ]);
    expect(quotas).toEqual([
      { unitId: 1, quota: 0 },
      { unitId: 2, quota: 3 },
      { unitId: 3, quota: 2 },
    ]);
  });

  it('when nobody is registered anywhere, the quota is split evenly', () => {
    expect(
      allocateByRule(10, [
        { unitId: 1, registeredInCategory: 0 },
        { unitId: 2, registeredInCategory: 0 },
        { unitId: 3, registeredInCategory: 0 },
      ]).map((q) => q.quota),
    ).toEqual([4, 3, 3]);
  });

  it('refuses fractional totals and repeated units', () => {
    expect(() => allocateByRule(2.5, [{ unitId: 1, registeredInCategory: 1 }])).toThrow(RangeError);
    expect(() =>
      allocateByRule(2, [
        { unitId: 1, registeredInCategory: 1 },
        { unitId: 1, registeredInCategory: 2 },
      ]),
    ).toThrow(RangeError);
  });
});

describe('splitting a unit quota down the tree', () => {
  it('accepts a split within the town quota and reports what is kept back', () => {
    expect(
      splitQuota(12, [
        { unitId: 1, unitName: '甲村', quota: 3 },
        { unitId: 2, unitName: '乙村', quota: 8 },
      ]),
    ).toEqual({ ok: true, allocated: 11, unallocated: 1, problems: [] });
  });

  it('refuses a split that gives the villages more than the town has', () => {
    const split = splitQuota(12, [
      { unitId: 1, unitName: '甲村', quota: 5 },
      { unitId: 2, unitName: '乙村', quota: 8 },
    ]);
    expect(split.ok).toBe(false);
    expect(split.problems).toEqual([
      expect.objectContaining({
        unitId: null,
        code: 'QUOTA_SPLIT_EXCEEDS_PARENT',
        messageZh: '下级名额合计13个，超过本单位名额12个',
      }),
    ]);
  });

  it('names each village with a bad number, and one that already put forward more than its new quota', () => {
    const split = splitQuota(12, [
      { unitId: 1, unitName: '甲村', quota: -1 },
      { unitId: 2, unitName: '乙村', quota: 1.5 },
      { unitId: 3, unitName: '丙村', quota: 3, used: 5 },
    ]);
    expect(split.problems.map((p) => [p.unitId, p.code])).toEqual([
      [1, 'QUOTA_NOT_WHOLE'],
      [2, 'QUOTA_NOT_WHOLE'],
      [3, 'QUOTA_BELOW_USED'],
    ]);
    expect(split.problems[2]!.messageZh).toBe('丙村已报5个，名额不能少于5个');
  });

  it('the assert form throws with one detail per problem', () => {
    const error = caught(() =>
      assertQuotaSplit(2, [
        { unitId: 1, unitName: '甲村', quota: 2 },
        { unitId: 1, unitName: '甲村', quota: 1 },
      ]),
    );
    expect(error.code).toBe('QUOTA_SPLIT_INVALID');
    expect(error.details.map((d) => d.field)).toEqual(['children.1.quota', 'children']);
  });
});

describe('quota usage', () => {
  it('counts names removed after a home visit, but not withdrawn ones (篇七: no refill)', () => {
    expect(
      quotaUsage({
        quota: 9,
        states: ['nominated', 'verified', 'rejected-by-verification', { status: 'withdrawn', reason: '本人不愿' }],
      }),
    ).toEqual({ quota: 9, used: 3, remaining: 6, over: 0 });
  });

  it('shows how far over a lowered quota a unit is', () => {
    expect(quotaUsage({ quota: 2, states: ['approved', 'approved', 'noticed'] })).toEqual({
      quota: 2,
      used: 3,
      remaining: 0,
      over: 1,
    });
  });
});

describe('nominating within quota', () => {
  it('a village with 9 quota and 9 submitted cannot nominate a 10th', () => {
    const error = caught(() => assertWithinQuota({ unitName: '甲村', categoryName: '困难家庭', quota: 9, used: 9 }));
    expect(error.kind).toBe('invalid');
    expect(error.code).toBe('OVER_QUOTA');
    expect(error.messageZh).toBe('甲村‘困难家庭’名额9个，已报9个');
    expect(error.message).toContain('quota of 9');
  });

  it('the 9th is still accepted', () => {
    expect(() => assertWithinQuota({ unitName: '甲村', categoryName: '困难家庭', quota: 9, used: 8 })).not.toThrow();
  });

  it('a batch that would go over says by how much', () => {
    const error = caught(() =>
      assertWithinQuota({ unitName: '甲村', categoryName: '特困家庭', quota: 3, used: 1, adding: 4 }),
    );
    expect(error.messageZh).toBe('甲村‘特困家庭’名额3个，已报1个，本次报4个，超出2个');
  });
});
