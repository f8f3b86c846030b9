import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { DomainError, invalid, notFound } from '../shared/errors.ts';
import { isLocked, lockUntilAfterFailure, SESSION_HOURS, USERNAME_PATTERN, type Account } from './account.ts';
import * as accounts from './account.repository.ts';
import { assertPasswordStrength, generatePassword, hashPassword, verifyPassword } from './password.ts';
import { ROLES, type Role } from './roles.ts';
import { assertCan, type Actor } from './scope.ts';
import * as units from './unit.repository.ts';

export interface CreateAccountInput {
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  /** absent: a one-time password is generated and returned, to be changed at first sign-in */
  password?: string;
}

export async function createAccount(
  db: Db,
  actor: Actor,
  input: CreateAccountInput,
): Promise<{ account: Account; oneTimePassword: string | null }> {
  assertCan(actor, 'accounts.manage');
  const username = input.username.trim();
  if (!USERNAME_PATTERN.test(username)) {
    throw invalid(
      'USERNAME_INVALID',
      'username must be 3–64 letters, digits, dots, dashes or underscores',
      '用户名应为3至64位字母、数字、点、短横线或下划线',
      'username',
    );
  }
  if (!(ROLES as readonly string[]).includes(input.role))
    throw invalid('ROLE_INVALID', `unknown role ${input.role}`, `未知角色${input.role}`, 'role');
  const displayName = input.displayName.trim() || username;
  // a generated one-time password is strong by construction, and changed at first sign-in
  if (input.password !== undefined) assertPasswordStrength(input.password, username);
  const oneTimePassword = input.password === undefined ? generatePassword() : null;
  const password = input.password ?? oneTimePassword!;
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const unit = await units.findUnitInScope(trx, actor, input.unitId);
    if (!unit) throw invalid('UNIT_UNKNOWN', `unit ${input.unitId} not found`, '所属单位不存在或无权访问', 'unitId');
    if (await accounts.usernameExists(trx, username)) {
      throw invalid('USERNAME_TAKEN', `username ${username} is already taken`, `用户名${username}已被使用`, 'username');
    }
    const id = await accounts.insertAccount(trx, {
      username,
      displayName,
      role: input.role,
      unitId: unit.id,
      passwordHash,
      mustChangePassword: oneTimePassword !== null,
    });
    const account = (await accounts.findAccountById(trx, id))!;
    await appendAudit(trx, actor, {
      action: 'create',
      entity: 'account',
      entityId: id,
      unitId: unit.id,
      after: account,
    });
    return { account, oneTimePassword };
  });
}

export async function listAccounts(db: Db, actor: Actor): Promise<Account[]> {
  assertCan(actor, 'accounts.manage');
  return accounts.listAccountsInScope(db, actor);
}

export async function resetPassword(db: Db, actor: Actor, id: number): Promise<string> {
  assertCan(actor, 'accounts.manage');
  const oneTimePassword = generatePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await db.transaction().execute(async (trx) => {
    const account = await accounts.findAccountInScope(trx, actor, id);
    if (!account) throw notFound('account', '账号');
    await accounts.setPassword(trx, id, passwordHash, true);
    await accounts.deleteSessionsOf(trx, id);
    await appendAudit(trx, actor, {
      action: 'reset-password',
      entity: 'account',
      entityId: id,
      unitId: account.unitId,
    });
  });
  return oneTimePassword;
}

export async function setAccountDisabled(db: Db, actor: Actor, id: number, disabled: boolean): Promise<Account> {
  assertCan(actor, 'accounts.manage');
  return db.transaction().execute(async (trx) => {
    const before = await accounts.findAccountInScope(trx, actor, id);
    if (!before) throw notFound('account', '账号');
    if (id === actor.accountId)
      throw invalid('ACCOUNT_SELF_DISABLE', 'you cannot disable your own account', '不能停用自己的账号');
    await accounts.updateAccountFields(trx, id, { disabled_at: disabled ? new Date().toISOString() : null });
    if (disabled) await accounts.deleteSessionsOf(trx, id);
    const after = (await accounts.findAccountById(trx, id))!;
    await appendAudit(trx, actor, {
      action: disabled ? 'disable' : 'enable',
      entity: 'account',
      entityId: id,
      unitId: after.unitId,
      before,
      after,
    });
    return after;
  });
}

// ——— sign-in and sessions ———

export interface SessionInfo {
  token: string;
  csrfToken: string;
  account: Account;
  expiresAt: string;
}

const SIGN_IN_FAILED = () =>
  new DomainError('unauthenticated', 'SIGN_IN_FAILED', 'wrong username or password', '用户名或密码错误');

/** A real hash of a throwaway password, so unknown usernames take as long as wrong passwords. */
let dummyHash: Promise<string> | null = null;

export async function signIn(db: Db, username: string, password: string, ip: string | null): Promise<SessionInfo> {
  const now = new Date();
  const credentials = await accounts.findCredentials(db, username.trim());
  if (!credentials || credentials.disabled_at) {
    dummyHash ??= hashPassword('not-a-real-password');
    await verifyPassword(await dummyHash, password);
    throw SIGN_IN_FAILED();
  }
  if (isLocked(credentials.locked_until, now)) {
    throw new DomainError(
      'locked',
      'ACCOUNT_LOCKED',
      `too many failed sign-ins: locked until ${credentials.locked_until}`,
      `登录失败次数过多，账号已锁定至${new Date(credentials.locked_until!).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}`,
    );
  }
  if (!(await verifyPassword(credentials.password_hash, password))) {
    const failed = credentials.failed_attempts + 1;
    const lockedUntil = lockUntilAfterFailure(failed, now);
    await db.transaction().execute(async (trx) => {
      await accounts.recordFailedSignIn(trx, credentials.id, lockedUntil ? 0 : failed, lockedUntil);
      await appendAudit(trx, systemActorFor(username, ip), {
        action: lockedUntil ? 'lock' : 'sign-in-failed',
        entity: 'account',
        entityId: credentials.id,
        unitId: credentials.unit_id,
      });
    });
    throw SIGN_IN_FAILED();
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await db.transaction().execute(async (trx) => {
    await accounts.recordSuccessfulSignIn(trx, credentials.id);
    await accounts.insertSession(trx, { tokenHash: hashToken(token), accountId: credentials.id, csrfToken, expiresAt });
    await accounts.deleteExpiredSessions(trx, now.toISOString());
    await appendAudit(trx, systemActorFor(username, ip, credentials.id), {
      action: 'sign-in',
      entity: 'account',
      entityId: credentials.id,
      unitId: credentials.unit_id,
    });
  });
  const account = (await accounts.findAccountById(db, credentials.id))!;
  return { token, csrfToken, account, expiresAt };
}

function systemActorFor(username: string, ip: string | null, accountId = 0): Actor {
  return { accountId, username, role: 'visitor', unitId: 0, unitPath: '/', ip };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface ResolvedSession {
  account: Account;
  csrfToken: string;
  tokenHash: string;
}

export async function resolveSession(db: Db, token: string): Promise<ResolvedSession | null> {
  const tokenHash = hashToken(token);
  const session = await accounts.findSession(db, tokenHash);
  if (!session || session.expires_at <= new Date().toISOString()) return null;
  const account = await accounts.findAccountById(db, session.account_id);
  if (!account || account.disabled) return null;
  return { account, csrfToken: session.csrf_token, tokenHash };
}

export async function signOut(db: Db, tokenHash: string): Promise<void> {
  await accounts.deleteSession(db, tokenHash);
}

export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  assertPasswordStrength(newPassword, actor.username, 'newPassword');
  const account = await accounts.findAccountById(db, actor.accountId);
  const credentials = account ? await accounts.findCredentials(db, account.username) : undefined;
  if (!credentials || !(await verifyPassword(credentials.password_hash, currentPassword))) {
    throw invalid('PASSWORD_WRONG', 'the current password is wrong', '当前密码不正确', 'currentPassword');
  }
  if (currentPassword === newPassword) {
    throw invalid(
      'PASSWORD_UNCHANGED',
      'the new password must differ from the current one',
      '新密码不能与当前密码相同',
      'newPassword',
    );
  }
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await accounts.setPassword(trx, actor.accountId, passwordHash, false);
    await appendAudit(trx, actor, {
      action: 'change-password',
      entity: 'account',
      entityId: actor.accountId,
      unitId: actor.unitId,
    });
  });
}

export function actorFromAccount(account: Account, ip: string | null): Actor {
  return {
    accountId: account.id,
    username: account.username,
    role: account.role,
    unitId: account.unitId,
    unitPath: account.unitPath,
    ip,
  };
}

/** First start: an admin at the root unit, with a one-time password printed once. */
export async function ensureInitialAdmin(
  db: Db,
  rootUnitId: number,
): Promise<{ username: string; password: string } | null> {
  if ((await accounts.countAccounts(db)) > 0) return null;
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await accounts.insertAccount(db, {
    username: 'admin',
    displayName: '系统管理员',
    role: 'admin',
    unitId: rootUnitId,
    passwordHash,
    mustChangePassword: true,
  });
  return { username: 'admin', password };
}
