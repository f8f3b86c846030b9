/**
 * "Change only while a limit holds": a count under a quota, a balance that must not go below zero,
 * one of something per person. The limit is read and the change written in one transaction, and
 * this module makes sure no other transaction can change what was read in between.
 *
 * - PostgreSQL (READ COMMITTED): each key becomes a transaction-scoped advisory lock
 *   (`pg_advisory_xact_lock`), taken before the limit is read and released at commit or rollback.
 *   A second request for the same key waits until the first has committed, and then reads the
 *   committed count. Advisory keys work for limits whose owner has no row yet (the first nomination
 *   of a person, the first receipt of a lot); row locks (`lockRows`) serve where the row exists.
 * - SQLite: every transaction is begun IMMEDIATE (sqlite-read-write-driver.ts), so it holds the one
 *   write lock of the file from its first statement; nobody else can write between the read and the
 *   write, in this process or another. Nothing more to take here.
 *
 * Keys are taken in one canonical order (sorted), so two transactions asking for the same keys in a
 * different order cannot deadlock. See docs/decisions/0006-limits-under-concurrency.md.
 */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect.ts';

/** What a limit belongs to: its kind and the ids of its owner, e.g. quota of (category 3, unit 42). */
export interface LimitKey {
  limit: string;
  owner: readonly (number | string)[];
}

export function limitKeyText(key: LimitKey): string {
  return `${key.limit}:${key.owner.join(':')}`;
}

/** Holds the given limits until the end of the caller's transaction. */
export async function holdLimits(trx: Kysely<any>, keys: readonly LimitKey[]): Promise<void> {
  assertInTransaction(trx, 'holdLimits');
  if (keys.length === 0 || dialectOf(trx) !== 'postgres') return;
  const texts = [...new Set(keys.map(limitKeyText))].sort();
  // one round trip; the ordered subquery hands the keys to the lock function in that order
  await sql`
    select pg_advisory_xact_lock(k.h) from (
      select hashtextextended(t, 0) as h from unnest(${texts}::text[]) as t order by h
    ) as k`.execute(trx);
}

/**
 * Locks existing rows of `table` by id until the end of the caller's transaction, in id order, so a
 * batch read after it sees them as committed and nobody changes them meanwhile (a review of many
 * names by several reviewers at once).
 */
export async function lockRows(trx: Kysely<any>, table: string, ids: readonly number[]): Promise<void> {
  assertInTransaction(trx, 'lockRows');
  if (ids.length === 0 || dialectOf(trx) !== 'postgres') return;
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i += 5000) {
    await sql`select id from ${sql.table(table)} where id = any(${sorted.slice(i, i + 5000)}::int8[]) order by id for update`.execute(
      trx,
    );
  }
}

/** A serialization failure or deadlock that PostgreSQL resolved by aborting this transaction. */
export function isTransactionConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}

function assertInTransaction(db: Kysely<any>, what: string): void {
  if (!db.isTransaction) throw new Error(`${what} must run inside a transaction: the lock ends with it`);
}
