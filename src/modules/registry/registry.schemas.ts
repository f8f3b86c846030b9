import { z } from 'zod';
import { CountSchema, DateSchema, FenSchema, IdSchema, optionalText, requiredText } from '../shared/schemas.ts';

export const SearchQuerySchema = z.object({
  q: z.string().max(50).optional(),
  unitId: IdSchema.optional(),
  categoryId: IdSchema.optional(),
  sort: z.enum(['name', 'birthDate', 'createdAt', 'unit']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});

export const HardshipInputSchema = z.object({
  cause: optionalText(200),
  monthlyIncomeFen: FenSchema.nullish().transform((value) => value ?? null),
  illness: optionalText(200),
  disability: optionalText(200),
  notes: optionalText(2000),
});

export const CreatePersonSchema = z.object({
  name: requiredText(50),
  idNumber: z.string().trim().min(1, { error: 'is required' }).max(30),
  phone: optionalText(30),
  unitId: IdSchema,
  relation: optionalText(20),
  categoryIds: z.array(IdSchema).max(20).default([]),
  address: optionalText(200),
  householdSize: CountSchema.min(1)
    .max(50)
    .nullish()
    .transform((value) => value ?? null),
  hardship: HardshipInputSchema.nullish().transform((value) => value ?? null),
});

export const UpdatePersonSchema = z.object({
  version: z.number().int().min(1),
  name: requiredText(50).optional(),
  phone: optionalText(30).optional(),
  relation: requiredText(20).optional(),
  unitId: IdSchema.optional(),
  categoryIds: z.array(IdSchema).max(20).optional(),
  address: optionalText(200).optional(),
  householdSize: CountSchema.min(1).max(50).nullable().optional(),
});

export const CommitImportSchema = z.object({
  duplicatePolicy: z.enum(['skip', 'update']).default('skip'),
  /** per-row choices: { "12": "update" } */
  choices: z.record(z.string().regex(/^\d+$/), z.enum(['skip', 'update'])).default({}),
});

export const BlacklistInputSchema = z.object({
  subjectKind: z.enum(['person', 'unit']),
  personId: IdSchema.optional(),
  unitId: IdSchema.optional(),
  reason: requiredText(500),
  until: DateSchema,
});

export const ResolveDuplicateSchema = z.object({
  action: z.enum(['merge', 'dismiss']),
  keepId: IdSchema.optional(),
});

export const CategoryInputSchema = z.object({ name: requiredText(30) });
export const CategoryUpdateSchema = z.object({ name: requiredText(30).optional(), active: z.boolean().optional() });
