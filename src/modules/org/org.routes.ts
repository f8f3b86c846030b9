import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/database.ts';
import { CSRF_HEADER, SESSION_COOKIE, requireActor } from '../../server/session.ts';
import { DomainError } from '../shared/errors.ts';
import { IdParamsSchema } from '../shared/schemas.ts';
import * as accountService from './account.service.ts';
import { PERMISSIONS, ROLE_LABELS_ZH, can, ROLES } from './roles.ts';
import {
  AddRegionSchema,
  ChangePasswordSchema,
  CreateAccountSchema,
  CreateUnitSchema,
  DisableAccountSchema,
  SignInSchema,
  UpdateUnitSchema,
} from './org.schemas.ts';
import * as unitService from './unit.service.ts';
import type { Account } from './account.ts';

function accountView(account: Account) {
  const { unitPath: _path, ...rest } = account;
  return { ...rest, permissions: permissionsOf(account) };
}

function permissionsOf(account: Account) {
  return PERMISSIONS.filter((permission) => can(account.role, permission));
}

export function registerOrgRoutes(root: FastifyInstance, db: Db): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/auth/sign-in',
    { schema: { tags: ['auth'], body: SignInSchema }, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const session = await accountService.signIn(db, request.body.username, request.body.password, request.ip);
      void reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        expires: new Date(session.expiresAt),
      });
      return { account: accountView(session.account), csrfToken: session.csrfToken, csrfHeader: CSRF_HEADER };
    },
  );

  app.post('/api/auth/sign-out', { schema: { tags: ['auth'] } }, async (request, reply) => {
    if (request.session) await accountService.signOut(db, request.session.tokenHash);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'] } }, async (request) => {
    if (!request.session) throw new DomainError('unauthenticated', 'SIGN_IN_REQUIRED', 'sign in first', '请先登录');
    return {
      account: accountView(request.session.account),
      csrfToken: request.session.csrfToken,
      csrfHeader: CSRF_HEADER,
    };
  });

  app.post('/api/auth/password', { schema: { tags: ['auth'], body: ChangePasswordSchema } }, async (request) => {
    if (!request.session) throw new DomainError('unauthenticated', 'SIGN_IN_REQUIRED', 'sign in first', '请先登录');
    await accountService.changeOwnPassword(
      db,
      request.session.actor,
      request.body.currentPassword,
      request.body.newPassword,
    );
    return { ok: true };
  });

  app.get('/api/roles', { schema: { tags: ['accounts'] } }, async () => ({
    roles: ROLES.map((role) => ({ role, labelZh: ROLE_LABELS_ZH[role] })),
  }));

  app.get('/api/units', { schema: { tags: ['units'] } }, async (request) => ({
    units: await unitService.listUnits(db, requireActor(request)),
  }));

  app.get('/api/units/:id', { schema: { tags: ['units'], params: IdParamsSchema } }, async (request) => ({
    unit: await unitService.getUnit(db, requireActor(request), request.params.id),
  }));

  app.post('/api/units', { schema: { tags: ['units'], body: CreateUnitSchema } }, async (request, reply) => {
    const unit = await unitService.createUnit(db, requireActor(request), request.body);
    return reply.status(201).send({ unit });
  });

  app.patch(
    '/api/units/:id',
    { schema: { tags: ['units'], params: IdParamsSchema, body: UpdateUnitSchema } },
    async (request) => ({
      unit: await unitService.updateUnit(db, requireActor(request), request.params.id, request.body),
    }),
  );

  app.post('/api/units/:id/close', { schema: { tags: ['units'], params: IdParamsSchema } }, async (request) => ({
    unit: await unitService.closeUnit(db, requireActor(request), request.params.id),
  }));

  app.post('/api/units/regions', { schema: { tags: ['units'], body: AddRegionSchema } }, async (request, reply) => {
    const result = await unitService.addRegion(
      db,
      requireActor(request),
      request.body.code,
      request.body.parentId ?? null,
    );
    return reply.status(201).send(result);
  });

  app.get('/api/accounts', { schema: { tags: ['accounts'] } }, async (request) => ({
    accounts: (await accountService.listAccounts(db, requireActor(request))).map(accountView),
  }));

  app.post('/api/accounts', { schema: { tags: ['accounts'], body: CreateAccountSchema } }, async (request, reply) => {
    const { account, oneTimePassword } = await accountService.createAccount(db, requireActor(request), request.body);
    return reply.status(201).send({ account: accountView(account), oneTimePassword });
  });

  app.post(
    '/api/accounts/:id/reset-password',
    { schema: { tags: ['accounts'], params: IdParamsSchema } },
    async (request) => ({
      oneTimePassword: await accountService.resetPassword(db, requireActor(request), request.params.id),
    }),
  );

  app.post(
    '/api/accounts/:id/disabled',
    { schema: { tags: ['accounts'], params: IdParamsSchema, body: DisableAccountSchema } },
    async (request) => ({
      account: accountView(
        await accountService.setAccountDisabled(db, requireActor(request), request.params.id, request.body.disabled),
      ),
    }),
  );
}
