/**
 * Calendar days as the plans mean them: "2022年1月4日前报送" is a day in China (Asia/Shanghai,
 * UTC+8 all year, no daylight saving), whatever the server's time zone.
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
// An instant without an offset would be read in the server's local zone: require Z or ±hh:mm.
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Validates a YYYY-MM-DD calendar date and returns its parts. */
export function parseChinaDate(date: string, what = 'date'): { year: number; month: number; day: number } {
  const match = DATE_PATTERN.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const utc = new Date(Date.UTC(year, month - 1, day));
    if (utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day) {
      return { year, month, day };
    }
  }
  throw new RangeError(`${what} is not a YYYY-MM-DD date: "${date}"`);
}

/** An ISO instant with an explicit offset ("2022-01-04T15:59:00Z", "2022-01-04T23:59:00+08:00"). */
export function parseInstant(instant: string | Date, what = 'time'): Date {
  if (instant instanceof Date) {
    if (Number.isNaN(instant.getTime())) throw new RangeError(`${what} is not a valid time`);
    return instant;
  }
  const ms = INSTANT_PATTERN.test(instant) ? Date.parse(instant) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${what} is not an ISO time with an offset: "${instant}"`);
  return new Date(ms);
}

/** 00:00 Beijing time on that day. */
export function startOfChinaDay(date: string): Date {
  const { year, month, day } = parseChinaDate(date);
  return new Date(Date.UTC(year, month - 1, day) - CHINA_OFFSET_MS);
}

/** The first instant after that day in China (00:00 Beijing time the next day): open while now < this. */
export function endOfChinaDay(date: string): Date {
  return new Date(startOfChinaDay(date).getTime() + DAY_MS);
}

/** The calendar day in China at an instant. */
export function chinaDateOf(instant: string | Date): string {
  const shifted = new Date(parseInstant(instant).getTime() + CHINA_OFFSET_MS);
  return shifted.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const { year, month, day } = parseChinaDate(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** 2022-01-04 → 2022年1月4日 */
export function formatChinaDate(date: string): string {
  const { year, month, day } = parseChinaDate(date);
  return `${year}年${month}月${day}日`;
}
