/**
 * Submission deadlines (篇七): "至2021年12月24日前,各村(居)至少报送分配名额70%,剩余部分务必在
 * 2022年1月4日前报送,逾期不接收申报". Deadlines are calendar days in China: a deadline of
 * 2022-01-04 holds until 23:59:59 Beijing time that day.
 */
import { invalid } from '../shared/errors.ts';
import { endOfChinaDay, formatChinaDate, parseChinaDate, parseInstant, startOfChinaDay } from './china-time.ts';

export interface DeadlineConfig {
  /** the first day submissions are accepted (篇七: 2021-12-21); none: open from the start */
  opensOn?: string | null;
  /** the day by which `share` of the quota must be in */
  firstDeadline?: string | null;
  /** after this day, submissions are refused */
  finalDeadline?: string | null;
  /** the fraction of the quota due by the first deadline, 0–1 (篇七: 0.7) */
  share?: number;
}

export interface SubmissionWindowInput extends DeadlineConfig {
  /** ISO time with an offset */
  now: string | Date;
  quota: number;
  submitted: number;
}

export type SubmissionPhase = 'not-open' | 'first' | 'final' | 'closed';

export interface SubmissionWindow {
  phase: SubmissionPhase;
  isOpen: boolean;
  /** the first deadline has passed and fewer than the required share are in */
  isLate: boolean;
  /** ceil(share × quota) */
  requiredByFirstDeadline: number;
  /** how many of those are still missing (0 when on track) */
  missingByFirstDeadline: number;
  message: string;
  messageZh: string;
}

const BASIS_POINTS = 10_000;

/**
 * ceil(share × quota) in whole basis points, because 0.7 × 100 is 70.00000000000001 in floating
 * point and a plain Math.ceil would ask a village of 100 for 71.
 */
export function requiredByFirstDeadline(share: number, quota: number): number {
  assertShare(share);
  if (!Number.isSafeInteger(quota) || quota < 0) throw new RangeError(`quota must be a whole number ≥ 0, not ${quota}`);
  const basisPoints = Math.round(share * BASIS_POINTS);
  return Math.floor((quota * basisPoints + BASIS_POINTS - 1) / BASIS_POINTS);
}

export function submissionWindow(input: SubmissionWindowInput): SubmissionWindow {
  assertDeadlineConfig(input);
  const now = parseInstant(input.now, 'now');
  const required = input.firstDeadline ? requiredByFirstDeadline(input.share ?? 1, input.quota) : 0;
  const firstPassed = !!input.firstDeadline && now >= endOfChinaDay(input.firstDeadline);
  const missing = Math.max(0, required - input.submitted);
  const phase = phaseAt(now, input);
  const isLate = firstPassed && missing > 0;
  return {
    phase,
    isOpen: phase === 'first' || phase === 'final',
    isLate,
    requiredByFirstDeadline: required,
    missingByFirstDeadline: missing,
    ...describeWindow(phase, input, required, isLate),
  };
}

/** Refuses a submission before the window opens or after the final deadline. */
export function assertCanSubmit(input: Pick<SubmissionWindowInput, 'now' | 'opensOn' | 'finalDeadline'>): void {
  const now = parseInstant(input.now, 'now');
  if (input.opensOn && now < startOfChinaDay(input.opensOn)) {
    throw invalid('SUBMISSIONS_NOT_OPEN', notOpenMessage(input.opensOn), notOpenMessageZh(input.opensOn));
  }
  if (input.finalDeadline && now >= endOfChinaDay(input.finalDeadline)) {
    throw invalid(
      'DEADLINE_PASSED',
      `the deadline for submissions was ${input.finalDeadline}; late submissions are not accepted`,
      `已过${formatChinaDate(input.finalDeadline)}的报送截止日期，逾期不接收申报`,
    );
  }
}

function notOpenMessage(opensOn: string): string {
  return `applications open on ${opensOn}: nothing can be submitted before then`;
}

function notOpenMessageZh(opensOn: string): string {
  return `申报将于${formatChinaDate(opensOn)}开始，此前不接收申报`;
}

export interface FirstDeadlineStanding {
  /** the first deadline (a YYYY-MM-DD day in China) */
  deadline: string;
  /** the day is over: from now on a unit below its share is late */
  hasPassed: boolean;
  /** ceil(share × quota) */
  required: number;
  submitted: number;
  /** the day is over and fewer than `required` are in */
  isLate: boolean;
  /** how many of the required are still missing, once the day is over (0 before it, or when on track) */
  missing: number;
}

/**
 * Where one quota stands against the first deadline (篇七: 70% by 12-24). `submitted` is what the
 * unit has put forward and still uses up its quota now, so a unit that catches up after the day is
 * no longer late. No first deadline: nothing to stand against (null).
 */
export function firstDeadlineStanding(input: {
  now: string | Date;
  firstDeadline: string | null | undefined;
  share: number;
  quota: number;
  submitted: number;
}): FirstDeadlineStanding | null {
  if (!input.firstDeadline) return null;
  const window = submissionWindow({ ...input, firstDeadline: input.firstDeadline });
  const hasPassed = parseInstant(input.now, 'now') >= endOfChinaDay(input.firstDeadline);
  return {
    deadline: input.firstDeadline,
    hasPassed,
    required: window.requiredByFirstDeadline,
    submitted: input.submitted,
    isLate: window.isLate,
    missing: hasPassed ? window.missingByFirstDeadline : 0,
  };
}

/** Checks a campaign's deadline settings (a form's fields): real dates, in order, a share between 0 and 1. */
export function assertDeadlineConfig(config: DeadlineConfig): void {
  const dates: [keyof DeadlineConfig, string, string | null | undefined][] = [
    ['opensOn', '开始接收日期', config.opensOn],
    ['firstDeadline', '首批报送截止日期', config.firstDeadline],
    ['finalDeadline', '最终报送截止日期', config.finalDeadline],
  ];
  for (const [field, labelZh, value] of dates) {
    if (value && !isDate(value)) {
      throw invalid('DEADLINE_DATE_INVALID', `${field} is not a YYYY-MM-DD date`, `${labelZh}无效`, field);
    }
  }
  const present = dates.filter(([, , value]) => !!value) as [keyof DeadlineConfig, string, string][];
  for (let index = 1; index < present.length; index++) {
    const [earlierField, earlierZh, earlier] = present[index - 1]!;
    const [field, labelZh, value] = present[index]!;
    if (value < earlier) {
      throw invalid(
        'DEADLINE_ORDER',
        `${field} (${value}) is before ${earlierField} (${earlier})`,
        `${labelZh}不能早于${earlierZh}`,
        field,
      );
    }
  }
  if (config.share !== undefined && !isShare(config.share)) {
    throw invalid(
      'DEADLINE_SHARE_INVALID',
      'the share must be between 0 and 1',
      '首批报送比例须在0%到100%之间',
      'share',
    );
  }
}

function phaseAt(now: Date, config: DeadlineConfig): SubmissionPhase {
  if (config.opensOn && now < startOfChinaDay(config.opensOn)) return 'not-open';
  if (config.finalDeadline && now >= endOfChinaDay(config.finalDeadline)) return 'closed';
  if (config.firstDeadline && now < endOfChinaDay(config.firstDeadline)) return 'first';
  return 'final';
}

function describeWindow(
  phase: SubmissionPhase,
  input: SubmissionWindowInput,
  required: number,
  isLate: boolean,
): { message: string; messageZh: string } {
  const { opensOn, firstDeadline, finalDeadline, quota, submitted } = input;
  const finalEn = finalDeadline ? `; the rest by ${finalDeadline}, late submissions are not accepted` : '';
  const finalZh = finalDeadline ? `；剩余名额须于${formatChinaDate(finalDeadline)}前报送，逾期不接收申报` : '';
  switch (phase) {
    case 'not-open':
      return { message: notOpenMessage(opensOn!), messageZh: notOpenMessageZh(opensOn!) };
    case 'closed':
      return {
        message: `the deadline was ${finalDeadline}; ${submitted} of ${quota} submitted, late submissions are not accepted`,
        messageZh: `已过${formatChinaDate(finalDeadline!)}的报送截止日期（名额${quota}个，已报${submitted}个），逾期不接收申报`,
      };
    case 'first':
      return {
        message: `submit at least ${required} of ${quota} by ${firstDeadline} (${submitted} so far)${finalEn}`,
        messageZh: `请于${formatChinaDate(firstDeadline!)}前至少报送${required}个（名额${quota}个的${percent(input.share ?? 1)}），已报${submitted}个${finalZh}`,
      };
    case 'final':
      if (isLate) {
        return {
          message: `behind: ${required} were due by ${firstDeadline}, ${submitted} submitted${finalEn}`,
          messageZh: `已过${formatChinaDate(firstDeadline!)}首批报送期限：应报${required}个，已报${submitted}个，尚差${required - submitted}个${finalZh}`,
        };
      }
      return {
        message: `${submitted} of ${quota} submitted${finalEn}`,
        messageZh: `名额${quota}个，已报${submitted}个${finalZh}`,
      };
  }
}

function percent(share: number): string {
  return `${Math.round(share * BASIS_POINTS) / 100}%`;
}

function isShare(share: number): boolean {
  return Number.isFinite(share) && share >= 0 && share <= 1;
}

function assertShare(share: number): void {
  if (!isShare(share)) throw new RangeError(`share must be between 0 and 1, not ${share}`);
}

function isDate(value: string): boolean {
  try {
    parseChinaDate(value);
    return true;
  } catch {
    return false;
  }
}
