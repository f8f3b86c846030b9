import type { DbOrTx } from '../../db/database.ts';
import { nowIso } from '../../db/database.ts';
import { unitPathInScope, type Actor } from './scope.ts';
import type { Account } from './account.ts';
import type { Role } from './roles.ts';

const ACCOUNT_COLUMNS = [
  'account.id',
  'account.username',
  'account.display_name',
  'account.role',
  'account.unit_id',
  'account.must_change_password',
  'account.locked_until',
  'account.disabled_at',
  'unit.name as unit_name',
  'unit.path as unit_path',
] as const;

function baseQuery(db: DbOrTx) {
  return db.selectFrom('account').innerJoin('unit', 'unit.id', 'account.unit_id').select(ACCOUNT_COLUMNS);
}

type AccountRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    unitId: row.unit_id,
    unitName: row.unit_name,
    unitPath: row.unit_path,
    mustChangePassword: row.must_change_password === 1,
    lockedUntil: row.locked_until,
    disabled: row.disabled_at !== null,
  };
}

export async function listAccountsInScope(db: DbOrTx, actor: Actor): Promise<Account[]> {
  const rows = await baseQuery(db)
    .where((eb) => unitPathInScope(eb, actor))
    .orderBy('unit.path')
    .orderBy('account.username')
    .execute();
  return rows.map(toAccount);
}

export async function findAccountInScope(db: DbOrTx, actor: Actor, id: number): Promise<Account | undefined> {
  const row = await baseQuery(db)
    .where('account.id', '=', id)
    .where((eb) => unitPathInScope(eb, actor))
    .executeTakeFirst();
  return row ? toAccount(row) : undefined;
}

/** Unscoped: used by sign-in and session lookup, before there is an actor. */
export async function findAccountById(db: DbOrTx, id: number): Promise<Account | undefined> {
  const row = await baseQuery(db).where('account.id', '=', id).executeTakeFirst();
  return row ? toAccount(row) : undefined;
}

export async function findCredentials(db: DbOrTx, username: string) {
  return db
    .selectFrom('account')
    .select(['id', 'password_hash', 'failed_attempts', 'locked_until', 'disabled_at', 'unit_id'])
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function usernameExists(db: DbOrTx, username: string): Promise<boolean> {
  const row = await db.selectFrom('account').select('id').where('username', '=', username).executeTakeFirst();
  return row !== undefined;
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  passwordHash: string;
  mustChangePassword: boolean;
}

export async function insertAccount(db: DbOrTx, account: NewAccount): Promise<number> {
  const row = await db
    .insertInto('account')
    .values({
      username: account.username,
      display_name: account.displayName,
      role: account.role,
      unit_id: account.unitId,
      password_hash: account.passwordHash,
      must_change_password: account.mustChangePassword ? 1 : 0,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function recordFailedSignIn(
  db: DbOrTx,
  id: number,
  failedAttempts: number,
  lockedUntil: string | null,
): Promise<void> {
  await db
    .updateTable('account')
    .set({ failed_attempts: failedAttempts, locked_until: lockedUntil })
    .where('id', '=', id)
    .execute();
}

export async function recordSuccessfulSignIn(db: DbOrTx, id: number): Promise<void> {
  await db.updateTable('account').set({ failed_attempts: 0, locked_until: null }).where('id', '=', id).execute();
}

export async function setPassword(db: DbOrTx, id: number, passwordHash: string, mustChange: boolean): Promise<void> {
  await db
    .updateTable('account')
    .set({
      password_hash: passwordHash,
      must_change_password: mustChange ? 1 : 0,
      failed_attempts: 0,
      locked_until: null,
    })
    .where('id', '=', id)
    .execute();
}

export async function updateAccountFields(
  db: DbOrTx,
  id: number,
  fields: { display_name?: string; role?: Role; unit_id?: number; disabled_at?: string | null },
): Promise<void> {
  await db.updateTable('account').set(fields).where('id', '=', id).execute();
}

export async function countAccounts(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom('account')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertSession(
  db: DbOrTx,
  session: { tokenHash: string; accountId: number; csrfToken: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('session')
    .values({
      token_hash: session.tokenHash,
      account_id: session.accountId,
      csrf_token: session.csrfToken,
      created_at: nowIso(),
      expires_at: session.expiresAt,
    })
    .execute();
}

export async function findSession(db: DbOrTx, tokenHash: string) {
  return db.selectFrom('session').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function deleteSession(db: DbOrTx, tokenHash: string): Promise<void> {
  await db.deleteFrom('session').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOf(db: DbOrTx, accountId: number): Promise<void> {
  await db.deleteFrom('session').where('account_id', '=', accountId).execute();
}

export async function deleteExpiredSessions(db: DbOrTx, now: string): Promise<void> {
  await db.deleteFrom('session').where('expires_at', '<', now).execute();
}
