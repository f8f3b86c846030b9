import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.ts';
import { requireActor } from '../../server/session.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { IdParamsSchema } from '../shared/schemas.ts';
import { householdsAffordable } from './budget.ts';
import {
  AffordabilitySchema,
  CreateCampaignSchema,
  DistributeSchema,
  ItemInputSchema,
  PlanImportSchema,
  PlanTextSchema,
  ReopenSchema,
  UnitPlansSchema,
  UpdateCampaignSchema,
} from './campaign.schemas.ts';
import * as service from './campaign.service.ts';
import { planDocumentFileName, renderPlanDocument } from './plan-document.ts';
import { importPlanText } from './plan-import.service.ts';
import { readPlanText } from './plan-text/read-plan-text.ts';

export function registerCampaignRoutes(root: FastifyInstance, db: Db): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/api/campaigns', { schema: { tags: ['campaigns'] } }, async (request) => ({
    campaigns: await service.listCampaigns(db, requireActor(request)),
  }));

  app.post(
    '/api/campaigns',
    { schema: { tags: ['campaigns'], body: CreateCampaignSchema } },
    async (request, reply) => {
      const view = await service.createCampaign(db, requireActor(request), request.body);
      return reply.status(201).send(view);
    },
  );

  app.get('/api/campaigns/:id', { schema: { tags: ['campaigns'], params: IdParamsSchema } }, async (request) =>
    service.getCampaign(db, requireActor(request), request.params.id),
  );

  app.put(
    '/api/campaigns/:id',
    { schema: { tags: ['campaigns'], params: IdParamsSchema, body: UpdateCampaignSchema } },
    async (request) => service.updateCampaign(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/campaigns/:id/reopen',
    { schema: { tags: ['campaigns'], params: IdParamsSchema, body: ReopenSchema } },
    async (request) => service.reopenCampaign(db, requireActor(request), request.params.id, request.body.reason),
  );

  app.get(
    '/api/campaigns/:id/history',
    { schema: { tags: ['campaigns'], params: IdParamsSchema } },
    async (request) => ({ events: await service.getCampaignHistory(db, requireActor(request), request.params.id) }),
  );

  app.put(
    '/api/campaigns/:id/unit-plans',
    { schema: { tags: ['campaigns'], params: IdParamsSchema, body: UnitPlansSchema } },
    async (request) => service.saveUnitPlans(db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/campaigns/:id/unit-plans/distribute',
    { schema: { tags: ['campaigns'], params: IdParamsSchema, body: DistributeSchema } },
    async (request) => service.distributeEvenly(db, requireActor(request), request.params.id, request.body),
  );

  app.get(
    '/api/campaigns/:id/plan.docx',
    { schema: { tags: ['campaigns'], params: IdParamsSchema } },
    async (request, reply) => {
      const actor = requireActor(request);
      const view = await service.getCampaign(db, actor, request.params.id);
      const document = await renderPlanDocument(view.campaign, view.budget);
      await appendAudit(db, actor, {
        action: 'export',
        entity: 'campaign',
        entityId: view.campaign.id,
        unitId: view.campaign.organiserUnitId,
        after: { format: 'docx' },
      });
      const fileName = planDocumentFileName(view.campaign);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header(
          'content-disposition',
          `attachment; filename="plan.docx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        )
        .send(document);
    },
  );

  app.post(
    '/api/budget/affordable',
    { schema: { tags: ['campaigns'], body: AffordabilitySchema } },
    async (request) => {
      requireActor(request);
      return householdsAffordable(request.body.availableFen, request.body.perHouseholdFen);
    },
  );

  app.post('/api/plans/lint', { schema: { tags: ['plans'], body: PlanTextSchema } }, async (request) => {
    requireActor(request);
    return readPlanText(request.body.text);
  });

  app.post('/api/plans/import', { schema: { tags: ['plans'], body: PlanImportSchema } }, async (request, reply) => {
    const { reading, view } = await importPlanText(db, requireActor(request), request.body);
    return reply.status(201).send({ reading, ...view });
  });

  app.get('/api/items', { schema: { tags: ['items'] } }, async (request) => ({
    items: await service.listItems(db, requireActor(request)),
  }));

  app.post('/api/items', { schema: { tags: ['items'], body: ItemInputSchema } }, async (request, reply) => {
    const item = await service.createItem(db, requireActor(request), request.body);
    return reply.status(201).send({ item });
  });

  app.put(
    '/api/items/:id',
    { schema: { tags: ['items'], params: IdParamsSchema, body: ItemInputSchema } },
    async (request) => ({
      item: await service.updateItem(db, requireActor(request), request.params.id, request.body),
    }),
  );
}
