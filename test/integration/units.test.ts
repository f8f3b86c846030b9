import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { buildTestApp, signedInClient, type Client } from '../helpers/build-app.ts';
import { makeAccount, makeTree } from '../helpers/factories.ts';
import type { Unit } from '../../src/modules/org/unit.ts';

describe.each(DIALECTS)('units on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let admin: Client;
  let tree: Awaited<ReturnType<typeof makeTree>>;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildTestApp(database.db);
    tree = await makeTree(database.db);
    admin = await signedInClient(app, await makeAccount(database.db, { role: 'admin', unit: tree.district }));
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it('adds 海门区 (320614) with its 22 towns and 307 villages, codes as unit codes', async () => {
    const response = await admin.post('/api/units/regions', { code: '320614', parentId: tree.district.id });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      created: 330,
      towns: 22,
      villages: 307,
      root: { name: '海门区', code: '320614' },
    });
    const units = (await admin.get('/api/units')).json().units as Unit[];
    const haimen = units.find((unit) => unit.code === '320614')!;
    const towns = units.filter((unit) => unit.parentId === haimen.id);
    expect(towns).toHaveLength(22);
    const villages = units.filter((unit) => towns.some((town) => town.id === unit.parentId));
    expect(villages).toHaveLength(307);
    expect(
      villages.every((village) => village.path.startsWith(haimen.path) && village.code!.startsWith('320614')),
    ).toBe(true);
  });

  it('refuses the same region twice and an unknown region code, adding nothing', async () => {
    const before = (await admin.get('/api/units')).json().units.length;
    const again = await admin.post('/api/units/regions', { code: '320614', parentId: tree.district.id });
    expect(again.statusCode).toBe(422);
    expect(again.json().code).toBe('REGION_ALREADY_ADDED');
    const unknown = await admin.post('/api/units/regions', { code: '329999' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'REGION_CODE_UNKNOWN', details: [{ field: 'code' }] });
    expect((await admin.get('/api/units')).json().units.length).toBe(before);
  });

  it('adds, renames, moves and closes units by hand', async () => {
    const created = await admin.post('/api/units', {
      parentId: tree.town.id,
      name: '  丙村 ',
      kind: 'village',
      code: 'BING-01',
    });
    expect(created.statusCode).toBe(201);
    const bing = created.json().unit as Unit;
    expect(bing.name).toBe('丙村');
    const renamed = await admin.patch(`/api/units/${bing.id}`, { name: '丙村社区' });
    expect(renamed.json().unit.name).toBe('丙村社区');
    const moved = await admin.patch(`/api/units/${bing.id}`, { parentId: tree.district.id });
    expect(moved.json().unit).toMatchObject({
      parentId: tree.district.id,
      path: `${tree.district.path}${bing.id}/`,
      depth: tree.district.depth + 1,
    });
    const closed = await admin.post(`/api/units/${bing.id}/close`);
    expect(closed.json().unit.closedAt).not.toBeNull();
  });

  it('moves a whole subtree, paths and all', async () => {
    const newTown = (await admin.post('/api/units', { parentId: tree.district.id, name: '新镇', kind: 'town' })).json()
      .unit as Unit;
    const child = (await admin.post('/api/units', { parentId: newTown.id, name: '新镇一村', kind: 'village' })).json()
      .unit as Unit;
    const otherTown = (
      await admin.post('/api/units', { parentId: tree.district.id, name: '另一镇', kind: 'town' })
    ).json().unit as Unit;
    await admin.patch(`/api/units/${newTown.id}`, { parentId: otherTown.id });
    const after = (await admin.get(`/api/units/${child.id}`)).json().unit as Unit;
    expect(after.path).toBe(`${otherTown.path}${newTown.id}/${child.id}/`);
    expect(after.depth).toBe(otherTown.depth + 2);
    const cycle = await admin.patch(`/api/units/${otherTown.id}`, { parentId: child.id });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json().code).toBe('UNIT_MOVE_CYCLE');
  });

  it('refuses a duplicate unit code, naming the field', async () => {
    await admin.post('/api/units', { parentId: tree.town.id, name: '丁村', kind: 'village', code: 'DING' });
    const duplicate = await admin.post('/api/units', {
      parentId: tree.town.id,
      name: '又一个丁村',
      kind: 'village',
      code: 'DING',
    });
    expect(duplicate.statusCode).toBe(422);
    expect(duplicate.json()).toMatchObject({ code: 'UNIT_CODE_DUPLICATE', details: [{ field: 'code' }] });
  });

  it('refuses closing a unit that still has open sub-units', async () => {
    const response = await admin.post(`/api/units/${tree.town.id}/close`);
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('UNIT_HAS_OPEN_CHILDREN');
  });

  it('writes every change to the audit log with before and after', async () => {
    const unit = (await admin.post('/api/units', { parentId: tree.town.id, name: '戊村', kind: 'village' })).json()
      .unit as Unit;
    await admin.patch(`/api/units/${unit.id}`, { name: '戊家村' });
    const entries = (await admin.get(`/api/audit?entity=unit&entityId=${unit.id}`)).json().entries;
    expect(entries.map((entry: { action: string }) => entry.action)).toEqual(['update', 'create']);
    expect(entries[0].before.name).toBe('戊村');
    expect(entries[0].after.name).toBe('戊家村');
  });

  it('keeps the audit log append-only in the database itself', async () => {
    await expect(database.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(database.db.updateTable('audit_log').set({ actor: 'x' }).execute()).rejects.toThrow(/append-only/);
  });
});
