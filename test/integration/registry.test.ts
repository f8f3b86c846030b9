import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { anonymousClient, buildTestApp, signedInClient, type Client } from '../helpers/build-app.ts';
import { makeAccount, makeTree } from '../helpers/factories.ts';
import { HEADER, csvOf, makeIdNumber } from '../helpers/people.ts';

describe.each(DIALECTS)('the registry on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let tree: Awaited<ReturnType<typeof makeTree>>;
  let clerkA: Client;
  let clerkB: Client;
  let visitor: Client;
  let categories: { id: number; name: string }[];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildTestApp(database.db);
    tree = await makeTree(database.db);
    await database.db.updateTable('unit').set({ code: 'VA' }).where('id', '=', tree.villageA.id).execute();
    await database.db.updateTable('unit').set({ code: 'VB' }).where('id', '=', tree.villageB.id).execute();
    clerkA = await signedInClient(app, await makeAccount(database.db, { role: 'clerk', unit: tree.villageA }));
    clerkB = await signedInClient(app, await makeAccount(database.db, { role: 'clerk', unit: tree.villageB }));
    visitor = await signedInClient(app, await makeAccount(database.db, { role: 'visitor', unit: tree.villageA }));
    categories = (await clerkA.get('/api/registry/categories')).json().categories;
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  function categoryId(name: string): number {
    return categories.find((category) => category.name === name)!.id;
  }

  async function addPerson(client: Client, overrides: Record<string, unknown> = {}) {
    return client.post('/api/registry/people', {
      name: '张伟',
      idNumber: makeIdNumber(),
      phone: '13800000001',
      unitId: tree.villageA.id,
      categoryIds: [categoryId('农村低保'), categoryId('残疾人')],
      address: '甲村3组12号',
      householdSize: 3,
      hardship: { cause: '因病致贫', illness: '糖尿病', monthlyIncomeFen: 80_000 },
      ...overrides,
    });
  }

  it('needs a session (401)', async () => {
    expect((await anonymousClient(app).get('/api/registry/people')).statusCode).toBe(401);
  });

  it('refuses an invalid ID number naming the field (422)', async () => {
    const response = await addPerson(clerkA, { idNumber: '320684195603121230' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'ID_NUMBER_INVALID', details: [{ field: 'idNumber' }] });
  });

  it('registers a person with several categories, derives birth date, age and sex, and masks the ID in lists', async () => {
    const idNumber = makeIdNumber('320684', '19560312', 'male');
    const response = await addPerson(clerkA, { idNumber, name: '  王建国 ' });
    expect(response.statusCode).toBe(201);
    const person = response.json().person;
    expect(person).toMatchObject({
      name: '王建国',
      birthDate: '1956-03-12',
      sex: 'male',
      categories: ['农村低保', '残疾人'],
      unitName: '甲村',
    });
    expect(person.idMasked).toBe(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
    const list = (await clerkA.get('/api/registry/people?q=wjg')).json().people;
    expect(list.map((p: { name: string }) => p.name)).toContain('王建国');
    expect(JSON.stringify(list)).not.toContain(idNumber);
  });

  it('never stores the ID number in clear text', async () => {
    const idNumber = makeIdNumber();
    await addPerson(clerkA, { idNumber, name: '李秀英' });
    const rows = await database.db.selectFrom('person').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(idNumber);
  });

  it('shows the full ID number on request to a clerk, and logs every view; a visitor may not', async () => {
    const idNumber = makeIdNumber();
    const person = (await addPerson(clerkA, { idNumber, name: '赵丽' })).json().person;
    expect((await visitor.post(`/api/registry/people/${person.id}/id-number`)).statusCode).toBe(403);
    const revealed = await clerkA.post(`/api/registry/people/${person.id}/id-number`);
    expect(revealed.json().idNumber).toBe(idNumber);
    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'person')
      .where('entity_id', '=', String(person.id))
      .where('action', '=', 'view-id-number')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('finds people by pinyin initials, full pinyin, hanzi, ID and phone', async () => {
    const idNumber = makeIdNumber();
    await addPerson(clerkA, { idNumber, name: '张伟', phone: '13912345678' });
    const names = async (q: string) =>
      (await clerkA.get(`/api/registry/people?q=${encodeURIComponent(q)}`))
        .json()
        .people.map((p: { name: string }) => p.name);
    expect(await names('zw')).toContain('张伟');
    expect(await names('zhangwei')).toContain('张伟');
    expect(await names('张')).toContain('张伟');
    expect(await names(idNumber)).toEqual(['张伟']);
    expect(await names(idNumber.toLowerCase())).toEqual(['张伟']);
    expect(await names('13912345678')).toEqual(['张伟']);
  });

  it('refuses the same ID number twice, never a second person', async () => {
    const idNumber = makeIdNumber();
    await addPerson(clerkA, { idNumber });
    const again = await addPerson(clerkA, { idNumber, name: '别人' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('PERSON_EXISTS');
  });

  it('tells a clerk an ID number is registered elsewhere without naming the other unit or record', async () => {
    const idNumber = makeIdNumber();
    const registered = (await addPerson(clerkA, { idNumber })).json().person;
    const unitNameA = tree.villageA.name;
    const elsewhere = await addPerson(clerkB, { idNumber, unitId: tree.villageB.id });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().code).toBe('PERSON_EXISTS');
    const inChinese = await clerkB.request(
      'POST',
      '/api/registry/people',
      { name: '张伟', idNumber, unitId: tree.villageB.id },
      { 'accept-language': 'zh-CN' },
    );
    for (const body of [elsewhere.body, inChinese.body]) {
      expect(body).not.toContain(unitNameA);
      expect(body).not.toContain(String(registered.id));
    }
    expect(inChinese.json().message).toBe('该身份证号已在其他单位登记');

    const csv = csvOf([HEADER, ['张伟', idNumber, '', 'VB', '', '', '', '']]);
    const batch = (await clerkB.upload('/api/registry/imports?wait=1', '名单.csv', csv)).json().batch;
    expect(batch.problems).toEqual([
      expect.objectContaining({
        kind: 'duplicate-in-registry',
        reason: '已在其他单位登记，未导入',
        matches: 'another unit',
      }),
    ]);
    expect(JSON.stringify(batch)).not.toContain(unitNameA);
  });

  it('keeps the hardship file as a dated timeline', async () => {
    const person = (await addPerson(clerkA, { name: '周敏' })).json().person;
    await clerkA.post(`/api/registry/people/${person.id}/hardship`, {
      cause: '因病致贫',
      illness: '尿毒症，每周透析',
      notes: '2026年病情加重',
    });
    const detail = (await clerkA.get(`/api/registry/people/${person.id}`)).json().person;
    expect(detail.hardship.map((record: { illness: string }) => record.illness)).toEqual([
      '尿毒症，每周透析',
      '糖尿病',
    ]);
    expect(detail.campaigns).toEqual([]);
  });

  it('keeps a clerk of village B away from village A, even by guessing ids', async () => {
    const person = (await addPerson(clerkA, { name: '孙杰' })).json().person;
    expect((await clerkB.get(`/api/registry/people/${person.id}`)).statusCode).toBe(404);
    expect((await clerkB.post(`/api/registry/people/${person.id}/id-number`)).statusCode).toBe(404);
    expect((await clerkB.patch(`/api/registry/people/${person.id}`, { version: 1, name: '改名' })).statusCode).toBe(
      404,
    );
    const list = (await clerkB.get('/api/registry/people?q=sj')).json().people;
    expect(list).toEqual([]);
    expect((await addPerson(clerkB, { unitId: tree.villageA.id })).statusCode).toBe(422);
  });

  it('bars a person until a date, with a reason, and lifts the bar', async () => {
    const organiser = await signedInClient(app, await makeAccount(database.db, { role: 'organiser', unit: tree.town }));
    const person = (await addPerson(clerkA, { name: '吴涛' })).json().person;
    const bar = await organiser.post('/api/registry/blacklist', {
      subjectKind: 'person',
      personId: person.id,
      reason: '虚报家庭收入',
      until: '2099-12-31',
    });
    expect(bar.statusCode).toBe(201);
    const unitBar = await organiser.post('/api/registry/blacklist', {
      subjectKind: 'unit',
      unitId: tree.villageB.id,
      reason: '上报材料不实，取消次年资格（篇四）',
      until: '2099-12-31',
    });
    expect(unitBar.json().entry).toMatchObject({ subjectKind: 'unit', targetUnitName: '乙村' });
    expect((await clerkA.get(`/api/registry/people/${person.id}`)).json().person.blacklist).toHaveLength(1);
    await organiser.post(`/api/registry/blacklist/${bar.json().entry.id}/lift`);
    expect(
      (await organiser.get('/api/registry/blacklist?active=1'))
        .json()
        .entries.map((e: { subjectKind: string }) => e.subjectKind),
    ).toEqual(['unit']);
    expect(
      (
        await clerkA.post('/api/registry/blacklist', {
          subjectKind: 'person',
          personId: person.id,
          reason: 'x',
          until: '2099-01-01',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('exports the registry without cells that could run as formulas', async () => {
    await addPerson(clerkA, { name: '=HYPERLINK("x")' });
    const response = await clerkA.get('/api/registry/export.xlsx');
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const values: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => values.push(String(cell.value))));
    expect(values.some((value) => /^[=+\-@]/.test(value))).toBe(false);
    expect(values).toContain(`'=HYPERLINK("x")`);
  });

  describe('import', () => {
    async function upload(client: Client, name: string, content: Buffer | string) {
      return client.upload('/api/registry/imports?wait=1', name, content);
    }

    async function commit(client: Client, batchId: number, body: Record<string, unknown> = {}) {
      return client.post(`/api/registry/imports/${batchId}/commit?wait=1`, body);
    }

    it('previews, then commits one file: created + duplicates + rejected = rows', async () => {
      const dupId = makeIdNumber();
      const csv = csvOf([
        HEADER,
        ['陈静', makeIdNumber(), '13800000011', 'VA', '城市低保、残疾人', '甲村1组1号', '2', '独居'],
        ['杨洋', dupId, '13800000012', 'VA', '特困人员', '甲村1组2号', '1', ''],
        ['杨洋', dupId, '13800000012', 'VA', '特困人员', '甲村1组2号', '1', ''],
        ['', makeIdNumber(), '', 'VA', '', '', '', ''],
        ['黄磊', '320684195603121230', '', 'VA', '', '', '', ''],
        ['何平', makeIdNumber(), '', 'NOPE', '', '', '', ''],
        ['高超', makeIdNumber(), '', 'VA', '不存在的类别', '', '', ''],
        ['郭霞', makeIdNumber(), '', 'VB', '孤儿', '', '', ''],
      ]);
      const preview = await upload(clerkA, '名单.csv', csv);
      expect(preview.statusCode).toBe(201);
      const batch = preview.json().batch;
      expect(batch).toMatchObject({ status: 'previewed', counts: { rows: 8, created: 2, duplicates: 1, rejected: 5 } });
      expect(batch.problems.map((p: { rowNumber: number; kind: string }) => [p.rowNumber, p.kind])).toEqual([
        [4, 'duplicate-in-file'],
        [5, 'missing-name'],
        [6, 'bad-id'],
        [7, 'unknown-unit'],
        [8, 'unknown-category'],
        [9, 'unknown-unit'],
      ]);
      const before = (await clerkA.get('/api/registry/people?q=cj')).json().people.length;
      expect(before).toBe(0);
      const committed = await commit(clerkA, batch.id);
      expect(committed.json().batch).toMatchObject({
        status: 'committed',
        counts: { rows: 8, created: 2, duplicates: 1, rejected: 5 },
      });
      expect(
        (await clerkA.get('/api/registry/people?q=cj')).json().people.map((p: { name: string }) => p.name),
      ).toEqual(['陈静']);
      const again = await commit(clerkA, batch.id);
      expect(again.statusCode).toBe(409);

      const report = await clerkA.get(`/api/registry/imports/${batch.id}/errors.xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.getRow(1).values).toContain('问题');
      expect(sheet.rowCount).toBe(7);
      expect(String(sheet.getRow(3).getCell(10).value)).toContain('缺少姓名');

      const reimport = await upload(clerkA, '名单.csv', csv);
      expect(reimport.json().batch.counts).toMatchObject({ created: 0, duplicates: 3 });
    });

    it('streams progress as server-sent events, ending with the final status', async () => {
      const csv = csvOf([HEADER, ['沈德明', makeIdNumber(), '', 'VA', '', '', '', '']]);
      const batch = (await upload(clerkA, 'events.csv', csv)).json().batch;
      const events = await clerkA.get(`/api/registry/imports/${batch.id}/events`);
      expect(events.headers['content-type']).toContain('text/event-stream');
      const messages = events.body
        .split('\n\n')
        .filter((chunk) => chunk.startsWith('data: '))
        .map((chunk) => JSON.parse(chunk.slice(6)));
      expect(messages.at(-1)).toMatchObject({ status: 'previewed', counts: { rows: 1, created: 1 } });
    });

    it('warns when one household appears under two units', async () => {
      await addPerson(clerkA, { name: '施玉兰', address: '幸福路 8 号' });
      await addPerson(clerkB, { name: '施国平', unitId: tree.villageB.id, address: '幸福路8号' });
      const organiser = await signedInClient(
        app,
        await makeAccount(database.db, { role: 'organiser', unit: tree.town }),
      );
      const warnings = (await organiser.get('/api/registry/warnings')).json().householdsInTwoUnits;
      expect(warnings).toContainEqual({ address: expect.stringContaining('幸福路'), units: 2 });
      expect((await clerkA.get('/api/registry/warnings')).json().householdsInTwoUnits).toEqual([]);
    });

    it('reads GBK CSV as Excel and WPS save it, and a header in another order with extra columns', async () => {
      const iconv = (await import('iconv-lite')).default;
      const csv = csvOf([
        ['备注', '单位代码', '身份证号', '姓名', '类别'],
        ['无', 'VA', makeIdNumber(), '徐桂英', '空巢老人'],
      ]);
      const response = await upload(clerkA, 'gbk.csv', iconv.encode(csv, 'gbk'));
      expect(response.json().batch).toMatchObject({
        status: 'previewed',
        counts: { rows: 1, created: 1 },
        extraColumns: ['备注'],
      });
      await commit(clerkA, response.json().batch.id);
      expect((await clerkA.get(`/api/registry/people?q=${encodeURIComponent('徐桂英')}`)).json().people).toHaveLength(
        1,
      );
    });

    it('updates the changed fields of a duplicate when asked, instead of skipping', async () => {
      const idNumber = makeIdNumber();
      await addPerson(clerkA, { idNumber, name: '朱红梅', phone: '13800000099' });
      const csv = csvOf([HEADER, ['朱红梅', idNumber, '13900000000', 'VA', '农村低保', '甲村新址8号', '4', '']]);
      const batch = (await upload(clerkA, 'update.csv', csv)).json().batch;
      const committed = (await commit(clerkA, batch.id, { duplicatePolicy: 'update' })).json().batch;
      expect(committed.counts).toMatchObject({ rows: 1, duplicates: 1, created: 0 });
      const person = (await clerkA.get('/api/registry/people?q=13900000000')).json().people[0];
      expect(person.name).toBe('朱红梅');
    });

    it('flags a person registered by hand who looks like someone already registered, showing both phones and addresses', async () => {
      const first = await addPerson(clerkA, {
        name: '邱桂兰',
        idNumber: makeIdNumber('320684', '19380808', 'female'),
        phone: '13700000555',
        address: '甲村7组7号',
      });
      expect(first.statusCode).toBe(201);
      const second = await addPerson(clerkA, {
        name: '邱桂兰',
        idNumber: makeIdNumber('320614', '19380808', 'female'),
        phone: '13700000556',
        address: '甲村七组七号',
      });
      expect(second.statusCode).toBe(201);
      const flags = (await clerkA.get('/api/registry/duplicates')).json().duplicates;
      const flag = flags.find((f: { person: { id: number } }) => f.person.id === second.json().person.id);
      expect(flag).toMatchObject({
        reason: 'name-birth-unit',
        person: { phone: '13700000556', address: '甲村七组七号' },
        other: { id: first.json().person.id, phone: '13700000555', address: '甲村7组7号' },
      });
      // someone unlike anybody is not flagged
      const third = await addPerson(clerkA, { name: '欧阳娜', phone: '13700000999', address: '甲村99组' });
      const after = (await clerkA.get('/api/registry/duplicates')).json().duplicates;
      expect(after.some((f: { person: { id: number } }) => f.person.id === third.json().person.id)).toBe(false);
    });

    it('flags possible duplicates without the same ID, and merges them keeping both histories', async () => {
      const csv = csvOf([
        HEADER,
        ['胡志强', makeIdNumber('320684', '19500101', 'male'), '13700000001', 'VA', '', '甲村9组9号', '', '第一份档案'],
        ['胡志强', makeIdNumber('320614', '19500101', 'male'), '13700000002', 'VA', '', '', '', '第二份档案'],
      ]);
      const batch = (await upload(clerkA, 'flags.csv', csv)).json().batch;
      expect(batch.counts).toMatchObject({ created: 2, flagged: 1 });
      await commit(clerkA, batch.id);
      const flags = (await clerkA.get('/api/registry/duplicates')).json().duplicates;
      const flag = flags.find((f: { person: { name: string } }) => f.person.name === '胡志强');
      expect(flag.reason).toBe('name-birth-unit');
      await clerkA.post(`/api/registry/duplicates/${flag.id}`, { action: 'merge', keepId: flag.other.id });
      const kept = (await clerkA.get(`/api/registry/people/${flag.other.id}`)).json().person;
      expect(kept.hardship.map((record: { notes: string }) => record.notes).sort()).toEqual([
        '第一份档案',
        '第二份档案',
      ]);
      expect((await clerkA.get(`/api/registry/people?q=hzq`)).json().people).toHaveLength(1);
    });

    it('refuses an empty file, binary junk, 200 columns and a wrong extension with a clear message, importing nothing', async () => {
      const empty = (await upload(clerkA, 'empty.csv', '')).json().batch;
      expect(empty).toMatchObject({ status: 'failed', errorCode: 'EMPTY_FILE' });
      const junk = (await upload(clerkA, 'junk.xlsx', Buffer.from([0, 1, 2, 3, 255, 254, 0, 9, 8, 7]))).json().batch;
      expect(junk.status).toBe('failed');
      expect(junk.errorMessage).toBeTruthy();
      const wide = (
        await upload(clerkA, 'wide.csv', csvOf([[...HEADER, ...Array.from({ length: 192 }, (_, i) => `列${i}`)]]))
      ).json().batch;
      expect(wide).toMatchObject({ status: 'failed', errorCode: 'TOO_MANY_COLUMNS' });
      const doc = await clerkA.upload('/api/registry/imports', 'plan.docx', 'PK');
      expect(doc.statusCode).toBe(422);
      expect(doc.json().details[0].field).toBe('file');
    });

    it('refuses a cut-off xlsx as a whole, importing nothing', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('名单');
      sheet.addRow(HEADER);
      for (let i = 0; i < 300; i += 1)
        sheet.addRow([`测试${i}`, makeIdNumber('320684', '19700101'), '', 'VA', '', '', '', '']);
      const full = Buffer.from(await workbook.xlsx.writeBuffer());
      const cut = full.subarray(0, Math.floor(full.length / 2));
      const batch = (await upload(clerkA, 'cut.xlsx', cut)).json().batch;
      expect(batch.status).toBe('failed');
      expect(batch.counts.created).toBe(0);
    });
  });
});
