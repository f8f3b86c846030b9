import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { buildTestApp, signedInClient, type Client } from '../helpers/build-app.ts';
import { makeAccount, makeUnit, uniqueSuffix, type TestAccount } from '../helpers/factories.ts';
import { createAccount } from '../../src/modules/org/account.service.ts';
import { SYSTEM_ACTOR } from '../../src/modules/org/scope.ts';

/** Passwords people pick first: too short, on every list of leaked passwords, or their own username. */
describe.each(DIALECTS)('the password policy on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let adminAccount: TestAccount;
  let admin: Client;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildTestApp(database.db);
    adminAccount = await makeAccount(database.db, { role: 'admin' });
    admin = await signedInClient(app, adminAccount, 'zh-CN');
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  function createWithPassword(password: string, username = `clerk_${uniqueSuffix()}`) {
    return admin.post('/api/accounts', {
      username,
      displayName: '测试',
      role: 'clerk',
      unitId: adminAccount.unit.id,
      password,
    });
  }

  const refusals = [
    { password: '12345678', code: 'PASSWORD_TOO_SHORT', zh: '至少需要10个字符' },
    { password: 'password', code: 'PASSWORD_TOO_SHORT', zh: '至少需要10个字符' },
    { password: 'wennuan-9', code: 'PASSWORD_TOO_SHORT', zh: '至少需要10个字符' },
    { password: 'woaini1314', code: 'PASSWORD_COMMON', zh: '常见' },
    { password: '123456789a', code: 'PASSWORD_COMMON', zh: '常见' },
    { password: 'qwertyuiop', code: 'PASSWORD_COMMON', zh: '常见' },
    { password: '1qaz2wsx3edc', code: 'PASSWORD_COMMON', zh: '常见' },
    { password: 'PassWord123', code: 'PASSWORD_COMMON', zh: '常见' },
  ];

  it.each(refusals)('refuses to open an account with $password ($code), naming the field', async (refusal) => {
    const response = await createWithPassword(refusal.password);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: refusal.code, details: [{ field: 'password' }] });
    expect(response.json().message).toContain(refusal.zh);
  });

  it('refuses a password that is or holds the username, whatever its case', async () => {
    const username = `zhangsan_${uniqueSuffix()}`;
    for (const password of [username, `${username.toUpperCase()}!2027`, `my-${username}-pass`]) {
      const response = await createWithPassword(password, username);
      expect(response.statusCode, password).toBe(422);
      expect(response.json()).toMatchObject({ code: 'PASSWORD_HAS_USERNAME', details: [{ field: 'password' }] });
    }
    expect((await createWithPassword('冬日送温暖-2027', username)).statusCode).toBe(201);
  });

  it('applies the same rules to a password change, naming newPassword', async () => {
    const account = await makeAccount(database.db, { role: 'clerk' });
    const client = await signedInClient(app, account, 'en-US');
    for (const [newPassword, code] of [
      ['12345678', 'PASSWORD_TOO_SHORT'],
      ['woaini1314', 'PASSWORD_COMMON'],
      [`${account.username}-2027`, 'PASSWORD_HAS_USERNAME'],
    ] as const) {
      const response = await client.post('/api/auth/password', { currentPassword: account.password, newPassword });
      expect(response.statusCode, newPassword).toBe(422);
      expect(response.json()).toMatchObject({ code, details: [{ field: 'newPassword' }] });
    }
  });

  it("holds the administrator's first change of the one-time password to the rules", async () => {
    const unit = await makeUnit(database.db);
    const { oneTimePassword } = await createAccount(database.db, SYSTEM_ACTOR, {
      username: 'admin',
      displayName: '系统管理员',
      role: 'admin',
      unitId: unit.id,
    });
    const client = await signedInClient(app, { username: 'admin', password: oneTimePassword! }, 'zh-CN');
    const change = (newPassword: string) =>
      client.post('/api/auth/password', { currentPassword: oneTimePassword, newPassword });
    expect((await change('1234567890')).json()).toMatchObject({ code: 'PASSWORD_COMMON' });
    expect((await change('Admin@2027!')).json()).toMatchObject({ code: 'PASSWORD_HAS_USERNAME' });
    expect((await change('区民政局冬季慰问-2027')).statusCode).toBe(200);
  });
});
