/**
 * 18-character resident ID numbers (公民身份号码, GB 11643-1999): 6-digit region of first
 * registration, 8-digit birth date, 3-digit sequence (odd = male), 1 check character.
 *
 * The region part is deliberately NOT checked against today's division list: a number keeps the
 * region where it was first issued for life, and many of those regions were merged or abolished
 * since (320684 is the old 海门市). Only the province prefix is checked.
 */

export type Sex = 'male' | 'female';

export type IdNumberProblem = 'length' | 'characters' | 'province' | 'birth-date' | 'check-digit';

export interface ValidIdNumber {
  ok: true;
  idNumber: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: Sex;
  /** the 6-digit region of first registration, which may no longer exist */
  regionCode: string;
  /** the first 2 digits */
  provinceCode: string;
}

export interface InvalidIdNumber {
  ok: false;
  reason: IdNumberProblem;
  message: string;
  messageZh: string;
}

export type IdNumberValidation = ValidIdNumber | InvalidIdNumber;

export interface ValidateIdNumberOptions {
  /** YYYY-MM-DD; defaults to the current UTC date. Birth dates after it are refused. */
  today?: string;
}

/**
 * Province-level prefixes of GB/T 2260, plus 81/82/83: the codes of the residence permits for
 * Hong Kong, Macao and Taiwan residents (港澳台居民居住证), which use the same 18-character
 * format and check digit. 91 is kept because older systems issued it.
 */
// prettier-ignore
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83', '91',
]);

const CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';
const EARLIEST_BIRTH_YEAR = 1890;
const ID_PATTERN = /^\d{17}[\dX]$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Trims, turns full-width digits and letters into ASCII, drops inner spaces, upper-cases x. */
export function normalizeIdNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').replace(/x/g, 'X');
}

/** The check character of the first 17 digits. */
export function computeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let index = 0; index < CHECK_WEIGHTS.length; index++) {
    sum += Number(first17[index]) * (CHECK_WEIGHTS[index] ?? 0);
  }
  return CHECK_CHARACTERS[sum % 11] ?? '';
}

export function validateIdNumber(raw: string, options: ValidateIdNumberOptions = {}): IdNumberValidation {
  const idNumber = normalizeIdNumber(raw);
  if (idNumber.length !== 18) return lengthProblem(idNumber.length);
  if (!ID_PATTERN.test(idNumber)) {
    return problem(
      'characters',
      'an ID number is 17 digits followed by a digit or X',
      '身份证号应为17位数字加1位数字或X',
    );
  }
  const provinceCode = idNumber.slice(0, 2);
  if (!PROVINCE_CODES.has(provinceCode)) {
    return problem(
      'province',
      `the ID number starts with ${provinceCode}, which is no province code`,
      `身份证号前两位“${provinceCode}”不是有效的省级行政区划代码`,
    );
  }
  const birthDate = readBirthDate(idNumber);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  if (birthDate === null || birthDate > today || Number(birthDate.slice(0, 4)) < EARLIEST_BIRTH_YEAR) {
    const digits = idNumber.slice(6, 14);
    return problem(
      'birth-date',
      `the birth date ${digits} in the ID number is not a real past date`,
      `身份证号中的出生日期“${digits}”无效`,
    );
  }
  const expected = computeCheckCharacter(idNumber);
  if (idNumber[17] !== expected) {
    return problem(
      'check-digit',
      'the last character of the ID number does not match the others (check digit): probably a typo',
      '身份证号校验位不正确，可能有数字录错',
    );
  }
  return {
    ok: true,
    idNumber,
    birthDate,
    sex: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: idNumber.slice(0, 6),
    provinceCode,
  };
}

function lengthProblem(length: number): InvalidIdNumber {
  const hint = length === 15 ? '（旧式15位号码请换用18位号码）' : '';
  return problem(
    'length',
    `an ID number has 18 characters, this one has ${length}`,
    `身份证号应为18位，当前为${length}位${hint}`,
  );
}

function problem(reason: IdNumberProblem, message: string, messageZh: string): InvalidIdNumber {
  return { ok: false, reason, message, messageZh };
}

/** YYYY-MM-DD from digits 7–14, or null when that is not a calendar date. */
function readBirthDate(idNumber: string): string | null {
  const date = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  return isCalendarDate(date) ? date : null;
}

function isCalendarDate(date: string): boolean {
  const match = DATE_PATTERN.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 1999-02-31 over to March, so a real date is one that survives the round trip.
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
}

function parseDate(date: string, what: string): [number, number, number] {
  const match = DATE_PATTERN.exec(date);
  if (!match || !isCalendarDate(date)) throw new RangeError(`${what} is not a YYYY-MM-DD date: "${date}"`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * Age in full years (周岁) on a given day. The age goes up on the birthday itself; someone born on
 * 29 February gets one year older on 1 March in common years.
 */
export function ageOn(birthDate: string, on: string): number {
  const [birthYear, birthMonth, birthDay] = parseDate(birthDate, 'birth date');
  const [year, month, day] = parseDate(on, 'date');
  const hadBirthday = month > birthMonth || (month === birthMonth && day >= birthDay);
  return year - birthYear - (hadBirthday ? 0 : 1);
}

/** 3206**********1234: the first 4 and last 4 characters, as public lists print them. */
export function maskIdNumber(id: string): string {
  const chars = Array.from(normalizeIdNumber(id));
  if (chars.length <= 8) return '*'.repeat(chars.length);
  return `${chars.slice(0, 4).join('')}${'*'.repeat(chars.length - 8)}${chars.slice(-4).join('')}`;
}

/**
 * 张*明, 张*, 欧阳*明 (a 4-character name usually has a two-character surname, which is kept),
 * 阿****提 for longer names; one character is left as it is.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  if (chars.length === 4) return `${chars[0]}${chars[1]}*${chars[3]}`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
