import { z } from 'zod';
import {
  DateSchema,
  FenSchema,
  IdSchema,
  ItemQuantitySchema,
  PeopleCountSchema,
  PerPersonFenSchema,
  UnitPriceFenSchema,
  optionalText,
  requiredText,
} from '../shared/schemas.ts';

export const LayerSchema = z.enum(['general', 'leaderVisit']);

export const PhaseInputSchema = z.object({
  name: requiredText(60),
  startsOn: DateSchema,
  endsOn: DateSchema,
  description: optionalText(2000),
});

export const ActivityInputSchema = z.object({
  title: requiredText(200),
  description: optionalText(4000),
  responsibleUnits: requiredText(400),
  dueOn: DateSchema.nullish().transform((value) => value ?? null),
});

export const CategoryItemInputSchema = z.object({
  itemId: IdSchema,
  quantity: ItemQuantitySchema,
});

export const CategoryInputSchema = z.object({
  id: IdSchema.nullish().transform((value) => value ?? null),
  name: requiredText(60),
  layer: LayerSchema,
  plannedCount: PeopleCountSchema,
  countNote: optionalText(100),
  cashFen: PerPersonFenSchema,
  giftFen: PerPersonFenSchema,
  description: optionalText(2000),
  items: z.array(CategoryItemInputSchema).max(20).default([]),
});

export const CampaignHeaderSchema = z.object({
  name: requiredText(120),
  slogan: optionalText(200),
  purpose: optionalText(8000),
  requirements: optionalText(8000),
  year: z.number().int().min(2000).max(2100),
});

export const CreateCampaignSchema = CampaignHeaderSchema.extend({
  organiserUnitId: IdSchema,
  phases: z.array(PhaseInputSchema).max(20).default([]),
  activities: z.array(ActivityInputSchema).max(100).default([]),
  categories: z.array(CategoryInputSchema).max(100).default([]),
});
export type CreateCampaignInput = z.infer<typeof CreateCampaignSchema>;

export const UpdateCampaignSchema = CampaignHeaderSchema.extend({
  version: z.number().int().min(1),
  status: z.enum(['draft', 'active', 'closed']),
  phases: z.array(PhaseInputSchema).max(20),
  activities: z.array(ActivityInputSchema).max(100),
  categories: z.array(CategoryInputSchema).max(100),
});
export type UpdateCampaignInput = z.infer<typeof UpdateCampaignSchema>;

/** Reopening a closed campaign always says why (it is in the campaign's history). */
export const ReopenSchema = z.object({ reason: requiredText(500) });

export const UnitPlansSchema = z.object({
  version: z.number().int().min(1),
  plans: z.array(z.object({ unitId: IdSchema, categoryId: IdSchema, plannedCount: PeopleCountSchema })).max(100_000),
  matchingFunds: z
    .array(z.object({ unitId: IdSchema, amountFen: FenSchema, note: optionalText(200) }))
    .max(10_000)
    .default([]),
});
export type UnitPlansInput = z.infer<typeof UnitPlansSchema>;

export const DistributeSchema = z.object({
  version: z.number().int().min(1),
  /** spread each category's planned count evenly over these units */
  unitIds: z.array(IdSchema).min(1).max(10_000),
  categoryIds: z.array(IdSchema).max(100).optional(),
});

export const ItemInputSchema = z.object({
  name: requiredText(60),
  spec: requiredText(60),
  unitLabel: requiredText(10),
  unitPriceFen: UnitPriceFenSchema,
});

export const AffordabilitySchema = z.object({
  availableFen: FenSchema,
  perHouseholdFen: FenSchema.min(1, { error: 'must be more than 0' }),
});

export const PlanTextSchema = z.object({
  text: z.string().min(1, { error: 'is empty' }).max(2_000_000, { error: 'is longer than 2,000,000 characters' }),
});

export const PlanImportSchema = PlanTextSchema.extend({
  organiserUnitId: IdSchema,
  name: optionalText(120),
  year: z.number().int().min(2000).max(2100).optional(),
});
