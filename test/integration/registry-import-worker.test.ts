/**
 * A big file's rows are prepared on a worker thread. The worker must be invisible to the user: the
 * same counts, problems and stored people as the inline road, the same clear message for a bad file,
 * and nothing written when the upload breaks half-way. (A file is sent down the worker road by
 * giving its size as at least PREPARE_ON_WORKER_FROM_BYTES.)
 */
import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { makeAccount, makeTree } from '../helpers/factories.ts';
import { buildTestApp, signedInClient } from '../helpers/build-app.ts';
import { HEADER, csvOf, makeIdNumber } from '../helpers/people.ts';
import { SYSTEM_ACTOR } from '../../src/modules/org/scope.ts';
import {
  PREPARE_ON_WORKER_FROM_BYTES,
  runRegistryImport,
  type ImportResult,
} from '../../src/modules/registry/registry-import.service.ts';
import { RegistryFileError } from '../../src/modules/registry/import-file.ts';
import { computeCheckCharacter } from '../../src/modules/registry/id-number.ts';
import { createSensitiveDataCipher } from '../../src/modules/registry/sensitive-data.ts';
import type { Db } from '../../src/db/database.ts';
import { bigXlsx } from '../helpers/xlsx-files.ts';
import { withTemporaryFolderAsTmpdir } from '../helpers/temporary-folder.ts';

const cipher = createSensitiveDataCipher(randomBytes(32), randomBytes(32));

function mixedFile(count: number): string {
  const rows: string[][] = [HEADER];
  for (let i = 0; i < count; i += 1) {
    const birth = `19${String(40 + (i % 50)).padStart(2, '0')}0${1 + (i % 9)}${String(10 + (i % 18)).padStart(2, '0')}`;
    const id = makeIdNumber('320684', birth, i % 2 ? 'male' : 'female').slice(0, 14);
    // every 100th row shares the phone and address of the row before: a possible duplicate
    const contact = i % 100 === 1 ? i - 1 : i;
    rows.push([
      `周${'国秀海涛'[i % 4]}${i}`,
      fixCheck(id + String(1000 + i).slice(-3)),
      `137${String(contact).padStart(8, '0')}`,
      i % 3 ? 'VA' : 'VB',
      i % 5 ? '农村低保' : '残疾人、农村低保',
      `甲村${contact}号`,
      '2',
      i % 2 ? '因病' : '',
    ]);
  }
  rows.push(rows[5]!); // the same person twice
  rows.push(['', makeIdNumber(), '', 'VA', '', '', '', '']); // no name
  rows.push(['钱七', '320684194802031234', '', 'VA', '', '', '', '']); // bad check digit
  rows.push(['孙八', makeIdNumber('320684', '19500101'), '', 'NOPE', '', '', '', '']); // unknown unit
  return csvOf(rows);
}

/** The GB 11643 check character for the first 17 characters. */
function fixCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, index) => total + Number(digit) * weights[index]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

async function importText(
  db: Db,
  text: string,
  onWorker: boolean,
  stream?: Readable | (() => Readable),
): Promise<ImportResult> {
  return runRegistryImport(
    db,
    SYSTEM_ACTOR,
    cipher,
    {
      kind: 'csv',
      open: () => (typeof stream === 'function' ? stream() : (stream ?? Readable.from([Buffer.from(text)]))),
      sizeBytes: onWorker ? PREPARE_ON_WORKER_FROM_BYTES : 0,
    },
    { dryRun: false, duplicatePolicy: 'skip' },
  );
}

async function storedPeople(db: Db) {
  const people = await db
    .selectFrom('person')
    .select(['name', 'id_hash', 'id_cipher', 'id_masked', 'name_initials', 'unit_id'])
    .orderBy('name')
    .execute();
  return people.map(({ id_cipher, ...person }) => ({ ...person, idNumber: cipher.decrypt(id_cipher) }));
}

describe.each(DIALECTS)('an import prepared on a worker thread, on %s', (dialect) => {
  let inline: TestDatabase;
  let onWorker: TestDatabase;

  async function prepare(database: TestDatabase) {
    const tree = await makeTree(database.db);
    await database.db.updateTable('unit').set({ code: 'VA' }).where('id', '=', tree.villageA.id).execute();
    await database.db.updateTable('unit').set({ code: 'VB' }).where('id', '=', tree.villageB.id).execute();
  }

  beforeEach(async () => {
    inline = await createTestDatabase(dialect);
    onWorker = await createTestDatabase(dialect);
    await prepare(inline);
    await prepare(onWorker);
  });
  afterEach(async () => {
    await inline.destroy();
    await onWorker.destroy();
  });

  it('gives the same counts, problems and people as the inline road', async () => {
    // 2,500 rows: several batches, so the worker's batching and flow control are crossed
    const text = mixedFile(2500);
    const expected = await importText(inline.db, text, false);
    const actual = await importText(onWorker.db, text, true);
    expect(expected.counts).toEqual({ rows: 2504, created: 2500, updated: 0, duplicates: 1, rejected: 3, flagged: 25 });
    expect([expected.preparedOnWorker, actual.preparedOnWorker]).toEqual([false, true]);
    expect(actual.counts).toEqual(expected.counts);
    expect(actual.firstProblems).toEqual(expected.firstProblems);
    const [people, peopleInline] = [await storedPeople(onWorker.db), await storedPeople(inline.db)];
    expect(people).toHaveLength(2500);
    expect(people).toEqual(peopleInline);
  });

  it('reads the whole upload when something already watches its bytes (the CLI progress bar)', async () => {
    // a 'data' listener starts the stream flowing at once, while the worker takes ~150 ms to start
    const text = mixedFile(300);
    let bytesSeen = 0;
    const openWatched = () => {
      const watched = new Readable({ read() {} });
      watched.on('data', (chunk: Buffer) => (bytesSeen += chunk.length));
      for (const line of text.split('\n')) watched.push(Buffer.from(`${line}\n`));
      watched.push(null);
      return watched;
    };
    const result = await importText(onWorker.db, '', true, openWatched);
    expect(result.counts).toMatchObject({ rows: 304, created: 300 });
    expect(bytesSeen).toBeGreaterThanOrEqual(Buffer.byteLength(text));
  });

  it('says what is wrong with a bad file as the inline road does', async () => {
    const junk = randomBytes(4096).toString('binary');
    const failure = (db: Db, worker: boolean) =>
      importText(db, '', worker, Readable.from([Buffer.from(junk, 'binary')])).catch((error: unknown) => error);
    const [expected, actual] = [await failure(inline.db, false), await failure(onWorker.db, true)];
    expect(expected).toBeInstanceOf(RegistryFileError);
    expect(actual).toBeInstanceOf(RegistryFileError);
    expect((actual as RegistryFileError).code).toBe((expected as RegistryFileError).code);
    expect((actual as RegistryFileError).messageZh).toBe((expected as RegistryFileError).messageZh);
  });

  it('writes nothing and passes the upload’s own error on when the upload breaks half-way', async () => {
    const lines = mixedFile(3000).split('\n');
    let sent = 0;
    const broken = new Readable({
      read() {
        if (sent < 1500) {
          this.push(Buffer.from(lines.slice(sent, sent + 100).join('\n') + '\n'));
          sent += 100;
        } else this.destroy(new Error('connection reset'));
      },
    });
    await expect(importText(onWorker.db, '', true, broken)).rejects.toThrow('connection reset');
    expect(await onWorker.db.selectFrom('person').select('id').execute()).toEqual([]);
    expect(await onWorker.db.selectFrom('household').select('id').execute()).toEqual([]);
  });

  it('stops the worker, its temporary files removed, when the import fails part-way', async () => {
    // ExcelJS parks a sheet that comes before the shared strings in a temporary file; the worker
    // removes it as it stops, which it must be let do when the import fails (here: a header listener)
    await withTemporaryFolderAsTmpdir(async (directory) => {
      const file = bigXlsx(20_000, true);
      const failing = runRegistryImport(
        onWorker.db,
        SYSTEM_ACTOR,
        cipher,
        { kind: 'xlsx', open: () => Readable.from([file]), sizeBytes: file.length },
        {
          dryRun: false,
          duplicatePolicy: 'skip',
          onHeader: () => {
            throw new Error('listener gone');
          },
        },
      );
      await expect(failing).rejects.toThrow('listener gone');
      // (tsx, which loads the worker's TypeScript, keeps its compile cache there too)
      expect((await readdir(directory)).filter((name) => !name.startsWith('tsx-'))).toEqual([]);
      expect(await onWorker.db.selectFrom('person').select('id').execute()).toEqual([]);
    });
  });
});

describe.each(DIALECTS)('a big upload through the web, on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    app = await buildTestApp(database.db);
  });
  afterEach(async () => {
    await app.close();
    await database.destroy();
  });

  it('previews and commits a file over 1 MB, prepared on the worker thread', async () => {
    const tree = await makeTree(database.db);
    await database.db.updateTable('unit').set({ code: 'VA' }).where('id', '=', tree.villageA.id).execute();
    const clerk = await signedInClient(app, await makeAccount(database.db, { role: 'clerk', unit: tree.villageA }));
    const rows: string[][] = [HEADER];
    const count = 16_000;
    for (let day = 0; day < count; day += 1) {
      const birth = new Date(Date.UTC(1930, 0, 1) + day * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
      const first17 = `320684${birth}001`;
      rows.push(['大文件', first17 + computeCheckCharacter(first17), '', 'VA', '农村低保', `甲村${day}号院`, '2', '']);
    }
    const csv = csvOf(rows);
    expect(Buffer.byteLength(csv)).toBeGreaterThan(PREPARE_ON_WORKER_FROM_BYTES);

    const preview = await clerk.upload('/api/registry/imports?wait=1', '大名单.csv', csv);
    expect(preview.statusCode).toBe(201);
    const batch = preview.json().batch;
    expect(batch).toMatchObject({ status: 'previewed', counts: { rows: count, created: count, rejected: 0 } });
    const committed = await clerk.post(`/api/registry/imports/${batch.id}/commit?wait=1`, {});
    expect(committed.json().batch).toMatchObject({ status: 'committed', counts: { rows: count, created: count } });
    const found = await clerk.get('/api/registry/people?q=dwj&pageSize=5');
    expect(found.json()).toMatchObject({ hasMore: true });
    expect(found.json().people.map((person: { name: string }) => person.name)).toEqual(Array(5).fill('大文件'));
    const stored = await database.db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    expect(Number(stored?.n)).toBe(count);
  });
});
