/**
 * Taking the campaign plan's 单位分配 (planned count per unit and category) as identification quotas
 * (名额), so the organiser does not type the same numbers twice. A quota is never set below the places
 * a unit has already taken: the names it put forward that count against it, and the quota it has
 * already split among its own units. Those units keep their quota and are reported instead.
 */

export interface PlannedCount {
  unitId: number;
  unitName: string;
  unitPath: string;
  categoryId: number;
  categoryName: string;
  plannedCount: number;
}

export interface CurrentQuota {
  unitId: number;
  unitPath: string;
  categoryId: number;
  quota: number;
}

export interface UsedPlaces {
  unitId: number;
  categoryId: number;
  used: number;
}

export interface QuotaChange {
  unitId: number;
  unitName: string;
  categoryId: number;
  categoryName: string;
  /** the quota before, null when the unit had none */
  from: number | null;
  to: number;
}

export interface QuotaKeptAbovePlan {
  unitId: number;
  unitName: string;
  categoryId: number;
  categoryName: string;
  planned: number;
  /** names counted against the quota plus the quota already split among the unit's own units */
  taken: number;
  quota: number | null;
}

export interface PlanQuotas {
  changes: QuotaChange[];
  keptAbovePlan: QuotaKeptAbovePlan[];
  /** planned counts that already equal the quota */
  unchanged: number;
}

const key = (unitId: number, categoryId: number) => `${unitId}:${categoryId}`;

function parentPath(path: string): string {
  return path.replace(/[^/]+\/$/, '');
}

export function quotasFromPlan(input: {
  plans: readonly PlannedCount[];
  quotas: readonly CurrentQuota[];
  used: readonly UsedPlaces[];
}): PlanQuotas {
  const current = new Map(input.quotas.map((quota) => [key(quota.unitId, quota.categoryId), quota.quota]));
  const usedAt = new Map(input.used.map((entry) => [key(entry.unitId, entry.categoryId), entry.used]));
  const splitDown = new Map<string, number>();
  for (const quota of input.quotas) {
    const parent = `${parentPath(quota.unitPath)}:${quota.categoryId}`;
    splitDown.set(parent, (splitDown.get(parent) ?? 0) + quota.quota);
  }
  const result: PlanQuotas = { changes: [], keptAbovePlan: [], unchanged: 0 };
  for (const plan of input.plans) {
    const from = current.get(key(plan.unitId, plan.categoryId)) ?? null;
    const taken =
      (usedAt.get(key(plan.unitId, plan.categoryId)) ?? 0) +
      (splitDown.get(`${plan.unitPath}:${plan.categoryId}`) ?? 0);
    const named = {
      unitId: plan.unitId,
      unitName: plan.unitName,
      categoryId: plan.categoryId,
      categoryName: plan.categoryName,
    };
    if (plan.plannedCount < taken) {
      result.keptAbovePlan.push({ ...named, planned: plan.plannedCount, taken, quota: from });
    } else if (from === plan.plannedCount) {
      result.unchanged += 1;
    } else {
      result.changes.push({ ...named, from, to: plan.plannedCount });
    }
  }
  return result;
}
