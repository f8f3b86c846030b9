/**
 * The public notice (公示): the approved list, published for a set period (3 days, 篇三) so anyone
 * can object to a name or report a family left out. The public sees a masked name, the category
 * and the amount, never an ID number (Personal Information Protection Law).
 */
import { randomBytes } from 'node:crypto';
import { maskName } from '../registry/id-number.ts';
import { conflict, invalid } from '../shared/errors.ts';
import { formatFen, type Fen } from '../shared/money.ts';
import { addDays, chinaDateOf, endOfChinaDay, formatChinaDate, parseInstant } from './china-time.ts';

export interface NoticeEntry {
  /** 张*明 */
  maskedName: string;
  category: string;
  /** 2,000.00 */
  amountYuan: string;
  /** 2,000.00元 */
  amountText: string;
}

/** Built field by field from the name alone, so nothing else about the person can leak onto the poster. */
export function noticeEntry(
  person: { name: string },
  category: string | { name: string },
  amountFen: Fen,
): NoticeEntry {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0)
    throw new RangeError(`amount must be ≥ 0 fen, not ${amountFen}`);
  const amountYuan = formatFen(amountFen);
  return {
    maskedName: maskName(person.name),
    category: typeof category === 'string' ? category : category.name,
    amountYuan,
    amountText: `${amountYuan}元`,
  };
}

export interface NoticePeriod {
  publishedAt: string;
  /** the calendar days in China the notice runs, the publishing day being the first (as posters print it) */
  firstDay: string;
  lastDay: string;
  /** 00:00 Beijing time after the last day: the notice is open while now < endsAt */
  endsAt: string;
  /** 2022年1月10日至2022年1月12日 */
  textZh: string;
}

export const DEFAULT_NOTICE_DAYS = 3;

export function noticePeriod(publishedAt: string | Date, days: number = DEFAULT_NOTICE_DAYS): NoticePeriod {
  if (!Number.isInteger(days) || days < 1 || days > 60) throw new RangeError(`a notice runs 1–60 days, not ${days}`);
  const published = parseInstant(publishedAt, 'publishedAt');
  const firstDay = chinaDateOf(published);
  const lastDay = addDays(firstDay, days - 1);
  return {
    publishedAt: published.toISOString(),
    firstDay,
    lastDay,
    endsAt: endOfChinaDay(lastDay).toISOString(),
    textZh: `${formatChinaDate(firstDay)}至${formatChinaDate(lastDay)}`,
  };
}

export function isNoticeOpen(period: NoticePeriod, now: string | Date): boolean {
  const at = parseInstant(now, 'now').getTime();
  return at >= Date.parse(period.publishedAt) && at < Date.parse(period.endsAt);
}

/** The list becomes final only when the notice period is over and every objection is answered. */
export function assertCanLock(input: { period: NoticePeriod; now: string | Date; openObjections: number }): void {
  if (parseInstant(input.now, 'now').getTime() < Date.parse(input.period.endsAt)) {
    throw conflict(
      'NOTICE_STILL_OPEN',
      `the notice runs until the end of ${input.period.lastDay}; the list can be locked after that`,
      `公示期至${formatChinaDate(input.period.lastDay)}结束，期满后才能锁定名单`,
    );
  }
  if (input.openObjections > 0) {
    throw conflict(
      'OBJECTIONS_OPEN',
      `${input.openObjections} objection(s) are still unanswered`,
      `尚有${input.openObjections}条异议未处理完毕，不能锁定名单`,
    );
  }
}

/** No 0/O or 1/I: the code is read off a phone and typed back in. 32 symbols, so a random byte maps without bias. */
export const TRACKING_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const TRACKING_CODE_LENGTH = 8;

/** A random code (40 bits) for the objector to look up the answer; not guessable, not sequential. */
export function trackingCode(): string {
  const bytes = randomBytes(TRACKING_CODE_LENGTH);
  return Array.from(bytes, (byte) => TRACKING_CODE_ALPHABET[byte & 31]).join('');
}

/** "abcd-efgh ", full-width letters, lower case → ABCDEFGH; null when it cannot be a tracking code. */
export function normalizeTrackingCode(input: string): string | null {
  const code = input.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  const pattern = new RegExp(`^[${TRACKING_CODE_ALPHABET}]{${TRACKING_CODE_LENGTH}}$`);
  return pattern.test(code) ? code : null;
}

export const OBJECTION_TEXT_MAX = 2000;

// Control characters other than tab and newline, and the bidi overrides that make text display
// differently from what is stored.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const MARKUP = [/<\s*\/?\s*script\b/i, /<[^>]*\son[a-z]+\s*=/i, /javascript\s*:/i];

/**
 * The text of an objection or a report, cleaned for storage as plain text. Pages escape it when
 * they render it anyway; refusing obvious script keeps such text out of exports and printouts.
 */
export function validateObjectionText(text: unknown, field = 'text'): string {
  const cleaned =
    typeof text === 'string' ? text.replace(/\r\n?/g, '\n').replace(INVISIBLE, '').normalize('NFC').trim() : '';
  if (cleaned.length === 0) {
    throw invalid('OBJECTION_TEXT_REQUIRED', `${field} is required`, '请填写异议内容', field);
  }
  const length = characterCount(cleaned);
  if (length > OBJECTION_TEXT_MAX) {
    throw invalid(
      'OBJECTION_TEXT_TOO_LONG',
      `${field} is ${length} characters long; at most ${OBJECTION_TEXT_MAX} are allowed`,
      `异议内容不能超过${OBJECTION_TEXT_MAX}字（当前${length}字）`,
      field,
    );
  }
  if (MARKUP.some((pattern) => pattern.test(cleaned))) {
    throw invalid(
      'OBJECTION_TEXT_MARKUP',
      `${field} contains script markup; write plain text`,
      '异议内容不能包含网页脚本代码，请填写纯文字',
      field,
    );
  }
  return cleaned;
}

/** Characters as people count them (code points): 𠮷 is one, though it takes two UTF-16 units. */
function characterCount(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    const next = text.charCodeAt(index + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) index++;
    count++;
  }
  return count;
}
