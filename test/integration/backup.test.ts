/**
 * Backup and restore (issue 16): a backup taken while the server keeps writing restores every row
 * committed before it began and no half-written change; the data key travels sealed by a passphrase,
 * and a backup without it, a damaged file, a wrong passphrase or a newer schema are refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openDatabase } from '../../src/db/database.ts';
import type { DatabaseTarget } from '../../src/db/dialect.ts';
import { SYSTEM_ACTOR } from '../../src/modules/org/scope.ts';
import { createUnit } from '../../src/modules/org/unit.service.ts';
import { copyCipherKeys } from '../../src/modules/registry/sensitive-data.ts';
import { packArchive, unpackArchive } from '../../src/ops/backup-archive.ts';
import { createBackup, restoreBackup, type BackupManifest } from '../../src/ops/backup.ts';
import { DIALECTS, PG_TEST_URL, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { buildTestApp, signedInClient, TEST_CIPHER } from '../helpers/build-app.ts';
import { makeAccount, makeTree } from '../helpers/factories.ts';
import { makeIdNumber } from '../helpers/people.ts';

const PASSPHRASE = 'correct horse battery staple';

describe.each(DIALECTS)('backup and restore on %s', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let work: string;
  let dataDir: string;
  let parentId: number;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    app = await buildTestApp(database.db);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'wennuan-backup-test-'));
    dataDir = path.join(work, 'data');
    fs.mkdirSync(path.join(dataDir, 'visit-photos', '1'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'visit-photos', '1', 'door.jpg'), randomBytes(2048));
    const tree = await makeTree(database.db);
    parentId = tree.district.id;
    const clerk = await signedInClient(app, await makeAccount(database.db, { role: 'clerk', unit: tree.villageA }));
    for (let i = 0; i < 5; i++) {
      const response = await clerk.post('/api/registry/people', {
        name: `备份${i}`,
        idNumber: makeIdNumber('320684', '19500101'),
        unitId: tree.villageA.id,
        categoryIds: [],
      });
      expect(response.statusCode).toBe(201);
    }
  });
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
    await app.close();
    await database.destroy();
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** An empty place to restore into: a new folder (SQLite) or a new PostgreSQL database. */
  async function emptyTarget(): Promise<{ target: DatabaseTarget; dataDir: string }> {
    const restoredDir = fs.mkdtempSync(path.join(work, 'restored-'));
    if (dialect === 'sqlite')
      return { target: { dialect, location: path.join(restoredDir, 'wennuan.sqlite') }, dataDir: restoredDir };
    const name = `restore_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_TEST_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: PG_TEST_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    });
    const url = new URL(PG_TEST_URL!);
    url.pathname = `/${name}`;
    return { target: { dialect, location: url.toString(), schema: database.target.schema! }, dataDir: restoredDir };
  }

  function backupOf(passphrase: string | null) {
    return createBackup({
      target: database.target,
      dataDir,
      keys: copyCipherKeys(TEST_CIPHER),
      passphrase,
      toDir: path.join(work, 'backups'),
      now: new Date(Date.now() + Math.floor(Math.random() * 1e9)),
    });
  }

  it('a backup taken during continuous writes restores every committed change whole, and the ID numbers decrypt', async () => {
    let writing = true;
    let committed = 0;
    const writer = (async () => {
      // each change writes a unit and its audit row in one transaction
      while (writing) {
        await createUnit(database.db, SYSTEM_ACTOR, { parentId, name: `写入${committed}`, kind: 'village' });
        committed++;
        // SQLite answers without leaving the microtask queue: let the backup's own steps run
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    for (let wait = 0; committed < 20; wait++) {
      if (wait > 2000) throw new Error('the writer does not write');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const committedBefore = committed;
    const { file, manifest } = await backupOf(PASSPHRASE);
    writing = false;
    await writer;
    expect(committed).toBeGreaterThan(committedBefore);

    const { target, dataDir: restoredDir } = await emptyTarget();
    const report = await restoreBackup({ file, target, dataDir: restoredDir, passphrase: PASSPHRASE });
    expect(report.idNumbersChecked).toBe(5);
    expect(report.filesRestored).toBe(1);
    expect(fs.readFileSync(path.join(restoredDir, 'visit-photos', '1', 'door.jpg'))).toEqual(
      fs.readFileSync(path.join(dataDir, 'visit-photos', '1', 'door.jpg')),
    );
    expect(fs.readFileSync(path.join(restoredDir, 'wennuan.key'), 'utf8').trim()).toBe(
      Buffer.concat([copyCipherKeys(TEST_CIPHER).key, copyCipherKeys(TEST_CIPHER).hmacKey]).toString('base64'),
    );

    const restored = openDatabase(target);
    try {
      const units = await restored.selectFrom('unit').select(['id', 'name']).where('name', 'like', '写入%').execute();
      const numbers = units.map((unit) => Number(unit.name.slice(2))).sort((a, b) => a - b);
      // a prefix of the writes, at least everything committed before the backup began
      expect(numbers.length).toBeGreaterThanOrEqual(committedBefore);
      expect(numbers).toEqual(numbers.map((_, index) => index));
      expect(manifest.tables.unit).toBe(
        Number(
          (
            await restored
              .selectFrom('unit')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      );
      // and no unit without the audit row of the same transaction, or the other way round
      const audited = await restored
        .selectFrom('audit_log')
        .select('entity_id')
        .where('entity', '=', 'unit')
        .where('action', '=', 'create')
        .where(
          'entity_id',
          'in',
          units.map((unit) => String(unit.id)),
        )
        .execute();
      expect(audited).toHaveLength(units.length);
    } finally {
      await restored.destroy();
    }
  });

  it('refuses to restore a backup made without the key unless the key is given, and then checks it is the right one', async () => {
    const { file } = await backupOf(null);
    const first = await emptyTarget();
    await expect(restoreBackup({ file, target: first.target, dataDir: first.dataDir })).rejects.toThrow(
      /made without its data key/,
    );
    await expect(
      restoreBackup({
        file,
        target: first.target,
        dataDir: first.dataDir,
        keyText: randomBytes(64).toString('base64'),
      }),
    ).rejects.toThrow(/not the key of this backup/);
    const keys = copyCipherKeys(TEST_CIPHER);
    const report = await restoreBackup({
      file,
      target: first.target,
      dataDir: first.dataDir,
      keyText: Buffer.concat([keys.key, keys.hmacKey]).toString('base64'),
    });
    expect(report.idNumbersChecked).toBe(5);
  });

  it('refuses a wrong passphrase, a damaged file, a non-empty database and a newer schema, restoring nothing', async () => {
    const { file } = await backupOf(PASSPHRASE);
    const target = await emptyTarget();
    await expect(
      restoreBackup({ file, target: target.target, dataDir: target.dataDir, passphrase: 'not the passphrase' }),
    ).rejects.toThrow(/wrong passphrase/);

    const damaged = path.join(work, 'damaged.tar.gz');
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    fs.writeFileSync(damaged, bytes);
    await expect(
      restoreBackup({ file: damaged, target: target.target, dataDir: target.dataDir, passphrase: PASSPHRASE }),
    ).rejects.toThrow(/damaged|does not match/);

    const unpacked = fs.mkdtempSync(path.join(work, 'unpacked-'));
    const manifest = await unpackArchive<BackupManifest>(file, unpacked);
    const future = path.join(work, 'future.tar.gz');
    await packArchive(unpacked, { ...manifest, schemaVersion: '9999-from-the-future' }, future);
    await expect(
      restoreBackup({ file: future, target: target.target, dataDir: target.dataDir, passphrase: PASSPHRASE }),
    ).rejects.toThrow(/newer wennuan/);

    await expect(
      restoreBackup({ file, target: database.target, dataDir: target.dataDir, passphrase: PASSPHRASE }),
    ).rejects.toThrow(/not empty/);
    expect(fs.existsSync(path.join(target.dataDir, 'visit-photos'))).toBe(false);

    await restoreBackup({ file, target: target.target, dataDir: target.dataDir, passphrase: PASSPHRASE });
  });
});
