/**
 * Who is asking: resolves the session cookie to an Actor on every /api request, and enforces CSRF
 * (a per-session token echoed in the x-csrf-token header) on every state-changing request.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { actorFromAccount, resolveSession } from '../modules/org/account.service.ts';
import type { Account } from '../modules/org/account.ts';
import type { Actor } from '../modules/org/scope.ts';
import { DomainError } from '../modules/shared/errors.ts';

export const SESSION_COOKIE = 'wennuan_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    session: { account: Account; actor: Actor; csrfToken: string; tokenHash: string } | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerSessionHook(app: FastifyInstance, db: Db): void {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const resolved = await resolveSession(db, token);
    if (!resolved) return;
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== resolved.csrfToken) {
      throw new DomainError(
        'forbidden',
        'CSRF_TOKEN_INVALID',
        'missing or wrong CSRF token: reload the page',
        '页面已过期，请刷新后重试',
      );
    }
    request.session = {
      account: resolved.account,
      actor: actorFromAccount(resolved.account, request.ip),
      csrfToken: resolved.csrfToken,
      tokenHash: resolved.tokenHash,
    };
  });
}

/** The signed-in actor, or 401. Accounts that must change their password may do only that. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.session) throw new DomainError('unauthenticated', 'SIGN_IN_REQUIRED', 'sign in first', '请先登录');
  if (request.session.account.mustChangePassword) {
    throw new DomainError(
      'forbidden',
      'PASSWORD_CHANGE_REQUIRED',
      'change your one-time password first',
      '请先修改初始密码',
    );
  }
  return request.session.actor;
}
