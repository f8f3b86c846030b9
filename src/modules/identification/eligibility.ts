/**
 * Who may be nominated. The rules a computer can check block the nomination with a reason; the
 * rest is a checklist of the plan's criteria that the clerk fills in after talking to the family.
 */
import { isInSubtree } from '../org/unit.ts';
import { ageOn } from '../registry/id-number.ts';
import { isBlacklistActive } from '../registry/registry.ts';
import { DomainError, invalid } from '../shared/errors.ts';
import {
  ACTIVE_STATUSES,
  NOMINATION_STATE_LABELS_ZH,
  STRUCK_OUT_STATUSES,
  type NominationStatus,
} from './nomination-state.ts';

export interface EligibilityCategory {
  name: string;
  /** the minimum age in full years on the reference date; unset: 100 for a 百岁 category, else none */
  minAge?: number | null;
  /** the registry category the person must hold (e.g. 低保户), when the campaign set one */
  requiredRegistryCategory?: string | null;
}

export interface EligibilityBlacklistEntry {
  subjectKind: 'person' | 'unit';
  personId: number | null;
  /** the materialised path of a blacklisted unit */
  targetUnitPath: string | null;
  targetUnitName?: string | null;
  reason: string;
  until: string;
  liftedAt: string | null;
}

/** One of the person's nominations in this campaign, in any unit. */
export interface ExistingNomination {
  /** null: a unit outside the reader's subtree, which the message must not name */
  unitName: string | null;
  status: NominationStatus;
}

export interface EligibilityInput {
  person: { id: number; birthDate: string; registryCategories: readonly string[] };
  category: EligibilityCategory;
  /** the path of the unit the nomination is filed under */
  unitPath: string;
  /** the campaign's day for counting ages (YYYY-MM-DD) */
  referenceDate: string;
  /** today in China (YYYY-MM-DD), for blacklist expiry */
  today: string;
  blacklist: readonly EligibilityBlacklistEntry[];
  existingNominations: readonly ExistingNomination[];
}

export type EligibilityCode =
  | 'BELOW_MIN_AGE'
  | 'NOT_IN_REGISTRY_CATEGORY'
  | 'BLACKLISTED_PERSON'
  | 'BLACKLISTED_UNIT'
  | 'ALREADY_NOMINATED'
  | 'STRUCK_OUT_IN_CAMPAIGN';

export interface EligibilityReason {
  code: EligibilityCode;
  message: string;
  messageZh: string;
}

export type EligibilityResult = { ok: true } | { ok: false; reasons: EligibilityReason[] };

const CENTENARIAN_AGE = 100;

export function minAgeOf(category: EligibilityCategory): number | null {
  if (category.minAge != null) return category.minAge;
  return category.name.includes('百岁') ? CENTENARIAN_AGE : null;
}

/** All the reasons at once, so the clerk does not fix one and meet the next. */
export function checkEligibility(input: EligibilityInput): EligibilityResult {
  const reasons = [
    ...ageReasons(input),
    ...registryCategoryReasons(input),
    ...blacklistReasons(input),
    ...campaignListReasons(input),
  ];
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}

export function assertEligible(input: EligibilityInput): void {
  const result = checkEligibility(input);
  if (result.ok) return;
  throw new DomainError(
    'invalid',
    'NOT_ELIGIBLE',
    result.reasons.map((reason) => reason.message).join('; '),
    result.reasons.map((reason) => reason.messageZh).join('；'),
    result.reasons.map((reason) => ({ field: 'personId', message: reason.message, messageZh: reason.messageZh })),
  );
}

function ageReasons({ person, category, referenceDate }: EligibilityInput): EligibilityReason[] {
  const minAge = minAgeOf(category);
  if (minAge === null) return [];
  const age = ageOn(person.birthDate, referenceDate);
  if (age >= minAge) return [];
  return [
    {
      code: 'BELOW_MIN_AGE',
      message: `${category.name} requires ${minAge} full years; the person is ${age} on ${referenceDate}`,
      messageZh: `‘${category.name}’须年满${minAge}周岁，按${referenceDate}计算本人为${age}周岁`,
    },
  ];
}

function registryCategoryReasons({ person, category }: EligibilityInput): EligibilityReason[] {
  const required = category.requiredRegistryCategory;
  if (!required || person.registryCategories.includes(required)) return [];
  return [
    {
      code: 'NOT_IN_REGISTRY_CATEGORY',
      message: `${category.name} is for people registered as ${required}; this person is not`,
      messageZh: `‘${category.name}’须为登记在册的‘${required}’，本人不在此类别`,
    },
  ];
}

function blacklistReasons({ person, unitPath, today, blacklist }: EligibilityInput): EligibilityReason[] {
  const active = blacklist.filter((entry) => isBlacklistActive(entry, today));
  const reasons: EligibilityReason[] = [];
  for (const entry of active) {
    if (entry.subjectKind === 'person' && entry.personId === person.id) {
      reasons.push({
        code: 'BLACKLISTED_PERSON',
        message: `the person is on the blacklist until ${entry.until}: ${entry.reason}`,
        messageZh: `本人在黑名单中（至${entry.until}）：${entry.reason}`,
      });
    }
    // 篇四: a unit that reported falsely loses next year's eligibility, for everything below it too.
    if (entry.subjectKind === 'unit' && entry.targetUnitPath && isInSubtree(unitPath, entry.targetUnitPath)) {
      const unit = entry.targetUnitName ?? '本单位或上级单位';
      reasons.push({
        code: 'BLACKLISTED_UNIT',
        message: `${entry.targetUnitName ?? 'this unit or one above it'} may not nominate until ${entry.until}: ${entry.reason}`,
        messageZh: `${unit}被取消申报资格（至${entry.until}）：${entry.reason}`,
      });
    }
  }
  return reasons;
}

/**
 * One person, one place on a campaign's list, whichever unit puts them forward. A person already
 * struck out in this campaign cannot be put forward again (by another unit, or in another
 * category): the finding stands for the whole campaign. A withdrawn nomination does not block.
 */
function campaignListReasons({ existingNominations }: EligibilityInput): EligibilityReason[] {
  const reasons: EligibilityReason[] = [];
  const active = existingNominations.find((nomination) => ACTIVE_STATUSES.includes(nomination.status));
  if (active) {
    reasons.push({
      code: 'ALREADY_NOMINATED',
      message: `already on this campaign's list, nominated by ${active.unitName ?? 'another unit'} (${active.status})`,
      messageZh: `已在本次活动名单中（${active.unitName ?? '其他单位'}提名，${NOMINATION_STATE_LABELS_ZH[active.status]}）`,
    });
  }
  const struckOut = existingNominations.find((nomination) => STRUCK_OUT_STATUSES.includes(nomination.status));
  if (struckOut) {
    reasons.push({
      code: 'STRUCK_OUT_IN_CAMPAIGN',
      message: `already struck out in this campaign (${struckOut.unitName ?? 'by another unit'}, ${struckOut.status})`,
      messageZh: `本次活动中已被移出名单（${struckOut.unitName ?? '其他单位'}，${NOMINATION_STATE_LABELS_ZH[struckOut.status]}），不能再次提名`,
    });
  }
  return reasons;
}

/** One criterion of a category's checklist, as the plan words it. */
export interface Criterion {
  key: string;
  label: string;
  /**
   * Required criteria must all hold. The others are alternative grounds of hardship, of which at
   * least one must hold (篇三: serious illness, or an accident, … and in every case no large savings).
   */
  required: boolean;
}

export type ChecklistAnswers = Readonly<Record<string, boolean | undefined>>;

export interface ChecklistResult {
  complete: boolean;
  /** required criteria not ticked */
  missingRequired: Criterion[];
  /** the alternative grounds, when none of them is ticked (empty otherwise) */
  needsOneOf: Criterion[];
}

/** 篇三's standards for 困难职工 (items 2–3 are missing from the published text). */
export const PIAN_SAN_CRITERIA: readonly Criterion[] = [
  { key: 'seriousIllness', label: '家庭成员中有人患有重大疾病，常年医治费较大难以承担', required: false },
  { key: 'accident', label: '年内因意外事故造成家庭人员伤害或财产损失，影响家庭正常生活', required: false },
  { key: 'noLargeSavings', label: '家庭无大额存款，年内无添置日常生活必需用品以外的豪华设施', required: true },
];

/** 篇四's definition of 特困职工 and 特困失业人员. */
export const PIAN_SI_CRITERIA: readonly Criterion[] = [
  { key: 'belowDibao', label: '家庭人均生活水平低于当地最低生活保障', required: true },
];

export function checklistComplete(criteria: readonly Criterion[], answers: ChecklistAnswers): ChecklistResult {
  const missingRequired = criteria.filter((criterion) => criterion.required && answers[criterion.key] !== true);
  const grounds = criteria.filter((criterion) => !criterion.required);
  const anyGround = grounds.some((criterion) => answers[criterion.key] === true);
  const needsOneOf = grounds.length > 0 && !anyGround ? grounds : [];
  return { complete: missingRequired.length === 0 && needsOneOf.length === 0, missingRequired, needsOneOf };
}

/** Checks a category's criteria as an organiser entered them: labels present, keys unique. */
export function assertCriteria(criteria: readonly Criterion[]): void {
  const keys = new Set<string>();
  criteria.forEach((criterion, index) => {
    if (criterion.key.trim() === '' || criterion.label.trim() === '') {
      throw invalid(
        'CRITERION_EMPTY',
        `criterion ${index + 1} needs a key and a label`,
        `第${index + 1}条标准缺少内容`,
        `criteria.${index}`,
      );
    }
    if (keys.has(criterion.key)) {
      throw invalid(
        'CRITERION_DUPLICATE',
        `criterion key "${criterion.key}" appears twice`,
        `第${index + 1}条标准重复`,
        `criteria.${index}`,
      );
    }
    keys.add(criterion.key);
  });
}

/** What the verifier found at the home visit: per criterion whether it holds, and a free note. */
export type VisitFindings = Readonly<Record<string, boolean | string>>;

export const FINDINGS_NOTE_KEY = 'note';

/**
 * The home visit's findings against the category's criteria (入户核实): every key is one of the
 * criteria (true/false) or the note (text); a family found not to meet what the checklist requires
 * cannot be confirmed as eligible.
 */
export function assertFindings(criteria: readonly Criterion[], findings: VisitFindings, eligible: boolean): void {
  const byKey = new Map(criteria.map((criterion) => [criterion.key, criterion]));
  for (const [key, value] of Object.entries(findings)) {
    if (key === FINDINGS_NOTE_KEY) {
      if (typeof value !== 'string') throw findingError(key, 'the note is text', '核实说明应为文字');
      continue;
    }
    if (!byKey.has(key))
      throw findingError(key, `"${key}" is not a criterion of this category`, '核实项不属于本类别的条件');
    if (typeof value !== 'boolean') throw findingError(key, 'a criterion holds or not', '核实项只能是“符合”或“不符合”');
  }
  if (!eligible) return;
  const answers = Object.fromEntries(Object.entries(findings).filter(([, value]) => typeof value === 'boolean'));
  const failed = criteria.filter((criterion) => answers[criterion.key] === false);
  const result = checklistComplete(
    criteria,
    Object.fromEntries(criteria.map((criterion) => [criterion.key, answers[criterion.key] !== false])),
  );
  if (result.complete) return;
  throw invalid(
    'FINDINGS_CONTRADICT',
    `the visit found criteria not met (${failed.map((criterion) => criterion.key).join(', ')}): the family cannot be confirmed`,
    `核实发现不符合：${failed.map((criterion) => criterion.label).join('；')}，不能认定为符合条件`,
    'eligible',
  );
}

function findingError(key: string, message: string, messageZh: string): DomainError {
  return invalid('FINDING_INVALID', `findings.${key}: ${message}`, `${messageZh}（${key}）`, `findings.${key}`);
}
