/**
 * On SQLite a big import holds the one write transaction for most of a minute. Other clerks' pages
 * must not wait for it: a request that only reads is answered at once from the last committed state;
 * a write waits for the import to end, then goes in (never inside the import's transaction).
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { makeAccount, makeTree } from '../helpers/factories.ts';
import { buildTestApp, signedInClient, type Client } from '../helpers/build-app.ts';
import { makeIdNumber } from '../helpers/people.ts';

const settled = <T>(promise: Promise<T>, ms: number): Promise<T | 'still waiting'> =>
  Promise.race([promise, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms))]);

describe('reads while an import holds the SQLite writer', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let client: Client;
  let villageId: number;

  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    const tree = await makeTree(database.db);
    villageId = tree.villageA.id;
    app = await buildTestApp(database.db);
    client = await signedInClient(app, await makeAccount(database.db, { role: 'admin', unit: tree.district }));
    const created = await client.post('/api/registry/people', {
      name: '张伟',
      idNumber: makeIdNumber(),
      unitId: villageId,
    });
    expect(created.statusCode).toBe(201);
  });
  afterEach(async () => {
    await app.close();
    await database.destroy();
  });

  it('answers a search at once, and lets a registration in only after the import commits', async () => {
    let endImport!: () => void;
    const importEnds = new Promise<void>((resolve) => (endImport = resolve));
    const importing = database.db.transaction().execute(async (trx) => {
      await trx.insertInto('hardship_category').values({ name: '导入中类别', sort: 99, active: 1 }).execute();
      await importEnds;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));

    const search = await settled(client.get('/api/registry/people?q=zw'), 2000);
    expect(search).not.toBe('still waiting');
    if (search === 'still waiting') return;
    expect(search.statusCode).toBe(200);
    expect(search.json().people.map((person: { name: string }) => person.name)).toEqual(['张伟']);
    const categories = await client.get('/api/registry/categories');
    expect(JSON.stringify(categories.json())).not.toContain('导入中类别'); // not committed yet

    const registering = client.post('/api/registry/people', {
      name: '李娜',
      idNumber: makeIdNumber(),
      unitId: villageId,
    });
    expect(await settled(registering, 300)).toBe('still waiting');
    endImport();
    await importing;
    expect((await registering).statusCode).toBe(201);
    expect(JSON.stringify((await client.get('/api/registry/categories')).json())).toContain('导入中类别');
  });
});
