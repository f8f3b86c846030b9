import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { requireActor } from '../../server/session.ts';
import { assertCan } from '../org/scope.ts';
import { listAudit } from './audit.repository.ts';

const AuditQuerySchema = z.object({
  entity: z.string().max(40).optional(),
  entityId: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  beforeId: z.coerce.number().int().positive().optional(),
});

export function registerAuditRoutes(root: FastifyInstance, db: Db): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/api/audit', { schema: { tags: ['audit'], querystring: AuditQuerySchema } }, async (request) => {
    const actor = requireActor(request);
    assertCan(actor, 'audit.read');
    return { entries: await listAudit(db, actor, request.query) };
  });
}
