/**
 * Budget rules (慰问标准及资金): count × standard per category, subtotals per layer, grand total,
 * matching funds (配套) from lower units, and the reverse question (篇八): how many households a
 * sum of money serves at a given standard. All amounts are integer fen.
 */
import { multiplyFen, sumFen, type Fen } from '../shared/money.ts';
import type { CampaignCategory, CategoryLayer, MatchingFund, UnitPlan } from './campaign.ts';
import { CATEGORY_LAYERS } from './campaign.ts';

export interface StandardParts {
  cashFen: Fen;
  giftFen: Fen;
  items: readonly { quantity: number; unitPriceFen: Fen }[];
}

export interface BudgetLine {
  categoryId: number;
  name: string;
  layer: CategoryLayer;
  count: number;
  cashFen: Fen;
  giftFen: Fen;
  itemsFen: Fen;
  perPersonFen: Fen;
  totalFen: Fen;
}

export interface LayerSubtotal {
  layer: CategoryLayer;
  count: number;
  totalFen: Fen;
}

export interface UnitBudget {
  unitId: number;
  unitName: string;
  count: number;
  totalFen: Fen;
}

export interface Budget {
  lines: BudgetLine[];
  layers: LayerSubtotal[];
  totalCount: number;
  grandTotalFen: Fen;
  matchingTotalFen: Fen;
  /** grand total plus matching funds: everything that will be spent. */
  overallFen: Fen;
  units: UnitBudget[];
  /** categories whose per-unit counts do not add up to the category's planned count */
  unitPlanMismatches: { categoryId: number; name: string; plannedCount: number; unitSum: number }[];
}

/** The value of one person's standard: cash + gift + in-kind items at their unit prices. */
export function perPersonFen(standard: StandardParts): Fen {
  const itemsFen = itemsValueFen(standard.items);
  return sumFen([standard.cashFen, standard.giftFen, itemsFen]);
}

export function itemsValueFen(items: StandardParts['items']): Fen {
  return sumFen(items.map((item) => multiplyFen(item.unitPriceFen, item.quantity)));
}

export function hasStandard(standard: StandardParts): boolean {
  return perPersonFen(standard) > 0;
}

export function computeBudgetLine(category: CampaignCategory): BudgetLine {
  const itemsFen = itemsValueFen(category.items);
  const perPerson = perPersonFen(category);
  return {
    categoryId: category.id,
    name: category.name,
    layer: category.layer,
    count: category.plannedCount,
    cashFen: category.cashFen,
    giftFen: category.giftFen,
    itemsFen,
    perPersonFen: perPerson,
    totalFen: multiplyFen(perPerson, category.plannedCount),
  };
}

export function computeBudget(
  categories: CampaignCategory[],
  unitPlans: UnitPlan[] = [],
  matchingFunds: MatchingFund[] = [],
): Budget {
  const sorted = [...categories].sort((a, b) => layerOrder(a.layer) - layerOrder(b.layer) || a.sort - b.sort);
  const lines = sorted.map(computeBudgetLine);
  const layers = CATEGORY_LAYERS.map((layer) => {
    const inLayer = lines.filter((line) => line.layer === layer);
    return {
      layer,
      count: inLayer.reduce((n, line) => n + line.count, 0),
      totalFen: sumFen(inLayer.map((line) => line.totalFen)),
    };
  }).filter((subtotal) => lines.some((line) => line.layer === subtotal.layer));
  const grandTotalFen = sumFen(lines.map((line) => line.totalFen));
  const matchingTotalFen = sumFen(matchingFunds.map((fund) => fund.amountFen));
  return {
    lines,
    layers,
    totalCount: lines.reduce((n, line) => n + line.count, 0),
    grandTotalFen,
    matchingTotalFen,
    overallFen: sumFen([grandTotalFen, matchingTotalFen]),
    units: computeUnitBudgets(lines, unitPlans),
    unitPlanMismatches: findUnitPlanMismatches(categories, unitPlans),
  };
}

function layerOrder(layer: CategoryLayer): number {
  return CATEGORY_LAYERS.indexOf(layer);
}

function computeUnitBudgets(lines: BudgetLine[], unitPlans: UnitPlan[]): UnitBudget[] {
  const perPersonByCategory = new Map(lines.map((line) => [line.categoryId, line.perPersonFen]));
  const byUnit = new Map<number, UnitBudget>();
  for (const plan of unitPlans) {
    const perPerson = perPersonByCategory.get(plan.categoryId);
    if (perPerson === undefined) continue;
    const unit = byUnit.get(plan.unitId) ?? { unitId: plan.unitId, unitName: plan.unitName, count: 0, totalFen: 0 };
    unit.count += plan.plannedCount;
    unit.totalFen = sumFen([unit.totalFen, multiplyFen(perPerson, plan.plannedCount)]);
    byUnit.set(plan.unitId, unit);
  }
  return [...byUnit.values()].sort((a, b) => a.unitId - b.unitId);
}

function findUnitPlanMismatches(categories: CampaignCategory[], unitPlans: UnitPlan[]) {
  const mismatches: Budget['unitPlanMismatches'] = [];
  for (const category of categories) {
    const plans = unitPlans.filter((plan) => plan.categoryId === category.id);
    if (plans.length === 0) continue;
    const unitSum = plans.reduce((n, plan) => n + plan.plannedCount, 0);
    if (unitSum !== category.plannedCount) {
      mismatches.push({ categoryId: category.id, name: category.name, plannedCount: category.plannedCount, unitSum });
    }
  }
  return mismatches;
}

export interface Affordability {
  households: number;
  spentFen: Fen;
  remainderFen: Fen;
}

/** 篇八: "暂定对象30—50户,视经费情况决定" — how many households the money serves at this standard. */
export function householdsAffordable(availableFen: Fen, perHouseholdFen: Fen): Affordability {
  if (!Number.isSafeInteger(availableFen) || availableFen < 0) throw new RangeError('available funds must be ≥ 0 fen');
  if (!Number.isSafeInteger(perHouseholdFen) || perHouseholdFen <= 0) {
    throw new RangeError('the standard per household must be > 0 fen');
  }
  const households = Math.floor(availableFen / perHouseholdFen);
  const spentFen = households * perHouseholdFen;
  return { households, spentFen, remainderFen: availableFen - spentFen };
}

/**
 * Spreads a planned count over units in proportion to weights (e.g. registered people per town),
 * by the largest-remainder method so the parts always add up to the whole.
 */
export function apportion(total: number, weights: { unitId: number; weight: number }[]): Map<number, number> {
  const result = new Map<number, number>();
  const weightSum = weights.reduce((n, w) => n + w.weight, 0);
  if (weights.length === 0) return result;
  const shares = weights.map((w) => {
    const exact = weightSum > 0 ? (total * w.weight) / weightSum : total / weights.length;
    return { unitId: w.unitId, floor: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let left = total - shares.reduce((n, s) => n + s.floor, 0);
  const byRemainder = [...shares].sort((a, b) => b.remainder - a.remainder || a.unitId - b.unitId);
  for (const share of byRemainder) {
    result.set(share.unitId, share.floor + (left > 0 ? 1 : 0));
    if (left > 0) left -= 1;
  }
  return result;
}
