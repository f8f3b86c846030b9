import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import {
  assertCriteria,
  assertFindings,
  assertEligible,
  checkEligibility,
  checklistComplete,
  minAgeOf,
  PIAN_SAN_CRITERIA,
  PIAN_SI_CRITERIA,
  type EligibilityBlacklistEntry,
  type EligibilityInput,
} from './eligibility.ts';

const VILLAGE = '/1/7/42/300/';

function input(overrides: Partial<EligibilityInput> = {}): EligibilityInput {
  return {
    person: { id: 5, birthDate: '1921-03-02', registryCategories: ['百岁老人'] },
    category: { name: '百岁老人' },
    unitPath: VILLAGE,
    referenceDate: '2022-01-31',
    today: '2021-12-22',
    blacklist: [],
    existingNominations: [],
    ...overrides,
  };
}

function blacklisted(entry: Partial<EligibilityBlacklistEntry>): EligibilityBlacklistEntry {
  return {
    subjectKind: 'person',
    personId: 5,
    targetUnitPath: null,
    reason: '虚报家庭收入',
    until: '2022-12-31',
    liftedAt: null,
    ...entry,
  };
}

function codes(value: EligibilityInput): string[] {
  const result = checkEligibility(value);
  return result.ok ? [] : result.reasons.map((reason) => reason.code);
}

describe('age for 百岁老人', () => {
  it('a person aged 100 on the reference date is eligible', () => {
    expect(checkEligibility(input())).toEqual({ ok: true });
  });

  it('a person aged 99 is refused for 百岁老人 with the reason', () => {
    const result = checkEligibility(
      input({ person: { id: 5, birthDate: '1922-02-01', registryCategories: ['百岁老人'] } }),
    );
    expect(result).toEqual({
      ok: false,
      reasons: [
        {
          code: 'BELOW_MIN_AGE',
          message: '百岁老人 requires 100 full years; the person is 99 on 2022-01-31',
          messageZh: '‘百岁老人’须年满100周岁，按2022-01-31计算本人为99周岁',
        },
      ],
    });
  });

  it('turns 100 on the birthday itself', () => {
    const person = { id: 5, birthDate: '1922-01-31', registryCategories: ['百岁老人'] };
    expect(checkEligibility(input({ person }))).toEqual({ ok: true });
  });

  it('infers 100 from the category name unless the campaign set an age', () => {
    expect(minAgeOf({ name: '百岁老人' })).toBe(100);
    expect(minAgeOf({ name: '高龄老人', minAge: 80 })).toBe(80);
    expect(minAgeOf({ name: '低保户' })).toBeNull();
  });
});

describe('registry category', () => {
  it('a category tied to 低保户 refuses someone not registered as 低保户', () => {
    const value = input({
      category: { name: '城市低保', requiredRegistryCategory: '低保户' },
      person: { id: 5, birthDate: '1960-01-01', registryCategories: ['残疾人'] },
    });
    expect(codes(value)).toEqual(['NOT_IN_REGISTRY_CATEGORY']);
  });

  it('a category without a required registry category accepts anyone', () => {
    const value = input({
      category: { name: '困难家庭' },
      person: { id: 5, birthDate: '1960-01-01', registryCategories: [] },
    });
    expect(checkEligibility(value).ok).toBe(true);
  });
});

describe('blacklist', () => {
  it('a blacklisted person is refused with the reason and the end date', () => {
    const result = checkEligibility(input({ blacklist: [blacklisted({})] }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reasons[0]!.messageZh).toBe('本人在黑名单中（至2022-12-31）：虚报家庭收入');
  });

  it('a village under a town that reported falsely last year cannot nominate (篇四)', () => {
    const town = blacklisted({
      subjectKind: 'unit',
      personId: null,
      targetUnitPath: '/1/7/42/',
      targetUnitName: '三厂镇',
      reason: '上年度申报材料不实',
    });
    const result = checkEligibility(input({ blacklist: [town] }));
    expect(!result.ok && result.reasons[0]!.messageZh).toBe('三厂镇被取消申报资格（至2022-12-31）：上年度申报材料不实');
  });

  it('a neighbouring town on the blacklist, an expired or a lifted entry does not block', () => {
    const entries = [
      blacklisted({ subjectKind: 'unit', personId: null, targetUnitPath: '/1/7/4/' }),
      blacklisted({ until: '2021-12-21' }),
      blacklisted({ liftedAt: '2021-06-01T00:00:00Z' }),
      blacklisted({ personId: 6 }),
    ];
    expect(checkEligibility(input({ blacklist: entries }))).toEqual({ ok: true });
  });
});

describe('one place per campaign', () => {
  it('the same person nominated by another village is refused, naming that village', () => {
    const result = checkEligibility(input({ existingNominations: [{ unitName: '乙村', status: 'in-review' }] }));
    expect(!result.ok && result.reasons[0]).toMatchObject({
      code: 'ALREADY_NOMINATED',
      messageZh: '已在本次活动名单中（乙村提名，审核中）',
    });
  });

  it('a person found not eligible at the home visit cannot be put forward again elsewhere', () => {
    expect(codes(input({ existingNominations: [{ unitName: '乙村', status: 'rejected-by-verification' }] }))).toEqual([
      'STRUCK_OUT_IN_CAMPAIGN',
    ]);
  });

  it('a withdrawn nomination does not block a new one', () => {
    expect(checkEligibility(input({ existingNominations: [{ unitName: '乙村', status: 'withdrawn' }] }))).toEqual({
      ok: true,
    });
  });
});

describe('all reasons at once', () => {
  it('lists every reason, and the assert form carries each as a detail', () => {
    const value = input({
      person: { id: 5, birthDate: '1950-01-01', registryCategories: [] },
      category: { name: '百岁老人', requiredRegistryCategory: '百岁老人' },
      blacklist: [blacklisted({})],
      existingNominations: [{ unitName: '乙村', status: 'approved' }],
    });
    expect(codes(value)).toEqual([
      'BELOW_MIN_AGE',
      'NOT_IN_REGISTRY_CATEGORY',
      'BLACKLISTED_PERSON',
      'ALREADY_NOMINATED',
    ]);
    let error: unknown;
    try {
      assertEligible(value);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('NOT_ELIGIBLE');
    expect((error as DomainError).details).toHaveLength(4);
  });
});

describe('the checklist', () => {
  it('篇三: an illness plus no large savings is complete', () => {
    expect(checklistComplete(PIAN_SAN_CRITERIA, { seriousIllness: true, noLargeSavings: true }).complete).toBe(true);
  });

  it('篇三: without ticking "no large savings" it is not complete', () => {
    const result = checklistComplete(PIAN_SAN_CRITERIA, { accident: true, noLargeSavings: false });
    expect(result.complete).toBe(false);
    expect(result.missingRequired.map((c) => c.key)).toEqual(['noLargeSavings']);
    expect(result.needsOneOf).toEqual([]);
  });

  it('篇三: no savings but no hardship ground either is not complete', () => {
    const result = checklistComplete(PIAN_SAN_CRITERIA, { noLargeSavings: true });
    expect(result.complete).toBe(false);
    expect(result.needsOneOf.map((c) => c.key)).toEqual(['seriousIllness', 'accident']);
  });

  it('篇四: income below the local minimum living standard must be ticked', () => {
    expect(checklistComplete(PIAN_SI_CRITERIA, {}).complete).toBe(false);
    expect(checklistComplete(PIAN_SI_CRITERIA, { belowDibao: true }).complete).toBe(true);
  });

  it('refuses criteria with repeated keys or empty labels', () => {
    expect(() => assertCriteria([...PIAN_SI_CRITERIA, ...PIAN_SI_CRITERIA])).toThrow(DomainError);
    expect(() => assertCriteria([{ key: 'x', label: ' ', required: true }])).toThrow(DomainError);
    expect(() => assertCriteria(PIAN_SAN_CRITERIA)).not.toThrow();
  });
});

describe('assertFindings (home visit against the criteria)', () => {
  const criteria = PIAN_SAN_CRITERIA;

  it('takes a finding per criterion and a note', () => {
    expect(() =>
      assertFindings(criteria, { seriousIllness: true, noLargeSavings: true, note: '患尿毒症，每周透析' }, true),
    ).not.toThrow();
  });

  it('refuses a key that is not a criterion, and a criterion given as text', () => {
    expect(() => assertFindings(criteria, { savings: false }, false)).toThrow(
      expect.objectContaining({ code: 'FINDING_INVALID' }),
    );
    expect(() => assertFindings(criteria, { accident: '有' }, false)).toThrow(
      expect.objectContaining({ code: 'FINDING_INVALID' }),
    );
  });

  it('cannot confirm a family found to fail a required criterion, or all the grounds of hardship', () => {
    expect(() => assertFindings(criteria, { noLargeSavings: false }, true)).toThrow(
      expect.objectContaining({ code: 'FINDINGS_CONTRADICT', messageZh: expect.stringContaining('家庭无大额存款') }),
    );
    expect(() => assertFindings(criteria, { seriousIllness: false, accident: false }, true)).toThrow(
      expect.objectContaining({ code: 'FINDINGS_CONTRADICT' }),
    );
    expect(() => assertFindings(criteria, { noLargeSavings: false }, false)).not.toThrow();
  });
});
