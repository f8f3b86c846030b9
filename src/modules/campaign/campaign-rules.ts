/** Checks a campaign plan must pass before it is saved. Pure: each failure names its field. */
import { invalid, DomainError, type ErrorDetail } from '../shared/errors.ts';
import { formatFen, multiplyFen, type Fen } from '../shared/money.ts';
import { hasStandard, perPersonFen } from './budget.ts';
import type { CategoryLayer } from './campaign.ts';

export interface PlanPhaseInput {
  name: string;
  startsOn: string;
  endsOn: string;
  description: string | null;
}

export interface PlanCategoryInput {
  name: string;
  layer: CategoryLayer;
  plannedCount: number;
  cashFen: number;
  giftFen: number;
  items: { itemId: number; quantity: number; unitPriceFen: number }[];
}

export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function validatePhases(phases: PlanPhaseInput[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  phases.forEach((phase, index) => {
    const field = `phases.${index}`;
    for (const key of ['startsOn', 'endsOn'] as const) {
      if (!isRealDate(phase[key])) {
        problems.push({
          field: `${field}.${key}`,
          message: `phase "${phase.name}": ${phase[key]} is not a date`,
          messageZh: `阶段“${phase.name}”的日期${phase[key]}无效`,
        });
      }
    }
    if (isRealDate(phase.startsOn) && isRealDate(phase.endsOn) && phase.endsOn < phase.startsOn) {
      problems.push({
        field: `${field}.endsOn`,
        message: `phase "${phase.name}" ends (${phase.endsOn}) before it starts (${phase.startsOn})`,
        messageZh: `阶段“${phase.name}”的结束日期（${phase.endsOn}）早于开始日期（${phase.startsOn}）`,
      });
    }
  });
  return problems;
}

export function validateCategories(categories: PlanCategoryInput[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  categories.forEach((category, index) => {
    const field = `categories.${index}`;
    const name = category.name.trim();
    if (seen.has(name)) {
      problems.push({
        field: `${field}.name`,
        message: `category "${name}" appears twice`,
        messageZh: `类别“${name}”重复`,
      });
    }
    seen.add(name);
    if (!hasStandard({ cashFen: category.cashFen, giftFen: category.giftFen, items: category.items })) {
      problems.push({
        field: `${field}.cashFen`,
        message: `category "${name}" has no standard: set cash, gift value or in-kind items per person`,
        messageZh: `类别“${name}”未设置慰问标准：请填写每人慰问金、礼品金额或实物`,
      });
    }
    category.items.forEach((item, itemIndex) => {
      if (item.quantity <= 0) {
        problems.push({
          field: `${field}.items.${itemIndex}.quantity`,
          message: `category "${name}": item quantity must be at least 1`,
          messageZh: `类别“${name}”的物资数量至少为1`,
        });
      }
    });
  });
  return problems;
}

export interface BudgetPlan {
  categories: (PlanCategoryInput & { id?: number | null })[];
  unitPlans: { categoryId: number; unitId: number; plannedCount: number }[];
  matchingFunds: { amountFen: Fen }[];
}

/** Where to point an overflowing unit plan or matching fund: the request may not hold them itself. */
export interface BudgetFields {
  unitPlan: (index: number, categoryIndex: number) => string;
  matchingFund: (index: number) => string;
}

export const UNIT_PLAN_FIELDS: BudgetFields = {
  unitPlan: (index) => `plans.${index}.plannedCount`,
  matchingFund: (index) => `matchingFunds.${index}.amountFen`,
};

const LARGEST_BUDGET_YUAN = formatFen(Number.MAX_SAFE_INTEGER);

/**
 * Each figure is bounded by the schema, yet in-bound figures can still multiply or add up past
 * Number.MAX_SAFE_INTEGER fen, where a float starts dropping fen (and multiplyFen refuses). The sums the
 * budget will make are checked first, naming the figure at which one leaves the range.
 */
export function assertBudgetInRange(plan: BudgetPlan, fields: BudgetFields = UNIT_PLAN_FIELDS): void {
  const perPerson = new Map<number, Fen>();
  let grandTotal = 0;
  for (const [index, category] of plan.categories.entries()) {
    const field = `categories.${index}.plannedCount`;
    const lineTotal = lineTotalIfInRange(category);
    if (lineTotal === null)
      throw budgetOutOfRange(field, `the total of category "${category.name}"`, `类别“${category.name}”的金额`);
    grandTotal += lineTotal;
    if (!Number.isSafeInteger(grandTotal))
      throw budgetOutOfRange(field, `the campaign total, from category "${category.name}" on,`, '活动总金额');
    if (category.id) perPerson.set(category.id, perPersonFen(category));
  }
  assertUnitTotalsInRange(plan, perPerson, fields);
  let overall = grandTotal;
  for (const [index, fund] of plan.matchingFunds.entries()) {
    overall += fund.amountFen;
    if (!Number.isSafeInteger(overall))
      throw budgetOutOfRange(fields.matchingFund(index), 'the total with matching funds', '连同配套资金的总金额');
  }
}

function assertUnitTotalsInRange(plan: BudgetPlan, perPerson: Map<number, Fen>, fields: BudgetFields): void {
  const unitTotals = new Map<number, number>();
  for (const [index, unitPlan] of plan.unitPlans.entries()) {
    const standard = perPerson.get(unitPlan.categoryId);
    if (standard === undefined) continue;
    const total = (unitTotals.get(unitPlan.unitId) ?? 0) + standard * unitPlan.plannedCount;
    if (!Number.isSafeInteger(total)) {
      const categoryIndex = plan.categories.findIndex((category) => category.id === unitPlan.categoryId);
      throw budgetOutOfRange(fields.unitPlan(index, categoryIndex), "a unit's total", '单位的金额');
    }
    unitTotals.set(unitPlan.unitId, total);
  }
}

function lineTotalIfInRange(category: PlanCategoryInput): Fen | null {
  try {
    return multiplyFen(perPersonFen(category), category.plannedCount);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

function budgetOutOfRange(field: string, what: string, whatZh: string): DomainError {
  const message = `${what} is too large: a budget holds at most ${LARGEST_BUDGET_YUAN} yuan; lower the count or the standard`;
  const messageZh = `${whatZh}超出上限（预算最多${LARGEST_BUDGET_YUAN}元），请减少人数或降低标准`;
  return new DomainError('invalid', 'BUDGET_OUT_OF_RANGE', message, messageZh, [{ field, message, messageZh }]);
}

export function throwIfProblems(problems: ErrorDetail[]): void {
  if (problems.length === 0) return;
  const first = problems[0]!;
  throw new DomainError('invalid', 'PLAN_INVALID', first.message, first.messageZh ?? first.message, problems);
}

export function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw invalid(
      'YEAR_INVALID',
      `year ${year} must be between 2000 and 2100`,
      `年度${year}应在2000至2100之间`,
      'year',
    );
  }
}
