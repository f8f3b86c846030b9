import { z } from 'zod';
import { IdSchema, optionalText, requiredText } from '../shared/schemas.ts';
import { ROLES } from './roles.ts';
import { UNIT_KINDS } from './unit.ts';

export const SignInSchema = z.object({
  username: requiredText(64),
  password: z.string().min(1, { error: 'is required' }).max(200),
});

export const ChangePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

export const CreateUnitSchema = z.object({
  parentId: IdSchema,
  name: requiredText(100),
  kind: z.enum(UNIT_KINDS),
  code: optionalText(32),
});

export const UpdateUnitSchema = z.object({
  name: requiredText(100).optional(),
  code: optionalText(32).optional(),
  parentId: IdSchema.optional(),
});

export const AddRegionSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{2,12}$/, { error: 'must be a region code of 2 to 12 digits' }),
  parentId: IdSchema.optional(),
});

export const CreateAccountSchema = z.object({
  username: requiredText(64),
  displayName: requiredText(100),
  role: z.enum(ROLES),
  unitId: IdSchema,
  password: z.string().min(1).max(200).optional(),
});

export const DisableAccountSchema = z.object({ disabled: z.boolean() });
