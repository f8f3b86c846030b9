import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.ts';
import { requireActor } from '../../server/session.ts';
import { invalid } from '../shared/errors.ts';
import { IdParamsSchema } from '../shared/schemas.ts';
import {
  AllocateSchema,
  AssignVerifierSchema,
  BatchSchema,
  IdentificationSettingsSchema,
  NominateSchema,
  NominationListQuerySchema,
  NominationParamsSchema,
  PhotoParamsSchema,
  VisitPhotoParamsSchema,
  QuotasSchema,
  ReviewSchema,
  VerificationSchema,
  VoteOverrideSchema,
  WithdrawSchema,
  AnswerObjectionSchema,
  NoticeParamsSchema,
  ObjectionParamsSchema,
  ObjectionSchema,
  PublicNoticeParamsSchema,
  TrackingParamsSchema,
  FalseReportSchema,
  DemocraticReviewSchema,
  HandleRecommendationSchema,
  RecommendationParamsSchema,
  RecommendationSchema,
} from './identification.schemas.ts';
import * as service from './identification.service.ts';
import * as notices from './notice.service.ts';
import * as recommendations from './recommendation.service.ts';
import * as details from './nomination-detail.service.ts';
import * as planQuotas from './plan-quotas.service.ts';
import { PHOTO_MAX_BYTES } from './visit-photo.ts';

export interface IdentificationRouteOptions {
  /** the clock for deadlines and notice periods (tests move it on; the server uses the real one) */
  now?: () => Date;
  /** where files live (visit photos go under it) */
  dataDir?: string;
}

export function registerIdentificationRoutes(
  root: FastifyInstance,
  db: Db,
  options: IdentificationRouteOptions = {},
): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const base = '/api/campaigns/:id';
  const now = options.now ?? (() => new Date());

  app.get(
    `${base}/identification`,
    { schema: { tags: ['identification'], params: IdParamsSchema } },
    async (request) => ({
      settings: await service.getIdentificationSettings(db, requireActor(request), request.params.id),
    }),
  );
  app.put(
    `${base}/identification`,
    { schema: { tags: ['identification'], params: IdParamsSchema, body: IdentificationSettingsSchema } },
    async (request) => ({
      settings: await service.saveIdentificationSettings(db, requireActor(request), request.params.id, request.body),
    }),
  );

  app.get(`${base}/quotas`, { schema: { tags: ['identification'], params: IdParamsSchema } }, async (request) => ({
    quotas: await service.listQuotas(db, requireActor(request), request.params.id, now()),
  }));
  app.put(
    `${base}/quotas`,
    { schema: { tags: ['identification'], params: IdParamsSchema, body: QuotasSchema } },
    async (request) => ({
      quotas: await service.setQuotas(db, requireActor(request), request.params.id, request.body.entries),
    }),
  );
  app.post(
    `${base}/quotas/allocate`,
    { schema: { tags: ['identification'], params: IdParamsSchema, body: AllocateSchema } },
    async (request) => ({
      quotas: await service.allocateQuotasByRule(db, requireActor(request), request.params.id, request.body),
    }),
  );
  registerPlanQuotaRoutes(root, db);

  app.get(
    `${base}/nominations`,
    { schema: { tags: ['identification'], params: IdParamsSchema, querystring: NominationListQuerySchema } },
    async (request) => service.listCampaignNominations(db, requireActor(request), request.params.id, request.query),
  );
  app.post(
    `${base}/nominations`,
    { schema: { tags: ['identification'], params: IdParamsSchema, body: NominateSchema } },
    async (request, reply) =>
      reply.status(201).send({
        nomination: await service.nominatePerson(db, requireActor(request), request.params.id, request.body, now()),
      }),
  );
  app.get(
    `${base}/nominations/:nominationId`,
    { schema: { tags: ['identification'], params: NominationParamsSchema } },
    async (request) => ({
      nomination: await details.getNominationDetail(
        db,
        requireActor(request),
        request.params.id,
        request.params.nominationId,
      ),
    }),
  );
  registerPhotoRoutes(root, db, options.dataDir);
  app.post(
    `${base}/nominations/:nominationId/verifier`,
    { schema: { tags: ['identification'], params: NominationParamsSchema, body: AssignVerifierSchema } },
    async (request) => ({
      state: await service.assignVerifier(
        db,
        requireActor(request),
        request.params.id,
        request.params.nominationId,
        request.body.verifier,
      ),
    }),
  );
  app.post(
    `${base}/nominations/:nominationId/verification`,
    { schema: { tags: ['identification'], params: NominationParamsSchema, body: VerificationSchema } },
    async (request) => {
      if (!request.body.eligible && !request.body.reason)
        throw invalid(
          'REASON_REQUIRED',
          'give the reason the family is not eligible',
          '请填写不符合条件的原因',
          'reason',
        );
      return service.recordVerification(
        db,
        requireActor(request),
        request.params.id,
        request.params.nominationId,
        request.body,
      );
    },
  );
  app.post(
    `${base}/nominations/:nominationId/withdraw`,
    { schema: { tags: ['identification'], params: NominationParamsSchema, body: WithdrawSchema } },
    async (request) => ({
      state: await service.withdrawNomination(
        db,
        requireActor(request),
        request.params.id,
        request.params.nominationId,
        request.body.reason,
      ),
    }),
  );
  app.post(
    `${base}/nominations/:nominationId/vote-override`,
    { schema: { tags: ['identification'], params: NominationParamsSchema, body: VoteOverrideSchema } },
    async (request) =>
      service.overrideDemocraticVote(
        db,
        requireActor(request),
        request.params.id,
        request.params.nominationId,
        request.body.reason,
      ),
  );
  app.post(
    `${base}/nominations/:nominationId/correction`,
    { schema: { tags: ['identification'], params: NominationParamsSchema, body: WithdrawSchema } },
    async (request) => ({
      state: await service.correctFinalName(
        db,
        requireActor(request),
        request.params.id,
        request.params.nominationId,
        request.body.reason,
      ),
    }),
  );
  app.post(
    `${base}/nominations/submit`,
    { schema: { tags: ['identification'], params: IdParamsSchema, body: BatchSchema } },
    async (request) => ({
      states: await service.submitNominations(db, requireActor(request), request.params.id, request.body.ids, now()),
    }),
  );
  app.post(
    `${base}/nominations/review`,
    { schema: { tags: ['identification'], params: IdParamsSchema, body: ReviewSchema } },
    async (request) => {
      const { action, ids } = request.body;
      const reason = request.body.reason || request.body.opinion;
      if (action !== 'approve' && !reason)
        throw invalid(
          'REASON_REQUIRED',
          'give a reason for returning or rejecting',
          '退回或不予通过须填写原因',
          'reason',
        );
      const decision =
        action === 'approve' ? { action, opinion: request.body.opinion || undefined } : { action, reason: reason! };
      return { states: await service.reviewNominations(db, requireActor(request), request.params.id, ids, decision) };
    },
  );
  app.get(`${base}/progress`, { schema: { tags: ['identification'], params: IdParamsSchema } }, async (request) => ({
    units: await service.campaignProgress(db, requireActor(request), request.params.id, now()),
  }));

  app.get(`${base}/notices`, { schema: { tags: ['notice'], params: IdParamsSchema } }, async (request) => ({
    notices: await notices.listNotices(db, requireActor(request), request.params.id, now()),
  }));
  app.post(`${base}/notices`, { schema: { tags: ['notice'], params: IdParamsSchema } }, async (request, reply) =>
    reply
      .status(201)
      .send({ notices: await notices.publishNotices(db, requireActor(request), request.params.id, now()) }),
  );
  app.post(
    `${base}/notices/:noticeId/lock`,
    { schema: { tags: ['notice'], params: NoticeParamsSchema } },
    async (request) => notices.lockNotice(db, requireActor(request), request.params.id, request.params.noticeId, now()),
  );
  app.get(`${base}/objections`, { schema: { tags: ['notice'], params: IdParamsSchema } }, async (request) => ({
    objections: await notices.listObjections(db, requireActor(request), request.params.id),
  }));
  app.post(
    `${base}/objections/:objectionId/answer`,
    { schema: { tags: ['notice'], params: ObjectionParamsSchema, body: AnswerObjectionSchema } },
    async (request) => {
      await notices.answerObjection(
        db,
        requireActor(request),
        request.params.id,
        request.params.objectionId,
        request.body,
      );
      return { ok: true };
    },
  );

  // ——— public: no sign-in, rate-limited against floods ———
  app.get(
    '/api/public/notices/:noticeId',
    {
      schema: { tags: ['public'], params: PublicNoticeParamsSchema },
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (request) => ({
      notice: await notices.getPublicNotice(db, request.params.noticeId, now()),
    }),
  );
  app.post(
    '/api/public/notices/:noticeId/objections',
    {
      schema: { tags: ['public'], params: PublicNoticeParamsSchema, body: ObjectionSchema },
      config: { rateLimit: { max: 5, timeWindow: '10 minutes' } },
    },
    async (request, reply) =>
      reply.status(201).send(await notices.submitObjection(db, request.params.noticeId, request.body, now())),
  );
  app.get(
    '/api/public/objections/:code',
    {
      schema: { tags: ['public'], params: TrackingParamsSchema },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request) => ({
      objection: await notices.objectionByCode(db, request.params.code),
    }),
  );

  app.get(
    `${base}/quotas.xlsx`,
    { schema: { tags: ['identification'], params: IdParamsSchema } },
    async (request, reply) => {
      const { fileName, buffer } = await recommendations.renderQuotaTable(db, requireActor(request), request.params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="quotas.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        )
        .send(buffer);
    },
  );
  app.post(
    `${base}/false-report`,
    { schema: { tags: ['identification'], params: IdParamsSchema, body: FalseReportSchema } },
    async (request, reply) =>
      reply.status(201).send({
        entry: await service.reportFalseSubmission(db, requireActor(request), request.params.id, request.body),
      }),
  );
  app.get(
    `${base}/recommendations`,
    { schema: { tags: ['identification'], params: IdParamsSchema } },
    async (request) => ({
      recommendations: await recommendations.listRecommendations(db, requireActor(request), request.params.id),
    }),
  );
  app.post(
    `${base}/recommendations/:recommendationId`,
    { schema: { tags: ['identification'], params: RecommendationParamsSchema, body: HandleRecommendationSchema } },
    async (request) => ({
      ok: true,
      ...(await recommendations.handleRecommendation(
        db,
        requireActor(request),
        request.params.id,
        request.params.recommendationId,
        request.body,
        now(),
      )),
    }),
  );
  app.post(
    '/api/public/campaigns/:id/recommendations',
    {
      schema: { tags: ['public'], params: IdParamsSchema, body: RecommendationSchema },
      config: { rateLimit: { max: 5, timeWindow: '10 minutes' } },
    },
    async (request, reply) =>
      reply.status(201).send(await recommendations.submitRecommendation(db, request.params.id, request.body)),
  );
  app.get(
    '/api/public/campaigns/:id/recommendation-form',
    {
      schema: { tags: ['public'], params: IdParamsSchema },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (request) => ({ form: await recommendations.recommendationForm(db, request.params.id) }),
  );
  app.get(
    '/api/public/recommendations/:code',
    {
      schema: { tags: ['public'], params: TrackingParamsSchema },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request) => ({
      recommendation: await recommendations.recommendationByCode(db, request.params.code),
    }),
  );

  app.get(
    `${base}/nominations/:nominationId/application.xlsx`,
    { schema: { tags: ['identification'], params: NominationParamsSchema } },
    async (request, reply) => {
      const { fileName, buffer } = await service.applicationForm(
        db,
        requireActor(request),
        request.params.id,
        request.params.nominationId,
      );
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="application.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        )
        .send(buffer);
    },
  );

  app.get(
    `${base}/democratic-reviews`,
    { schema: { tags: ['identification'], params: IdParamsSchema } },
    async (request) => ({
      reviews: await service.listDemocraticReviews(db, requireActor(request), request.params.id),
    }),
  );
  app.post(
    `${base}/democratic-reviews`,
    { schema: { tags: ['identification'], params: IdParamsSchema, body: DemocraticReviewSchema } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.recordDemocraticReview(db, requireActor(request), request.params.id, request.body)),
  );
}

/** Photos of a home visit: multipart upload (field "file") to a recorded visit, and reading one back. */
function registerPhotoRoutes(root: FastifyInstance, db: Db, dataDir: string | undefined): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const base = '/api/campaigns/:id/nominations/:nominationId';
  const storage = () => {
    if (!dataDir) throw new Error('identification routes need a dataDir to keep visit photos');
    return dataDir;
  };
  app.post(
    `${base}/verifications/:verificationId/photos`,
    { schema: { tags: ['identification'], params: VisitPhotoParamsSchema, consumes: ['multipart/form-data'] } },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!request.isMultipart())
        throw invalid('UPLOAD_REQUIRED', 'upload the photo as multipart/form-data', '请上传照片', 'file');
      const file = await request.file({ limits: { fileSize: PHOTO_MAX_BYTES, files: 1 } });
      if (!file) throw invalid('UPLOAD_REQUIRED', 'no file in the upload', '没有收到照片', 'file');
      const bytes = await file.toBuffer().catch((error: unknown) => {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return null;
        throw invalid('UPLOAD_CUT_OFF', 'the upload was cut off', '照片上传中断，请重新上传', 'file');
      });
      const photo = await details.addVisitPhoto(
        db,
        actor,
        storage(),
        {
          campaignId: request.params.id,
          nominationId: request.params.nominationId,
          verificationId: request.params.verificationId,
        },
        { bytes: bytes ?? Buffer.alloc(0), truncated: bytes === null || file.file.truncated },
      );
      return reply.status(201).send({ photo });
    },
  );
  app.get(
    `${base}/photos/:photoId`,
    { schema: { tags: ['identification'], params: PhotoParamsSchema } },
    async (request, reply) => {
      const { contentType, bytes } = await details.readVisitPhoto(db, requireActor(request), storage(), {
        campaignId: request.params.id,
        nominationId: request.params.nominationId,
        photoId: request.params.photoId,
      });
      return reply
        .header('content-type', contentType)
        .header('cache-control', 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .send(bytes);
    },
  );
}

/** The plan's 单位分配 taken as quotas: GET previews what would change, POST makes the change. */
function registerPlanQuotaRoutes(root: FastifyInstance, db: Db): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const path = '/api/campaigns/:id/quotas/from-plan';
  app.get(path, { schema: { tags: ['identification'], params: IdParamsSchema } }, async (request) => ({
    preview: await planQuotas.previewQuotasFromPlan(db, requireActor(request), request.params.id),
  }));
  app.post(path, { schema: { tags: ['identification'], params: IdParamsSchema } }, async (request) => ({
    result: await planQuotas.takeQuotasFromPlan(db, requireActor(request), request.params.id),
  }));
}
