/**
 * Amounts are typed in yuan and travel as integer fen. The conversion is the shared string parser
 * (parseYuanToFen), never a float multiplication, so "0.29" is 29 fen.
 */
import type { FormRule as Rule } from 'antd';
import { formatFen, parseYuanToFen, type Fen } from '../../modules/shared/money.ts';
import type { Translate } from './i18n.ts';

export { formatFen };

export type YuanProblem = 'empty' | 'decimals' | 'negative' | 'format' | 'tooLarge';

export type YuanParse = { isValid: true; fen: Fen } | { isValid: false; problem: YuanProblem };

const MAX_FEN = 1_000_000_000_000;

export function parseYuanInput(input: string | null | undefined): YuanParse {
  const text = (input ?? '').trim().replace(/,/g, '').replace(/^¥/, '');
  if (text === '') return { isValid: false, problem: 'empty' };
  if (/^-/.test(text)) return { isValid: false, problem: 'negative' };
  if (/^\d+\.\d{3,}$/.test(text)) return { isValid: false, problem: 'decimals' };
  try {
    const fen = parseYuanToFen(text);
    if (fen > MAX_FEN) return { isValid: false, problem: 'tooLarge' };
    return { isValid: true, fen };
  } catch {
    return { isValid: false, problem: 'format' };
  }
}

/** The fen of a valid input, 0 for anything else (for live totals while the user is typing). */
export function yuanInputToFenOrZero(input: string | null | undefined): Fen {
  const parsed = parseYuanInput(input);
  return parsed.isValid ? parsed.fen : 0;
}

/** 50000 → "500", 12345 → "123.45": what the user would have typed. */
export function fenToYuanInput(fen: Fen): string {
  const text = formatFen(fen, { grouping: false });
  return text.endsWith('.00') ? text.slice(0, -3) : text;
}

export function yuanProblemMessage(problem: YuanProblem, t: Translate): string {
  switch (problem) {
    case 'empty':
      return t('money.required');
    case 'decimals':
      return t('money.decimals');
    case 'negative':
      return t('money.negative');
    case 'tooLarge':
      return t('money.tooLarge');
    case 'format':
      return t('money.format');
  }
}

/** antd Form rule for a yuan amount; an empty field counts as 0 unless required. */
export function yuanRule(t: Translate, options: { isRequired?: boolean } = {}): Rule {
  return {
    validator: async (_rule, value: string | undefined) => {
      const parsed = parseYuanInput(value);
      if (parsed.isValid) return;
      if (parsed.problem === 'empty' && !options.isRequired) return;
      throw new Error(yuanProblemMessage(parsed.problem, t));
    },
  };
}

export type CountProblem = 'empty' | 'negative' | 'fraction' | 'format' | 'tooLarge';

export function parseCountInput(
  input: string | number | null | undefined,
): { isValid: true; count: number } | { isValid: false; problem: CountProblem } {
  const text = String(input ?? '').trim();
  if (text === '') return { isValid: false, problem: 'empty' };
  if (/^-/.test(text)) return { isValid: false, problem: 'negative' };
  if (/^\d+\.\d*$/.test(text)) return { isValid: false, problem: 'fraction' };
  if (!/^\d+$/.test(text)) return { isValid: false, problem: 'format' };
  const count = Number(text);
  if (count > 100_000_000) return { isValid: false, problem: 'tooLarge' };
  return { isValid: true, count };
}

export function countInputOrZero(input: string | number | null | undefined): number {
  const parsed = parseCountInput(input);
  return parsed.isValid ? parsed.count : 0;
}

export function countRule(t: Translate, options: { isRequired?: boolean; min?: number } = {}): Rule {
  return {
    validator: async (_rule, value: string | number | undefined) => {
      const parsed = parseCountInput(value);
      if (!parsed.isValid) {
        if (parsed.problem === 'empty' && !options.isRequired) return;
        const key = {
          empty: 'count.required',
          negative: 'count.negative',
          fraction: 'count.fraction',
          format: 'count.format',
          tooLarge: 'count.tooLarge',
        } as const;
        throw new Error(t(key[parsed.problem]));
      }
      if (options.min !== undefined && parsed.count < options.min)
        throw new Error(t('count.min', { min: options.min }));
    },
  };
}
