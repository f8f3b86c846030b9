/**
 * Review chains (审核流程), configured per campaign: village submits → town reviews → district
 * approves (篇四, 篇五), or subsidiary managers' meeting → group union (篇三). A step names a
 * level of the unit tree relative to the nominating unit, so one chain serves every village.
 *
 * Unit paths are the materialised paths of org/unit.ts ('/1/7/42/'; the root has depth 0).
 */
import type { Role } from '../org/roles.ts';
import { DomainError, forbidden, invalid } from '../shared/errors.ts';

/** Where a step's unit sits: so many levels above the nominating unit, or at a fixed depth of the tree. */
export type StepUnit = { levelsUp: number } | { depth: number };

export interface ReviewStep {
  /** shown to people: 镇街审核, 区民政局审批, 集团工会审核 */
  label: string;
  unit: StepUnit;
  /** who at that unit may act */
  roles: readonly Role[];
}

export type ReviewChain = readonly ReviewStep[];

/**
 * Reviewers and organisers act; the system administrator manages accounts and is not part of
 * deciding who gets help.
 */
export const REVIEW_ROLES: readonly Role[] = ['reviewer', 'organiser'];

export const VILLAGE_TOWN_DISTRICT_CHAIN: ReviewChain = [
  { label: '镇街审核', unit: { levelsUp: 1 }, roles: REVIEW_ROLES },
  { label: '区县审批', unit: { levelsUp: 2 }, roles: REVIEW_ROLES },
];

/** 篇三: the subsidiary's managers' meeting settles its list, the group union has the last word. */
export const SUBSIDIARY_GROUP_CHAIN: ReviewChain = [
  { label: '子公司经理办公会研究', unit: { levelsUp: 0 }, roles: REVIEW_ROLES },
  { label: '集团工会审核', unit: { levelsUp: 1 }, roles: REVIEW_ROLES },
];

/** Refuses an empty chain, a step without roles, or negative levels. */
export function validateChain(chain: ReviewChain): ReviewChain {
  if (chain.length === 0) {
    throw invalid('REVIEW_CHAIN_EMPTY', 'a review chain needs at least one step', '审核流程至少需要一个步骤', 'chain');
  }
  chain.forEach((step, index) => {
    const level = 'levelsUp' in step.unit ? step.unit.levelsUp : step.unit.depth;
    if (!Number.isInteger(level) || level < 0) {
      throw invalid(
        'REVIEW_STEP_UNIT_INVALID',
        `step ${index + 1} names no valid unit level`,
        `第${index + 1}步的审核单位层级无效`,
        `chain.${index}.unit`,
      );
    }
    if (step.roles.length === 0) {
      throw invalid(
        'REVIEW_STEP_ROLES_EMPTY',
        `step ${index + 1} names no role that may act`,
        `第${index + 1}步未指定审核角色`,
        `chain.${index}.roles`,
      );
    }
  });
  return chain;
}

/** The step after `currentIndex`, or null when `currentIndex` is the last one. */
export function nextStep(chain: ReviewChain, currentIndex: number): { index: number; step: ReviewStep } | null {
  assertStepIndex(chain, currentIndex);
  const step = chain[currentIndex + 1];
  return step ? { index: currentIndex + 1, step } : null;
}

export function isLastStep(chain: ReviewChain, index: number): boolean {
  assertStepIndex(chain, index);
  return index === chain.length - 1;
}

/** The path of the unit that acts on a step for a nomination filed at `nominatingUnitPath`, or null if the tree is not that deep. */
export function stepUnitPath(step: ReviewStep, nominatingUnitPath: string): string | null {
  const ids = pathIds(nominatingUnitPath);
  const keep = 'levelsUp' in step.unit ? ids.length - step.unit.levelsUp : step.unit.depth + 1;
  if (keep < 1 || keep > ids.length) return null;
  return `/${ids.slice(0, keep).join('/')}/`;
}

/** Who acts on the step a name waits at: the step's unit and the roles there that may decide. */
export interface StepHolder {
  stepIndex: number;
  label: string;
  unitId: number;
  unitPath: string;
  roles: readonly Role[];
}

/**
 * The holder of step `stepIndex` for a name filed at `nominatingUnitPath`; where the tree is not that
 * deep the organising unit acts (as the review itself does), so `fallbackUnitPath` is its path.
 */
export function stepHolder(
  chain: ReviewChain,
  stepIndex: number,
  nominatingUnitPath: string,
  fallbackUnitPath: string,
): StepHolder | null {
  const step = chain[stepIndex];
  if (!step) return null;
  const unitPath = stepUnitPath(step, nominatingUnitPath) ?? fallbackUnitPath;
  return { stepIndex, label: step.label, unitId: Number(pathIds(unitPath).at(-1)), unitPath, roles: step.roles };
}

export interface StepActor {
  actorRole: Role;
  actorUnitPath: string;
  stepUnitPath: string;
  stepRoles?: readonly Role[];
}

/**
 * Only the step's own unit acts on it: a district reviewer cannot approve in the town's place,
 * or the town's review would be skipped.
 */
export function canActOnStep(input: StepActor): boolean {
  const roles = input.stepRoles ?? REVIEW_ROLES;
  return roles.includes(input.actorRole) && input.actorUnitPath === input.stepUnitPath;
}

export function assertCanActOnStep(input: StepActor & { stepLabel?: string }): void {
  if (canActOnStep(input)) return;
  const label = input.stepLabel ?? 'this review step';
  const labelZh = input.stepLabel ?? '此审核步骤';
  throw forbidden(`your account may not act on ${label}`, `您的账号无权处理“${labelZh}”`);
}

export interface DutiesInput {
  actorAccountId: number;
  nominatedBy: number;
  /** the accounts that made the home visit, if any */
  verifiedBy?: number | readonly number[] | null;
}

/** Whoever nominated or verified a name cannot also approve it. */
export function assertSeparationOfDuties(input: DutiesInput): void {
  if (input.actorAccountId === input.nominatedBy) {
    throw separationError('nominated', '提名');
  }
  const verifiers =
    input.verifiedBy == null ? [] : typeof input.verifiedBy === 'number' ? [input.verifiedBy] : input.verifiedBy;
  if (verifiers.includes(input.actorAccountId)) {
    throw separationError('verified', '入户核实');
  }
}

function separationError(did: string, didZh: string): DomainError {
  return new DomainError(
    'forbidden',
    'SEPARATION_OF_DUTIES',
    `you ${did} this name, so someone else must review it`,
    `您${didZh}了此对象，须由他人审核`,
  );
}

function assertStepIndex(chain: ReviewChain, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= chain.length) {
    throw new RangeError(`review step ${index} is outside a chain of ${chain.length} steps`);
  }
}

function pathIds(path: string): string[] {
  return path.split('/').filter((part) => part.length > 0);
}
