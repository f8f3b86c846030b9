/** Checks a campaign plan must pass before it is saved. Pure: each failure names its field. */
import { invalid, DomainError, type ErrorDetail } from '../shared/errors.ts';
import { hasStandard } from './budget.ts';
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
