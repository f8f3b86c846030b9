import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { buildTestApp } from '../helpers/build-app.ts';
import { makeAccount } from '../helpers/factories.ts';

/**
 * X-Forwarded-For is whatever the client writes. Believed from anyone, it let a client pick a new
 * address for every sign-in attempt (no rate limit) and put a false one in the audit log. inject()
 * connects from 127.0.0.1.
 */
describe.each(DIALECTS)('the client address behind a proxy on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance | null = null;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await app?.close();
    app = null;
  });
  afterAll(async () => {
    await database.destroy();
  });

  async function signInFrom(forwardedFor: string, account: { username: string; password: string }) {
    return app!.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { username: account.username, password: account.password },
    });
  }

  async function auditedSignInAddress(accountUsername: string): Promise<string | null> {
    const row = await database.db
      .selectFrom('audit_log')
      .select('ip')
      .where('actor', '=', accountUsername)
      .where('action', '=', 'sign-in')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return row.ip;
  }

  /** Sign-in attempts with a fresh X-Forwarded-For each; the statuses answered. */
  async function rotatingAttempts(count: number): Promise<number[]> {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < count; attempt += 1) {
      const response = await signInFrom(`198.51.100.${attempt + 1}`, { username: 'nobody-here', password: 'wrong' });
      statuses.push(response.statusCode);
    }
    return statuses;
  }

  it('by default, ignores X-Forwarded-For in the audit log', async () => {
    app = await buildTestApp(database.db);
    const account = await makeAccount(database.db);
    expect((await signInFrom('203.0.113.9', account)).statusCode).toBe(200);
    expect(await auditedSignInAddress(account.username)).toBe('127.0.0.1');
  });

  it('by default, still limits sign-ins when X-Forwarded-For changes every time', async () => {
    app = await buildTestApp(database.db);
    const statuses = await rotatingAttempts(21);
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('behind a configured proxy, takes the address it forwards', async () => {
    app = await buildTestApp(database.db, { trustProxy: ['127.0.0.1'] });
    const account = await makeAccount(database.db);
    expect((await signInFrom('203.0.113.9', account)).statusCode).toBe(200);
    expect(await auditedSignInAddress(account.username)).toBe('203.0.113.9');
    // every forwarded address is a client of its own for the rate limit
    expect(await rotatingAttempts(21)).not.toContain(429);
  });
});
