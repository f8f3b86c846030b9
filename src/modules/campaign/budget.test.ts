import { describe, expect, it } from 'vitest';
import { apportion, computeBudget, householdsAffordable, perPersonFen } from './budget.ts';
import type { CampaignCategory } from './campaign.ts';
import { PIAN_WU_CATEGORIES } from './pian-wu.ts';

function pianWuCategories(): CampaignCategory[] {
  return PIAN_WU_CATEGORIES.map((spec, index) => ({
    id: index + 1,
    name: spec.name,
    layer: spec.layer,
    plannedCount: spec.plannedCount,
    countNote: spec.countNote,
    cashFen: spec.cashYuan * 100,
    giftFen: spec.giftYuan * 100,
    items: [],
    description: null,
    sort: index,
  }));
}

describe('the 篇五 budget', () => {
  const budget = computeBudget(pianWuCategories());

  it('gives every line as printed (and 22,000 where the plan printed 220xx)', () => {
    for (const spec of PIAN_WU_CATEGORIES) {
      const line = budget.lines.find((l) => l.name === spec.name)!;
      expect(line.totalFen).toBe((spec.printedTotalYuan ?? 22_000) * 100);
    }
  });

  it('adds up to 2,776,000.00 + 37,500.00 = 2,813,500.00 yuan', () => {
    expect(budget.layers).toEqual([
      { layer: 'general', count: 26_959, totalFen: 277_600_000 },
      { layer: 'leaderVisit', count: 75, totalFen: 3_750_000 },
    ]);
    expect(budget.grandTotalFen).toBe(281_350_000);
  });
});

describe('standards', () => {
  it('values a standard as cash + gift + in-kind items at their unit prices', () => {
    const standard = {
      cashFen: 60_000,
      giftFen: 0,
      items: [
        { quantity: 2, unitPriceFen: 6000 },
        { quantity: 1, unitPriceFen: 7500 },
      ],
    };
    expect(perPersonFen(standard)).toBe(60_000 + 12_000 + 7500);
  });

  it('adds matching funds apart from the grand total and sums unit plans per unit', () => {
    const [first] = pianWuCategories();
    const budget = computeBudget(
      [first!],
      [
        { unitId: 7, unitName: '甲镇', categoryId: 1, plannedCount: 3000 },
        { unitId: 8, unitName: '乙镇', categoryId: 1, plannedCount: 700 },
      ],
      [{ unitId: 7, unitName: '甲镇', amountFen: 5_000_000, note: null }],
    );
    expect(budget.grandTotalFen).toBe(37_260_000);
    expect(budget.matchingTotalFen).toBe(5_000_000);
    expect(budget.overallFen).toBe(42_260_000);
    expect(budget.units).toEqual([
      { unitId: 7, unitName: '甲镇', count: 3000, totalFen: 30_000_000 },
      { unitId: 8, unitName: '乙镇', count: 700, totalFen: 7_000_000 },
    ]);
    expect(budget.unitPlanMismatches).toEqual([
      { categoryId: 1, name: '重点优抚对象', plannedCount: 3726, unitSum: 3700 },
    ]);
  });
});

describe('how many households the money serves (篇八)', () => {
  it('divides the funds by the standard and reports the remainder', () => {
    expect(householdsAffordable(2_000_000, 60_000)).toEqual({
      households: 33,
      spentFen: 1_980_000,
      remainderFen: 20_000,
    });
  });

  it('refuses a zero standard', () => {
    expect(() => householdsAffordable(100, 0)).toThrow(RangeError);
  });
});

describe('apportioning a count over units', () => {
  it('always adds up to the whole, largest remainders first', () => {
    const shares = apportion(
      25,
      Array.from({ length: 22 }, (_, i) => ({ unitId: i + 1, weight: 1 })),
    );
    expect([...shares.values()].reduce((a, b) => a + b, 0)).toBe(25);
    expect(Math.max(...shares.values())).toBe(2);
  });

  it('follows the weights', () => {
    expect(
      Object.fromEntries(
        apportion(10, [
          { unitId: 1, weight: 3 },
          { unitId: 2, weight: 1 },
        ]),
      ),
    ).toEqual({ 1: 8, 2: 2 });
  });
});
