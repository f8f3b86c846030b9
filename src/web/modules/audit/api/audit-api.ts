import { apiFetch, queryString } from '../../../app/api-client.ts';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  limit?: number;
  beforeId?: number;
}

export async function listAudit(query: AuditQuery, signal?: AbortSignal): Promise<AuditEntry[]> {
  const path = `/api/audit${queryString({ entity: query.entity, entityId: query.entityId, limit: query.limit, beforeId: query.beforeId })}`;
  return (await apiFetch<{ entries: AuditEntry[] }>(path, { signal })).entries;
}
