/** /api/health tells an operator the database, the schema level, the disk left and the last backup. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { healthReport } from '../../src/ops/health.ts';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../helpers/dialects.ts';
import { buildTestApp } from '../helpers/build-app.ts';

describe.each(DIALECTS)('health on %s', (dialect) => {
  let database: TestDatabase;
  let backupDir: string;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wennuan-health-'));
  });
  afterAll(async () => {
    await database.destroy();
    fs.rmSync(backupDir, { recursive: true, force: true });
  });

  it('answers with the database, the migration level, the disk space and no backup yet', async () => {
    const app = await buildTestApp(database.db);
    try {
      const response = await app.inject({ url: '/api/health' });
      expect(response.statusCode).toBe(200);
      const report = response.json();
      expect(report.database).toMatchObject({ dialect, ok: true });
      expect(report.migrations).toEqual({ level: Object.keys(migrations).at(-1), pending: 0 });
      expect(report.disk.freeBytes).toBeGreaterThan(0);
      expect(report.lastBackup).toBeNull();
    } finally {
      await app.close();
    }
  });

  it('names the newest backup and warns when it is older than a day', async () => {
    const old = path.join(backupDir, 'wennuan-backup-20261130-010000.tar.gz');
    const recent = path.join(backupDir, 'wennuan-backup-20261202-010000.tar.gz');
    fs.writeFileSync(old, '');
    fs.writeFileSync(recent, '');
    const now = new Date('2026-12-02T12:00:00Z');
    fs.utimesSync(old, new Date('2026-11-30T01:00:00Z'), new Date('2026-11-30T01:00:00Z'));
    fs.utimesSync(recent, new Date('2026-12-02T01:00:00Z'), new Date('2026-12-02T01:00:00Z'));
    const fresh = await healthReport(database.db, { dataDir: backupDir, backupDir, now });
    expect(fresh.lastBackup).toMatchObject({ file: path.basename(recent), olderThanADay: false });
    const later = await healthReport(database.db, {
      dataDir: backupDir,
      backupDir,
      now: new Date('2026-12-04T12:00:00Z'),
    });
    expect(later.lastBackup?.olderThanADay).toBe(true);
  });

  it('reports a database that does not answer', async () => {
    // nothing listens on port 1: the connection is refused at once
    const unreachable = openDatabase({ dialect: 'postgres', location: 'postgres://postgres@127.0.0.1:1/none' });
    const report = await healthReport(unreachable, { dataDir: backupDir });
    await unreachable.destroy();
    expect(report.ok).toBe(false);
    expect(report.database.ok).toBe(false);
    expect(report.migrations).toBeNull();
  });
});
