import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import {
  assertCanActOnStep,
  assertSeparationOfDuties,
  canActOnStep,
  isLastStep,
  nextStep,
  stepHolder,
  stepUnitPath,
  SUBSIDIARY_GROUP_CHAIN,
  validateChain,
  VILLAGE_TOWN_DISTRICT_CHAIN,
  type ReviewStep,
} from './review-chain.ts';

// city 1 → district 7 → town 42 → village 300
const VILLAGE = '/1/7/42/300/';
const TOWN = '/1/7/42/';
const DISTRICT = '/1/7/';

function caught(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('walking a chain', () => {
  it('village submits → town reviews → district approves', () => {
    const [town, district] = VILLAGE_TOWN_DISTRICT_CHAIN;
    expect(stepUnitPath(town!, VILLAGE)).toBe(TOWN);
    expect(stepUnitPath(district!, VILLAGE)).toBe(DISTRICT);
    expect(nextStep(VILLAGE_TOWN_DISTRICT_CHAIN, 0)).toEqual({ index: 1, step: district });
    expect(nextStep(VILLAGE_TOWN_DISTRICT_CHAIN, 1)).toBeNull();
    expect(isLastStep(VILLAGE_TOWN_DISTRICT_CHAIN, 0)).toBe(false);
    expect(isLastStep(VILLAGE_TOWN_DISTRICT_CHAIN, 1)).toBe(true);
  });

  it('subsidiary managers decide, then the group union (篇三)', () => {
    const subsidiary = '/5/51/';
    expect(SUBSIDIARY_GROUP_CHAIN.map((step) => stepUnitPath(step, subsidiary))).toEqual(['/5/51/', '/5/']);
  });

  it('a step at a fixed depth finds the same unit from any village below it', () => {
    const cityStep: ReviewStep = { label: '市民政局审批', unit: { depth: 0 }, roles: ['organiser'] };
    expect(stepUnitPath(cityStep, VILLAGE)).toBe('/1/');
    expect(stepUnitPath(cityStep, '/1/8/')).toBe('/1/');
  });

  it('a step above the root of the tree has no unit', () => {
    expect(stepUnitPath({ label: 'x', unit: { levelsUp: 4 }, roles: ['reviewer'] }, VILLAGE)).toBeNull();
    expect(stepUnitPath({ label: 'x', unit: { depth: 5 }, roles: ['reviewer'] }, VILLAGE)).toBeNull();
  });

  it('refuses an empty chain or a step nobody may act on', () => {
    expect(caught(() => validateChain([])).code).toBe('REVIEW_CHAIN_EMPTY');
    expect(caught(() => validateChain([{ label: '镇审核', unit: { levelsUp: 1 }, roles: [] }])).code).toBe(
      'REVIEW_STEP_ROLES_EMPTY',
    );
    expect(caught(() => validateChain([{ label: '镇审核', unit: { levelsUp: -1 }, roles: ['reviewer'] }])).code).toBe(
      'REVIEW_STEP_UNIT_INVALID',
    );
  });

  it('a step index outside the chain is a programming error', () => {
    expect(() => nextStep(VILLAGE_TOWN_DISTRICT_CHAIN, 2)).toThrow(RangeError);
  });
});

describe('who may act on a step', () => {
  it("the town's reviewer acts on the town step", () => {
    expect(canActOnStep({ actorRole: 'reviewer', actorUnitPath: TOWN, stepUnitPath: TOWN })).toBe(true);
  });

  it("a district reviewer cannot approve in the town's place", () => {
    expect(canActOnStep({ actorRole: 'reviewer', actorUnitPath: DISTRICT, stepUnitPath: TOWN })).toBe(false);
  });

  it("another town's reviewer cannot act", () => {
    expect(canActOnStep({ actorRole: 'reviewer', actorUnitPath: '/1/7/43/', stepUnitPath: TOWN })).toBe(false);
  });

  it('a clerk or visitor of the town cannot review', () => {
    expect(canActOnStep({ actorRole: 'clerk', actorUnitPath: TOWN, stepUnitPath: TOWN })).toBe(false);
    expect(canActOnStep({ actorRole: 'visitor', actorUnitPath: TOWN, stepUnitPath: TOWN })).toBe(false);
  });

  it('a step can be limited to organisers', () => {
    const input = { actorUnitPath: DISTRICT, stepUnitPath: DISTRICT, stepRoles: ['organiser'] as const };
    expect(canActOnStep({ ...input, actorRole: 'organiser' })).toBe(true);
    expect(canActOnStep({ ...input, actorRole: 'reviewer' })).toBe(false);
  });

  it('refuses with the step named in Chinese', () => {
    const error = caught(() =>
      assertCanActOnStep({ actorRole: 'clerk', actorUnitPath: TOWN, stepUnitPath: TOWN, stepLabel: '镇街审核' }),
    );
    expect(error.kind).toBe('forbidden');
    expect(error.messageZh).toContain('镇街审核');
  });
});

describe('separation of duties', () => {
  it('the nominator cannot approve', () => {
    const error = caught(() => assertSeparationOfDuties({ actorAccountId: 11, nominatedBy: 11, verifiedBy: 12 }));
    expect(error.kind).toBe('forbidden');
    expect(error.code).toBe('SEPARATION_OF_DUTIES');
    expect(error.messageZh).toContain('提名');
  });

  it('a verifier cannot approve, even one of a team', () => {
    expect(
      caught(() => assertSeparationOfDuties({ actorAccountId: 12, nominatedBy: 11, verifiedBy: 12 })).messageZh,
    ).toContain('核实');
    expect(
      caught(() => assertSeparationOfDuties({ actorAccountId: 14, nominatedBy: 11, verifiedBy: [12, 14] })).kind,
    ).toBe('forbidden');
  });

  it('someone else may approve, also when nobody verified', () => {
    expect(() => assertSeparationOfDuties({ actorAccountId: 20, nominatedBy: 11, verifiedBy: [12, 14] })).not.toThrow();
    expect(() => assertSeparationOfDuties({ actorAccountId: 20, nominatedBy: 11, verifiedBy: null })).not.toThrow();
  });
});

describe('stepHolder', () => {
  it('names the unit and roles of the step a name waits at, the organiser where the tree is too shallow', () => {
    expect(stepHolder(VILLAGE_TOWN_DISTRICT_CHAIN, 0, '/1/7/42/', '/1/')).toEqual({
      stepIndex: 0,
      label: '镇街审核',
      unitId: 7,
      unitPath: '/1/7/',
      roles: ['reviewer', 'organiser'],
    });
    expect(stepHolder(VILLAGE_TOWN_DISTRICT_CHAIN, 1, '/1/7/', '/1/')).toMatchObject({ unitId: 1, unitPath: '/1/' });
    expect(stepHolder(VILLAGE_TOWN_DISTRICT_CHAIN, 2, '/1/7/42/', '/1/')).toBeNull();
  });
});
