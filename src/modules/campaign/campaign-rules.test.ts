import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import { assertBudgetInRange, type BudgetPlan } from './campaign-rules.ts';

/** 200,000.00 yuan a head for 10,000,000 people: 2e14 fen, every figure at its bound. */
const biggest = (id: number) => ({
  id,
  name: `类别${id}`,
  layer: 'general' as const,
  plannedCount: 10_000_000,
  cashFen: 10_000_000,
  giftFen: 10_000_000,
  items: [],
});

function fieldOfOverflow(plan: BudgetPlan): string | undefined {
  try {
    assertBudgetInRange(plan);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'BUDGET_OUT_OF_RANGE') return error.details[0]?.field;
    throw error;
  }
  return undefined;
}

describe('a budget within the safe integers', () => {
  const fortyFive = Array.from({ length: 45 }, (_, index) => biggest(index + 1));

  it('takes 45 categories at every bound (9e15 fen)', () => {
    expect(fieldOfOverflow({ categories: fortyFive, unitPlans: [], matchingFunds: [] })).toBeUndefined();
  });

  it('names the matching fund that pushes the overall total past 2^53 − 1 fen', () => {
    const funds = Array.from({ length: 8 }, () => ({ amountFen: 1_000_000_000_000 }));
    expect(fieldOfOverflow({ categories: fortyFive, unitPlans: [], matchingFunds: funds })).toBe(
      'matchingFunds.7.amountFen',
    );
  });

  it("names the unit plan that pushes one unit's total past it, whatever the other units hold", () => {
    const plans = fortyFive.map((category) => ({ unitId: 1, categoryId: category.id, plannedCount: 10_000_000 }));
    const other = { unitId: 2, categoryId: 1, plannedCount: 10_000_000 };
    expect(
      fieldOfOverflow({
        categories: [
          ...fortyFive.slice(0, 44),
          { ...biggest(45), plannedCount: 1 },
          { ...biggest(46), plannedCount: 1 },
        ],
        unitPlans: [other, ...plans, { unitId: 1, categoryId: 46, plannedCount: 10_000_000 }],
        matchingFunds: [],
      }),
    ).toBe('plans.46.plannedCount');
  });
});
