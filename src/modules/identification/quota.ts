/**
 * Quotas (名额, 分配表, 篇七): how many names each unit may put forward in a category. The
 * organiser allocates them by hand or in proportion to the people registered in the category;
 * a unit splits its own quota further down its subtree, never beyond what it was given.
 */
import { apportion } from '../campaign/budget.ts';
import { DomainError, invalid, type ErrorDetail } from '../shared/errors.ts';
import { countsTowardQuota, type NominationState, type NominationStatus } from './nomination-state.ts';

export interface UnitQuota {
  unitId: number;
  quota: number;
}

/**
 * Shares `total` out in proportion to the people registered in the category, largest remainder
 * first so the parts add up to the total. A unit with nobody registered gets nothing; when no unit
 * has anyone registered, the quota is split evenly. Results keep the order of `units`.
 */
export function allocateByRule(
  total: number,
  units: readonly { unitId: number; registeredInCategory: number }[],
): UnitQuota[] {
  assertCount(total, 'total quota');
  const seen = new Set<number>();
  for (const unit of units) {
    assertCount(unit.registeredInCategory, `registered people of unit ${unit.unitId}`);
    if (seen.has(unit.unitId)) throw new RangeError(`unit ${unit.unitId} appears twice`);
    seen.add(unit.unitId);
  }
  const withPeople = units.filter((unit) => unit.registeredInCategory > 0);
  const weighted = withPeople.length > 0 ? withPeople : units;
  const shares = apportion(
    total,
    weighted.map((unit) => ({ unitId: unit.unitId, weight: unit.registeredInCategory })),
  );
  return units.map((unit) => ({ unitId: unit.unitId, quota: shares.get(unit.unitId) ?? 0 }));
}

export interface ChildQuota {
  unitId: number;
  unitName: string;
  quota: number;
  /** names the child has already put forward, if any: its quota cannot drop below them */
  used?: number;
}

export interface QuotaSplitProblem {
  /** null: the split as a whole */
  unitId: number | null;
  code: 'QUOTA_NOT_WHOLE' | 'QUOTA_BELOW_USED' | 'QUOTA_SPLIT_EXCEEDS_PARENT' | 'DUPLICATE_UNIT';
  message: string;
  messageZh: string;
}

export interface QuotaSplit {
  ok: boolean;
  allocated: number;
  /** what the unit kept back (never negative; see the problems when the split exceeds the parent) */
  unallocated: number;
  problems: QuotaSplitProblem[];
}

/** Checks a hand-made split of a unit's quota among its children. */
export function splitQuota(parentQuota: number, children: readonly ChildQuota[]): QuotaSplit {
  assertCount(parentQuota, 'parent quota');
  const problems = children.flatMap((child, index) => childProblems(child, children.slice(0, index)));
  const allocated = children.reduce((n, child) => n + (isCount(child.quota) ? child.quota : 0), 0);
  if (allocated > parentQuota) {
    problems.push({
      unitId: null,
      code: 'QUOTA_SPLIT_EXCEEDS_PARENT',
      message: `the children's quotas add up to ${allocated}, more than the ${parentQuota} this unit was given`,
      messageZh: `下级名额合计${allocated}个，超过本单位名额${parentQuota}个`,
    });
  }
  return {
    ok: problems.length === 0,
    allocated,
    unallocated: Math.max(0, parentQuota - allocated),
    problems,
  };
}

export function assertQuotaSplit(parentQuota: number, children: readonly ChildQuota[]): QuotaSplit {
  const split = splitQuota(parentQuota, children);
  if (split.ok) return split;
  throw quotaProblemsError(split.problems);
}

/** The organiser allocates freely, but never below the places a unit has already taken. */
export function assertQuotasCoverUsed(units: readonly ChildQuota[]): void {
  const problems = units.flatMap((unit, index) => childProblems(unit, units.slice(0, index)));
  if (problems.length > 0) throw quotaProblemsError(problems);
}

function quotaProblemsError(problems: readonly QuotaSplitProblem[]): DomainError {
  const details: ErrorDetail[] = problems.map((problem) => ({
    field: problem.unitId === null ? 'children' : `children.${problem.unitId}.quota`,
    message: problem.message,
    messageZh: problem.messageZh,
  }));
  return new DomainError(
    'invalid',
    'QUOTA_SPLIT_INVALID',
    problems.map((problem) => problem.message).join('; '),
    problems.map((problem) => problem.messageZh).join('；'),
    details,
  );
}

function childProblems(child: ChildQuota, before: readonly ChildQuota[]): QuotaSplitProblem[] {
  if (before.some((other) => other.unitId === child.unitId)) {
    return [
      {
        unitId: child.unitId,
        code: 'DUPLICATE_UNIT',
        message: `${child.unitName} appears twice`,
        messageZh: `${child.unitName}重复出现`,
      },
    ];
  }
  if (!isCount(child.quota)) {
    return [
      {
        unitId: child.unitId,
        code: 'QUOTA_NOT_WHOLE',
        message: `the quota of ${child.unitName} must be a whole number ≥ 0`,
        messageZh: `${child.unitName}的名额须为不小于0的整数`,
      },
    ];
  }
  const used = child.used ?? 0;
  if (child.quota < used) {
    return [
      {
        unitId: child.unitId,
        code: 'QUOTA_BELOW_USED',
        message: `${child.unitName} has already put forward ${used}, its quota cannot be ${child.quota}`,
        messageZh: `${child.unitName}已报${used}个，名额不能少于${used}个`,
      },
    ];
  }
  return [];
}

export interface QuotaUsage {
  quota: number;
  used: number;
  remaining: number;
  /** used beyond the quota (after a quota was lowered); 0 normally */
  over: number;
}

/** Counts the names that use up the quota: everything but withdrawn ones (see nomination-state.ts). */
export function quotaUsage(input: {
  quota: number;
  states: readonly (NominationState | NominationStatus)[];
}): QuotaUsage {
  assertCount(input.quota, 'quota');
  const used = input.states.filter((state) => countsTowardQuota(state)).length;
  return {
    quota: input.quota,
    used,
    remaining: Math.max(0, input.quota - used),
    over: Math.max(0, used - input.quota),
  };
}

export interface WithinQuotaInput {
  unitName: string;
  categoryName: string;
  quota: number;
  used: number;
  /** how many names this action adds (a batch); 1 by default */
  adding?: number;
}

export function assertWithinQuota(input: WithinQuotaInput): void {
  const adding = input.adding ?? 1;
  if (input.used + adding <= input.quota) return;
  const { unitName, categoryName, quota, used } = input;
  const batch = adding === 1 ? '' : `，本次报${adding}个，超出${used + adding - quota}个`;
  const batchEn = adding === 1 ? '' : `; adding ${adding} would exceed it by ${used + adding - quota}`;
  throw invalid(
    'OVER_QUOTA',
    `${unitName} has a quota of ${quota} for ‘${categoryName}’ and has put forward ${used}${batchEn}`,
    `${unitName}‘${categoryName}’名额${quota}个，已报${used}个${batch}`,
  );
}

function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function assertCount(value: number, what: string): void {
  if (!isCount(value)) throw new RangeError(`${what} must be a whole number ≥ 0, not ${value}`);
}
