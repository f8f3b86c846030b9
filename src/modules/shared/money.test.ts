import { describe, expect, it } from 'vitest';
import { formatFen, MoneyFormatError, parseYuanToFen } from './money.ts';

describe('money in fen', () => {
  it('parses yuan strings exactly, without floating point drift', () => {
    expect(parseYuanToFen('0.29')).toBe(29);
    expect(parseYuanToFen('2,813,500.00')).toBe(281_350_000);
    expect(parseYuanToFen('12.5')).toBe(1250);
    expect(parseYuanToFen(' 100 ')).toBe(10_000);
  });

  it('refuses a price with more than two decimals or no digits', () => {
    expect(() => parseYuanToFen('1.005')).toThrow(MoneyFormatError);
    expect(() => parseYuanToFen('220xx')).toThrow(MoneyFormatError);
    expect(() => parseYuanToFen('')).toThrow(MoneyFormatError);
  });

  it('formats fen as yuan with grouping and two decimals', () => {
    expect(formatFen(281_350_000)).toBe('2,813,500.00');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(-1250)).toBe('-12.50');
  });
});
