/**
 * The first import into an empty registry takes a faster road (no lookups against the database,
 * indexes built after the load on SQLite). It must find exactly what the ordinary road finds, leave
 * every index in place, and leave nothing behind when the file breaks half-way.
 */
import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { makeTree } from '../helpers/factories.ts';
import { HEADER, csvOf, makeIdNumber } from '../helpers/people.ts';
import { SYSTEM_ACTOR } from '../../src/modules/org/scope.ts';
import { runRegistryImport } from '../../src/modules/registry/registry-import.service.ts';
import { createSensitiveDataCipher } from '../../src/modules/registry/sensitive-data.ts';
import { searchRegistry } from '../../src/modules/registry/registry.service.ts';
import type { DialectName } from '../../src/db/dialect.ts';
import type { Db } from '../../src/db/database.ts';

const cipher = createSensitiveDataCipher(randomBytes(32), randomBytes(32));

function sampleFile(): string {
  const repeated = makeIdNumber('320684', '19480203', 'male');
  return csvOf([
    HEADER,
    ['周国强', repeated, '13700000011', 'VA', '农村低保', '甲村1组1号', '2', '因病'],
    ['周国强', repeated, '13700000011', 'VA', '农村低保', '甲村1组1号', '2', '因病'],
    ['吴秀兰', makeIdNumber('320684', '19400101', 'female'), '', 'VA', '', '', '', ''],
    ['吴秀兰', makeIdNumber('320614', '19400101', 'female'), '', 'VA', '', '', '', ''],
    ['郑海', makeIdNumber('320684', '19600505', 'male'), '13700000022', 'VB', '', '乙村2组2号', '', ''],
    ['郑涛', makeIdNumber('320684', '19610606', 'male'), '13700000022', 'VB', '', '乙村2组2号', '', ''],
    ['无名', '320684194802031234', '', 'VA', '', '', '', ''],
  ]);
}

async function importText(db: Db, text: string) {
  return runRegistryImport(
    db,
    SYSTEM_ACTOR,
    cipher,
    { kind: 'csv', open: () => Readable.from([Buffer.from(text)]) },
    { dryRun: false, duplicatePolicy: 'skip' },
  );
}

async function registryIndexes(db: Db, dialect: DialectName): Promise<string[]> {
  const tables = ['household', 'person', 'person_category', 'hardship_record'];
  const rows =
    dialect === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'index' and tbl_name in (${sql.join(tables)})`.execute(db)
      : await sql<{
          name: string;
        }>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename in (${sql.join(tables)})`.execute(
          db,
        );
  return rows.rows.map((row) => row.name).sort();
}

describe.each(DIALECTS)('the first import into an empty registry on %s', (dialect) => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    const tree = await makeTree(database.db);
    await database.db.updateTable('unit').set({ code: 'VA' }).where('id', '=', tree.villageA.id).execute();
    await database.db.updateTable('unit').set({ code: 'VB' }).where('id', '=', tree.villageB.id).execute();
  });
  afterEach(async () => database.destroy());

  it('finds the same duplicates and possible duplicates as an import into a registry that has people', async () => {
    const indexesBefore = await registryIndexes(database.db, dialect);
    const first = await importText(database.db, sampleFile());
    expect(first.counts).toEqual({ rows: 7, created: 5, updated: 0, duplicates: 1, rejected: 1, flagged: 2 });
    expect(await registryIndexes(database.db, dialect)).toEqual(indexesBefore);

    // the same shapes again, with new ID numbers, now that the registry is not empty
    const second = await importText(database.db, sampleFile());
    // every new person now also resembles one of the first file's: found through the database
    expect(second.counts).toEqual({ rows: 7, created: 5, updated: 0, duplicates: 1, rejected: 1, flagged: 5 });

    const flags = await database.db.selectFrom('duplicate_flag').select(['reason']).execute();
    expect(flags.map((flag) => flag.reason).filter((reason) => reason === 'phone-address').length).toBeGreaterThan(0);
  });

  it('re-importing the same file creates nobody', async () => {
    const text = sampleFile();
    await importText(database.db, text);
    const again = await importText(database.db, text);
    expect(again.counts).toMatchObject({ rows: 7, created: 0, duplicates: 6, rejected: 1 });
  });

  it('finds people by name initials and ID right after the load', async () => {
    const text = sampleFile();
    await importText(database.db, text);
    const root = await database.db
      .selectFrom('unit')
      .select(['id', 'path'])
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    const actor = { ...SYSTEM_ACTOR, unitId: root.id, unitPath: root.path, role: 'admin' as const };
    const byInitials = await searchRegistry(database.db, actor, cipher, { q: 'zgq', pageSize: 20 });
    expect(byInitials.people.map((person) => person.name)).toEqual(['周国强']);
  });

  it('leaves nothing behind, indexes included, when the upload breaks half-way', async () => {
    const indexesBefore = await registryIndexes(database.db, dialect);
    const rows = sampleFile().split('\n');
    const broken = new Readable({
      read() {
        this.push(Buffer.from(rows.slice(0, 4).join('\n') + '\n'));
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(
      runRegistryImport(
        database.db,
        SYSTEM_ACTOR,
        cipher,
        { kind: 'csv', open: () => broken },
        { dryRun: false, duplicatePolicy: 'skip' },
      ),
    ).rejects.toThrow();
    expect(await database.db.selectFrom('person').select('id').execute()).toEqual([]);
    expect(await registryIndexes(database.db, dialect)).toEqual(indexesBefore);
  });
});
