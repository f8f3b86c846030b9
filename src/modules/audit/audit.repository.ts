import type { DbOrTx } from '../../db/database.ts';
import { nowIso } from '../../db/database.ts';
import { bulkInsert } from '../../db/dialect.ts';
import { unitIdInScope, isSystem, type Actor } from '../org/scope.ts';

export interface AuditEntry {
  action: string; // create, update, delete, view-id-number, login …
  entity: string; // unit, account, campaign …
  entityId: string | number | null;
  unitId: number | null; // the unit the record belongs to: who may read this entry
  before?: unknown;
  after?: unknown;
}

export interface AuditRecord {
  id: number;
  at: string;
  actor: string;
  accountId: number | null;
  unitId: number | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/** Appends one row. Call it inside the transaction that makes the change, so both land or neither. */
export async function appendAudit(db: DbOrTx, actor: Actor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values(auditRow(actor, entry, nowIso()))
    .execute();
}

/** Appends the rows of a batch of changes (a review of 10,000 names) in a few statements. */
export async function appendAuditMany(db: DbOrTx, actor: Actor, entries: AuditEntry[]): Promise<void> {
  const at = nowIso();
  await bulkInsert(
    db,
    'audit_log',
    entries.map((entry) => auditRow(actor, entry, at)),
  );
}

function auditRow(actor: Actor, entry: AuditEntry, at: string) {
  return {
    at,
    account_id: isSystem(actor) ? null : actor.accountId,
    actor: actor.username,
    unit_id: entry.unitId,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId === null ? null : String(entry.entityId),
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    ip: actor.ip,
  };
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  limit: number;
  beforeId?: number;
}

export async function listAudit(db: DbOrTx, actor: Actor, query: AuditQuery): Promise<AuditRecord[]> {
  let q = db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) => unitIdInScope(eb.ref('audit_log.unit_id'), actor))
    .orderBy('id', 'desc')
    .limit(query.limit);
  if (query.entity) q = q.where('entity', '=', query.entity);
  if (query.entityId) q = q.where('entity_id', '=', query.entityId);
  if (query.beforeId) q = q.where('id', '<', query.beforeId);
  const rows = await q.execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: row.actor,
    accountId: row.account_id,
    unitId: row.unit_id,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: row.before_json ? JSON.parse(row.before_json) : null,
    after: row.after_json ? JSON.parse(row.after_json) : null,
    ip: row.ip,
  }));
}
