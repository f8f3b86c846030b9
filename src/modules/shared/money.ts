/**
 * Money is counted in fen (1 yuan = 100 fen) as integers. Nothing here ever goes through a float:
 * yuan strings are parsed digit by digit, so "0.29" is 29 fen and never 28.999….
 */

export type Fen = number;

const YUAN_PATTERN = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

export class MoneyFormatError extends Error {
  constructor(readonly input: string) {
    super(`not an amount in yuan with at most two decimals: "${input}"`);
  }
}

/** Parses "2813500", "2,813,500.00" or "12.5" (yuan) into fen. Throws MoneyFormatError otherwise. */
export function parseYuanToFen(input: string): Fen {
  const cleaned = input.trim().replace(/,/g, '');
  const match = YUAN_PATTERN.exec(cleaned);
  if (!match) throw new MoneyFormatError(input);
  const [, minus, whole = '0', decimals = ''] = match;
  const fen = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) throw new MoneyFormatError(input);
  return minus ? -fen : fen;
}

/** 281350000 → "2,813,500.00" */
export function formatFen(fen: Fen, options: { grouping?: boolean } = {}): string {
  const grouping = options.grouping ?? true;
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toString();
  const cents = (abs % 100).toString().padStart(2, '0');
  const grouped = grouping ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  return `${sign}${grouped}.${cents}`;
}

export function multiplyFen(fen: Fen, count: number): Fen {
  const product = fen * count;
  if (!Number.isSafeInteger(product)) throw new RangeError('amount out of range');
  return product;
}

export function sumFen(values: Iterable<Fen>): Fen {
  let total = 0;
  for (const value of values) total += value;
  if (!Number.isSafeInteger(total)) throw new RangeError('amount out of range');
  return total;
}
