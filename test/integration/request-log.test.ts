import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { buildTestApp, signedInClient, type Client } from '../helpers/build-app.ts';
import { makeAccount, makeTree } from '../helpers/factories.ts';
import { makeIdNumber } from '../helpers/people.ts';

/** The request log is read by whoever runs the server: it must not hold the ID numbers people search for. */
describe.each(DIALECTS)('the request log on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let clerk: Client;
  let villageId: number;
  const lines: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    app = await buildTestApp(database.db, { logLevel: 'info', logStream });
    const tree = await makeTree(database.db);
    villageId = tree.villageA.id;
    clerk = await signedInClient(app, await makeAccount(database.db, { role: 'clerk', unit: tree.villageA }));
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('writes no ID number sent or searched for, in full or by its last digits, in any line', async () => {
    const idNumber = makeIdNumber('320684', '19480623');
    const lastDigits = idNumber.slice(-6);
    lines.length = 0;
    const created = await clerk.post('/api/registry/people', { name: '陆秀英', idNumber, unitId: villageId });
    expect(created.statusCode).toBe(201);

    const byId = await clerk.get(`/api/registry/people?q=${idNumber}`);
    const byLastDigits = await clerk.get(`/api/registry/people?q=${lastDigits}&pageSize=20`);
    const forbidden = await clerk.get(`/api/accounts?q=${idNumber}`);

    expect(byId.json().people).toHaveLength(1);
    expect(byLastDigits.statusCode).toBe(200);
    expect(forbidden.statusCode).toBe(403);
    for (const line of lines) {
      expect(line).not.toContain(idNumber);
      expect(line).not.toContain(lastDigits);
    }
    const logged = lines.map((line) => JSON.parse(line) as { msg: string; req?: { url: string }; url?: string });
    const urls = logged.flatMap((entry) => [entry.req?.url, entry.url]).filter((url) => url !== undefined);
    // the requests are logged, their paths kept: only the values in the query are left out
    expect(urls).toContain('/api/registry/people?q=~');
    expect(urls).toContain('/api/registry/people?q=~&pageSize=~');
    expect(logged.some((entry) => entry.msg === 'forbidden')).toBe(true);
  });
});
