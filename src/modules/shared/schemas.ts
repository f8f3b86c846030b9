/** Zod building blocks shared by every module's request schemas. */
import { z } from 'zod';

export const IdSchema = z.coerce.number().int().positive();
export const IdParamsSchema = z.object({ id: IdSchema });

/** Money on the wire is integer fen: 100 yuan is 10000. A fraction of a fen means a price with more than two decimals. */
export const FenSchema = z
  .number({ error: 'must be an amount in fen (integer)' })
  .int({ error: 'must be a whole number of fen: a price has at most two decimals' })
  .min(0, { error: 'cannot be negative' })
  .max(1_000_000_000_000, { error: 'is too large' });

export const CountSchema = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(0, { error: 'cannot be negative' })
  .max(100_000_000, { error: 'is too large' });

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
