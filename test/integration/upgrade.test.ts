/**
 * Upgrades (issue 16): a database made by an earlier release of the schema (the first four
 * migrations, as shipped before the identification gaps) is backed up, then upgraded, and its data
 * survives; a migration that fails half-way leaves the database as it was.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Migration } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../src/db/migrations/index.ts';
import { SYSTEM_ACTOR } from '../../src/modules/org/scope.ts';
import { createUnit } from '../../src/modules/org/unit.service.ts';
import { copyCipherKeys } from '../../src/modules/registry/sensitive-data.ts';
import { unpackArchive } from '../../src/ops/backup-archive.ts';
import type { BackupManifest } from '../../src/ops/backup.ts';
import { migrateWithBackup } from '../../src/ops/upgrade.ts';
import { migrateToLatest } from '../../src/db/database.ts';
import {
  DIALECTS,
  createEmptyTestDatabase,
  withSchemaChangesSerialized,
  type TestDatabase,
} from '../helpers/dialects.ts';
import { TEST_CIPHER } from '../helpers/build-app.ts';

const FIRST_RELEASE = Object.fromEntries(Object.entries(migrations).slice(0, 4));
const LATEST = Object.keys(migrations).at(-1)!;

describe.each(DIALECTS)('upgrades on %s', (dialect) => {
  let database: TestDatabase;
  let work: string;
  // on PostgreSQL, schema changes of test workers run one at a time (dialects.ts)
  const serialized = <T>(change: () => Promise<T>) =>
    dialect === 'postgres' ? withSchemaChangesSerialized(change) : change();

  beforeAll(async () => {
    database = await createEmptyTestDatabase(dialect);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'wennuan-upgrade-test-'));
    await serialized(() => migrateToLatest(database.db, database.target.schema, FIRST_RELEASE));
  });
  afterAll(async () => {
    await database.destroy();
    fs.rmSync(work, { recursive: true, force: true });
  });

  function upgrade(known?: Record<string, Migration>) {
    return serialized(() =>
      migrateWithBackup(database.db, {
        target: database.target,
        dataDir: path.join(work, 'data'),
        keys: copyCipherKeys(TEST_CIPHER),
        backupDir: path.join(work, 'backups'),
        skipBackup: false,
        ...(known ? { known } : {}),
      }),
    );
  }

  async function latestApplied(): Promise<string> {
    const row = await sql<{ name: string }>`select max(name) as name from kysely_migration`.execute(database.db);
    return row.rows[0]!.name;
  }

  it('backs the old database up, then upgrades it, and its data survives', async () => {
    const unit = await createUnit(database.db, SYSTEM_ACTOR, { parentId: null, name: '旧版街道', kind: 'town' });
    expect(await latestApplied()).toBe('0004-visit-photos');

    const result = await upgrade();
    expect(result.applied).toContain(LATEST);
    expect(result.backupFile).not.toBeNull();
    const manifest = await unpackArchive<BackupManifest>(result.backupFile!, fs.mkdtempSync(path.join(work, 'x-')));
    expect(manifest.schemaVersion).toBe('0004-visit-photos');
    expect(manifest.tables.unit).toBe(1);

    expect(await latestApplied()).toBe(LATEST);
    const kept = await database.db.selectFrom('unit').select(['name']).where('id', '=', unit.id).executeTakeFirst();
    expect(kept?.name).toBe('旧版街道');

    const again = await upgrade();
    expect(again).toEqual({ applied: [], backupFile: null });
  });

  it('a migration that fails half-way leaves the schema and the data as they were', async () => {
    const broken: Migration = {
      async up(db) {
        await db.schema.createTable('upgrade_probe').addColumn('id', 'integer').execute();
        await db.deleteFrom('unit').execute();
        throw new Error('the disk is full');
      },
    };
    await expect(upgrade({ ...migrations, '9999-broken': broken })).rejects.toThrow(/9999-broken failed/);
    expect(await latestApplied()).toBe(LATEST);
    const units = await database.db.selectFrom('unit').select('id').execute();
    expect(units).toHaveLength(1);
    const probe = await database.db.introspection.getTables();
    expect(probe.map((table) => table.name)).not.toContain('upgrade_probe');
  });
});
