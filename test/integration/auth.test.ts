import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { anonymousClient, buildTestApp, signedInClient } from '../helpers/build-app.ts';
import { makeAccount, makeUnit } from '../helpers/factories.ts';
import { createAccount } from '../../src/modules/org/account.service.ts';
import { SYSTEM_ACTOR } from '../../src/modules/org/scope.ts';

describe.each(DIALECTS)('sign-in and sessions on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildTestApp(database.db);
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('refuses the API without a session (401)', async () => {
    const response = await anonymousClient(app).get('/api/units');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'SIGN_IN_REQUIRED' });
  });

  it('answers a wrong password with 401 and the same message as an unknown user', async () => {
    const account = await makeAccount(database.db);
    const wrong = await anonymousClient(app).post('/api/auth/sign-in', {
      username: account.username,
      password: 'nope-nope',
    });
    const unknown = await anonymousClient(app).post('/api/auth/sign-in', {
      username: 'nobody-here',
      password: 'nope-nope',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().message).toBe(unknown.json().message);
  });

  it('signs in with an httpOnly SameSite=Strict cookie and knows who you are', async () => {
    const account = await makeAccount(database.db, { role: 'clerk' });
    const response = await anonymousClient(app).post('/api/auth/sign-in', {
      username: account.username,
      password: account.password,
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'wennuan_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const client = await signedInClient(app, account);
    const me = await client.get('/api/auth/me');
    expect(me.json().account).toMatchObject({ username: account.username, role: 'clerk', unitId: account.unit.id });
  });

  it('refuses a state change without the CSRF token (403)', async () => {
    const account = await makeAccount(database.db, { role: 'admin' });
    const client = await signedInClient(app, account);
    const response = await client.request(
      'POST',
      '/api/units',
      { parentId: account.unit.id, name: '新村', kind: 'village' },
      { 'x-csrf-token': 'forged' },
    );
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('CSRF_TOKEN_INVALID');
  });

  it('locks the account after five wrong passwords, even for the right one', async () => {
    const account = await makeAccount(database.db);
    for (let i = 0; i < 5; i += 1) {
      await anonymousClient(app).post('/api/auth/sign-in', { username: account.username, password: `wrong-${i}` });
    }
    const locked = await anonymousClient(app, 'zh-CN').post('/api/auth/sign-in', {
      username: account.username,
      password: account.password,
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().message).toContain('锁定');
  });

  it('makes a one-time password be changed before anything else', async () => {
    const unit = await makeUnit(database.db);
    const { oneTimePassword } = await createAccount(database.db, SYSTEM_ACTOR, {
      username: 'fresh-admin',
      displayName: 'x',
      role: 'admin',
      unitId: unit.id,
    });
    const client = await signedInClient(app, { username: 'fresh-admin', password: oneTimePassword! });
    expect((await client.get('/api/units')).json().code).toBe('PASSWORD_CHANGE_REQUIRED');
    const short = await client.post('/api/auth/password', { currentPassword: oneTimePassword, newPassword: 'short' });
    expect(short.statusCode).toBe(422);
    const changed = await client.post('/api/auth/password', {
      currentPassword: oneTimePassword,
      newPassword: 'a-much-better-password',
    });
    expect(changed.statusCode).toBe(200);
    expect((await client.get('/api/units')).statusCode).toBe(200);
  });

  it('ends the session at sign-out', async () => {
    const account = await makeAccount(database.db);
    const client = await signedInClient(app, account);
    expect((await client.post('/api/auth/sign-out')).statusCode).toBe(200);
    expect((await client.get('/api/units')).statusCode).toBe(401);
  });
});

describe('the API document', () => {
  it('is served at /api/openapi.json with the routes of every module', async () => {
    const database = await createTestDatabase('sqlite');
    const app = await buildTestApp(database.db);
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/auth/sign-in',
      '/api/units',
      '/api/campaigns/{id}',
      '/api/registry/people',
      '/api/registry/imports',
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    await app.close();
    await database.destroy();
  });
});
