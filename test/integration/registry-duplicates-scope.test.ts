import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { buildTestApp, signedInClient, type Client } from '../helpers/build-app.ts';
import { makeAccount, makeTree } from '../helpers/factories.ts';
import { HEADER, csvOf, makeIdNumber } from '../helpers/people.ts';

/**
 * A clerk of village B registers someone with the phone and address of a person of village A: the
 * pair is flagged, and the clerk learns there may be a duplicate outside their unit, never who.
 */
describe.each(DIALECTS)('possible duplicates across units, on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let tree: Awaited<ReturnType<typeof makeTree>>;
  let clerkA: Client;
  let clerkB: Client;
  let town: Client;
  /** the person of village A whom village B may not see */
  let hidden: { id: number; name: string };
  const phone = '13700002222';
  const address = '幸福路18号';

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildTestApp(database.db);
    tree = await makeTree(database.db);
    await database.db.updateTable('unit').set({ code: 'SA' }).where('id', '=', tree.villageA.id).execute();
    await database.db.updateTable('unit').set({ code: 'SB' }).where('id', '=', tree.villageB.id).execute();
    clerkA = await signedInClient(app, await makeAccount(database.db, { role: 'clerk', unit: tree.villageA }));
    clerkB = await signedInClient(app, await makeAccount(database.db, { role: 'clerk', unit: tree.villageB }));
    town = await signedInClient(app, await makeAccount(database.db, { role: 'organiser', unit: tree.town }));
    const created = await clerkA.post('/api/registry/people', {
      name: '钱文华',
      idNumber: makeIdNumber('320684', '19480101', 'male'),
      phone,
      unitId: tree.villageA.id,
      address,
    });
    hidden = created.json().person;
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  function expectNothingOf(body: string, person = hidden): void {
    expect(body).not.toContain(person.name);
    const mentions = [
      `"otherPersonId":${person.id}\\b`,
      `"other":\\{"id":${person.id}\\b`,
      `(?:person |记录)${person.id}\\b`,
    ];
    for (const pattern of mentions) expect(body).not.toMatch(new RegExp(pattern));
  }

  async function registerLookalikeInB(name: string) {
    const response = await clerkB.post('/api/registry/people', {
      name,
      idNumber: makeIdNumber('320684', '19600505', 'female'),
      phone,
      unitId: tree.villageB.id,
      address,
    });
    expect(response.statusCode).toBe(201);
    return response;
  }

  it("shows the clerk's own person flagged, without the other person's name or id", async () => {
    const created = await registerLookalikeInB('孙丽');
    expectNothingOf(created.body);
    const person = (await clerkB.get(`/api/registry/people/${created.json().person.id}`)).json().person;
    expect(person.duplicateFlags).toEqual([
      expect.objectContaining({
        reason: 'phone-address',
        status: 'open',
        otherPersonId: null,
        otherName: null,
        otherOutsideScope: true,
      }),
    ]);
    expectNothingOf(JSON.stringify(person));
  });

  it('hides the other side from the clerk of A too, and shows both to the town above them', async () => {
    const mine = (await registerLookalikeInB('孙芳')).json().person;
    const fromA = (await clerkA.get(`/api/registry/people/${hidden.id}`)).json().person;
    const flagOfMine = fromA.duplicateFlags.find(
      (flag: { otherPersonId: number | null }) => flag.otherPersonId === mine.id,
    );
    expect(flagOfMine).toBeUndefined();
    expect(JSON.stringify(fromA)).not.toContain('孙芳');
    expect(fromA.duplicateFlags.every((flag: { otherOutsideScope: boolean }) => flag.otherOutsideScope)).toBe(true);
    const fromTown = (await town.get(`/api/registry/people/${mine.id}`)).json().person;
    expect(fromTown.duplicateFlags).toEqual([
      expect.objectContaining({ otherPersonId: hidden.id, otherName: hidden.name, otherOutsideScope: false }),
    ]);
  });

  it('lists the pair for the clerk with the other side left out, and lets only the town resolve it', async () => {
    const mine = (await registerLookalikeInB('孙梅')).json().person;
    const list = await clerkB.get('/api/registry/duplicates');
    expectNothingOf(list.body);
    const pair = list.json().duplicates.find((entry: { person: { id: number } }) => entry.person.id === mine.id);
    expect(pair).toMatchObject({ reason: 'phone-address', other: null, otherOutsideScope: true });
    expect(pair.person).toMatchObject({ name: '孙梅', phone, address });
    expect((await clerkB.post(`/api/registry/duplicates/${pair.id}`, { action: 'dismiss' })).statusCode).toBe(404);
    const fromA = await clerkA.get('/api/registry/duplicates');
    expect(fromA.body).not.toContain('孙梅');
    const townPair = (await town.get('/api/registry/duplicates'))
      .json()
      .duplicates.find((entry: { id: number }) => entry.id === pair.id);
    expect(townPair).toMatchObject({ otherOutsideScope: false, other: { id: hidden.id, name: hidden.name } });
    expect((await town.post(`/api/registry/duplicates/${pair.id}`, { action: 'dismiss' })).statusCode).toBe(200);
  });

  it('says nothing of the other person in an import preview, its result, its error report or the people it creates', async () => {
    const other = { phone: '13700003333', address: '幸福路19号' };
    const inA = (
      await clerkA.post('/api/registry/people', {
        name: '钱秀英',
        idNumber: makeIdNumber('320684', '19490202', 'female'),
        unitId: tree.villageA.id,
        ...other,
      })
    ).json().person;
    const csv = csvOf([
      HEADER,
      ['孙兰', makeIdNumber('320684', '19700707', 'female'), other.phone, 'SB', '', other.address, '', ''],
      ['孙竹', makeIdNumber('320684', '19710707', 'female'), '', 'SB', '', '', '', ''],
    ]);
    const preview = await clerkB.upload('/api/registry/imports?wait=1', 'lookalike.csv', csv);
    expect(preview.json().batch.counts).toMatchObject({ created: 2, flagged: 1 });
    expectNothingOf(preview.body, inA);
    const batchId = preview.json().batch.id;
    const committed = await clerkB.post(`/api/registry/imports/${batchId}/commit?wait=1`, {});
    expect(committed.json().batch.counts).toMatchObject({ created: 2, flagged: 1 });
    expectNothingOf(committed.body, inA);
    const report = await clerkB.get(`/api/registry/imports/${batchId}/errors.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells.join(' ')).not.toContain(inA.name);
    const imported = (await clerkB.get(`/api/registry/people?q=${encodeURIComponent('孙兰')}`)).json().people[0];
    const person = await clerkB.get(`/api/registry/people/${imported.id}`);
    expect(person.json().person.duplicateFlags).toEqual([
      expect.objectContaining({ otherPersonId: null, otherName: null, otherOutsideScope: true }),
    ]);
    expectNothingOf(person.body, inA);
  });

  it('tells the clerk an ID number is registered elsewhere, without saying by whom', async () => {
    const idNumber = makeIdNumber('320684', '19550505', 'male');
    await clerkA.post('/api/registry/people', { name: '周国强', idNumber, unitId: tree.villageA.id });
    const again = await clerkB.post('/api/registry/people', { name: '周国强', idNumber, unitId: tree.villageB.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).not.toMatch(/\d{2,}/);
    const csv = csvOf([HEADER, ['周国强', idNumber, '', 'SB', '', '', '', '']]);
    const preview = await clerkB.upload('/api/registry/imports?wait=1', 'again.csv', csv);
    expect(preview.json().batch.problems).toEqual([
      expect.objectContaining({ kind: 'duplicate-in-registry', matches: 'another unit' }),
    ]);
  });
});
