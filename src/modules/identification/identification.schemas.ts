import { z } from 'zod';
import { DateSchema, IdSchema, PeopleCountSchema, requiredText } from '../shared/schemas.ts';
import { ROLES } from '../org/roles.ts';

export const ReviewStepSchema = z.object({
  label: requiredText(60),
  unit: z.union([
    z.object({ levelsUp: z.number().int().min(0).max(10) }),
    z.object({ depth: z.number().int().min(0).max(10) }),
  ]),
  roles: z.array(z.enum(ROLES)).min(1),
});

export const IdentificationSettingsSchema = z.object({
  /** the first day applications are taken (篇七: 12-21); none: open from the start */
  opensOn: DateSchema.nullable().default(null),
  firstDeadline: DateSchema.nullable(),
  finalDeadline: DateSchema.nullable(),
  firstDeadlineShare: z.number().int().min(1).max(100).nullable(),
  noticeDays: z.number().int().min(1).max(30).default(3),
  verificationRequired: z.boolean().default(true),
  reviewChain: z.array(ReviewStepSchema).min(1).max(6),
  categories: z
    .array(
      z.object({
        categoryId: IdSchema,
        registryCategoryId: IdSchema.nullable(),
        minAge: z.number().int().min(0).max(130).nullable(),
        criteria: z
          .array(z.object({ key: z.string().min(1).max(40), label: requiredText(200), required: z.boolean() }))
          .max(20)
          .default([]),
      }),
    )
    .max(100)
    .default([]),
});

export const QuotasSchema = z.object({
  entries: z
    .array(z.object({ unitId: IdSchema, categoryId: IdSchema, quota: PeopleCountSchema }))
    .min(1)
    .max(10_000),
});

export const AllocateSchema = z.object({
  categoryId: IdSchema,
  total: PeopleCountSchema,
  unitIds: z.array(IdSchema).min(1).max(10_000),
});

export const NominateSchema = z.object({
  personId: IdSchema,
  categoryId: IdSchema,
  unitId: IdSchema,
  consent: z.boolean(),
  checklist: z.record(z.string().max(40), z.boolean()).optional(),
});

export const NominationParamsSchema = z.object({ id: IdSchema, nominationId: IdSchema });
export const VisitPhotoParamsSchema = NominationParamsSchema.extend({ verificationId: IdSchema });
export const PhotoParamsSchema = NominationParamsSchema.extend({ photoId: IdSchema });

export const AssignVerifierSchema = z.object({ verifier: requiredText(100) });

export const VerificationSchema = z.object({
  visitedOn: DateSchema,
  visitors: requiredText(200),
  findings: z.record(z.string().max(40), z.union([z.boolean(), z.string().max(500)])).default({}),
  eligible: z.boolean(),
  reason: z.string().trim().max(500).optional(),
});

export const BatchSchema = z.object({ ids: z.array(IdSchema).min(1).max(20_000) });

export const ReviewSchema = BatchSchema.extend({
  action: z.enum(['approve', 'return', 'reject']),
  reason: z.string().trim().max(500).optional(),
  /** 审核意见: optional when approving; when returning or rejecting it is the reason */
  opinion: z.string().trim().max(500).optional(),
});

export const WithdrawSchema = z.object({ reason: requiredText(500) });

/** The reason joins the name's history line (500 characters with its prefix). */
export const VoteOverrideSchema = z.object({ reason: requiredText(400) });

export const NominationListQuerySchema = z.object({
  status: z.string().max(30).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(500).optional(),
});

export const NoticeParamsSchema = z.object({ id: IdSchema, noticeId: IdSchema });
export const PublicNoticeParamsSchema = z.object({ noticeId: IdSchema });

/** Public form: the text is limited here and checked again (markup, control characters) by the rules. */
export const ObjectionSchema = z.object({
  kind: z.enum(['objection', 'left-out']),
  nominationId: IdSchema.optional(),
  text: z.string().max(2000, { error: 'must be at most 2000 characters' }),
  contact: z.string().max(100).optional(),
});

export const AnswerObjectionSchema = z.object({
  sustained: z.boolean(),
  answer: requiredText(2000),
  /** the home visit that looked into it (入户核查), kept as a verification of the name */
  investigation: z
    .object({ visitedOn: DateSchema, visitors: requiredText(200), findings: z.string().trim().max(500).optional() })
    .optional(),
});
export const ObjectionParamsSchema = z.object({ id: IdSchema, objectionId: IdSchema });
export const TrackingParamsSchema = z.object({ code: z.string().min(4).max(20) });

export const RecommendationSchema = z.object({
  unitId: IdSchema,
  familyName: z.string().max(50),
  address: z.string().max(200),
  situation: z.string().max(2000),
  recommenderName: z.string().max(50),
  recommenderContact: z.string().max(100),
});
export const HandleRecommendationSchema = z.object({
  accepted: z.boolean(),
  note: requiredText(500),
  nomination: NominateSchema.omit({ unitId: true }).optional(),
});
export const RecommendationParamsSchema = z.object({ id: IdSchema, recommendationId: IdSchema });
export const FalseReportSchema = z.object({ unitId: IdSchema, reason: requiredText(400) });

export const DemocraticReviewSchema = z.object({
  unitId: IdSchema,
  heldOn: DateSchema,
  participants: requiredText(1000),
  decisions: z
    .array(z.object({ nominationId: IdSchema, agreed: z.boolean(), note: z.string().trim().max(200).optional() }))
    .min(1)
    .max(2000),
});
