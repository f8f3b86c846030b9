/** Zod building blocks shared by every module's request schemas. */
import { z } from 'zod';
import { MAX_FEN_PER_PERSON, MAX_ITEM_QUANTITY, MAX_PEOPLE, MAX_UNIT_PRICE_FEN } from './limits.ts';
import { formatFen } from './money.ts';

export const IdSchema = z.coerce.number().int().positive();
export const IdParamsSchema = z.object({ id: IdSchema });

/** Money on the wire is integer fen: 100 yuan is 10000. A fraction of a fen means a price with more than two decimals. */
function fenUpTo(max: number, tooLarge: string) {
  return z
    .number({ error: 'must be an amount in fen (integer)' })
    .int({ error: 'must be a whole number of fen: a price has at most two decimals' })
    .min(0, { error: 'cannot be negative' })
    .max(max, { error: tooLarge });
}

function countUpTo(max: number, tooLarge: string, least = { min: 0, message: 'cannot be negative' }) {
  return z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(least.min, { error: least.message })
    .max(max, { error: tooLarge });
}

export const FenSchema = fenUpTo(1_000_000_000_000, 'is too large');
export const CountSchema = countUpTo(100_000_000, 'is too large');

export const PerPersonFenSchema = fenUpTo(
  MAX_FEN_PER_PERSON,
  `must be at most ${formatFen(MAX_FEN_PER_PERSON)} yuan (${MAX_FEN_PER_PERSON.toLocaleString('en')} fen) per person`,
);
export const UnitPriceFenSchema = fenUpTo(
  MAX_UNIT_PRICE_FEN,
  `must be at most ${formatFen(MAX_UNIT_PRICE_FEN)} yuan (${MAX_UNIT_PRICE_FEN.toLocaleString('en')} fen) a piece`,
);
/** a planned count or a quota: people */
export const PeopleCountSchema = countUpTo(MAX_PEOPLE, `must be at most ${MAX_PEOPLE.toLocaleString('en')} people`);
export const ItemQuantitySchema = countUpTo(
  MAX_ITEM_QUANTITY,
  `must be at most ${MAX_ITEM_QUANTITY.toLocaleString('en')} per person`,
  { min: 1, message: 'must be at least 1' },
);

export const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' });

export function text(max: number) {
  return z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` });
}

export function requiredText(max: number) {
  return text(max).min(1, { error: 'is required' });
}

export function optionalText(max: number) {
  return text(max)
    .nullish()
    .transform((value) => (value ? value : null));
}

export const ErrorResponseSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.array(z.object({ field: z.string().optional(), message: z.string() })).optional(),
});
