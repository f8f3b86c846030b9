/**
 * Backup and restore of a whole installation: the database (a consistent copy taken while the server
 * keeps serving), the files under the data directory (visit photos, and what later modules keep
 * there), and the data key sealed by a passphrase — without the key every stored ID number is lost.
 * A restore goes only into an empty database and data directory, checks every file against the
 * manifest, refuses a schema newer than this program, and ends by verifying row counts and
 * decrypting a sample of ID numbers.
 */
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../db/database.ts';
import type { DatabaseTarget } from '../db/dialect.ts';
import { migrations } from '../db/migrations/index.ts';
import { createSensitiveDataCipher, KEY_FILE_NAME } from '../modules/registry/sensitive-data.ts';
import { describeFiles, listFiles, packArchive, unpackArchive, type ArchiveManifest } from './backup-archive.ts';
import { describeDatabase, isDatabaseEmpty, restoreDatabase, snapshotDatabase } from './database-snapshot.ts';
import { openWithPassphrase, sealWithPassphrase, type SealedKey } from './passphrase-envelope.ts';

export interface DataKeyMaterial {
  key: Buffer;
  hmacKey: Buffer;
}

export interface BackupManifest extends ArchiveManifest {
  format: 'wennuan-backup';
  formatVersion: 1;
  createdAt: string;
  dialect: DatabaseTarget['dialect'];
  schemaVersion: string | null;
  database: string;
  tables: Record<string, number>;
  /** the data key sealed by the passphrase, or left out on purpose; `check` tells a key given at restore is the right one */
  dataKey: { included: true; check: string; envelope: SealedKey } | { included: false; check: string };
}

export class BackupError extends Error {}

const FILES_PREFIX = 'files/';
const DATABASE_FILES = new Set(['wennuan.sqlite', 'wennuan.sqlite-wal', 'wennuan.sqlite-shm', KEY_FILE_NAME]);

export interface BackupOptions {
  target: DatabaseTarget;
  dataDir: string;
  keys: DataKeyMaterial;
  /** null: the key is left out (kept elsewhere); restore will then ask for it */
  passphrase: string | null;
  toDir: string;
  now?: Date;
}

export async function createBackup(options: BackupOptions): Promise<{ file: string; manifest: BackupManifest }> {
  const now = options.now ?? new Date();
  fs.mkdirSync(options.toDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(options.toDir, '.backup-'));
  try {
    const dataKey =
      options.passphrase === null
        ? { included: false as const, check: keyCheck(options.keys) }
        : {
            included: true as const,
            check: keyCheck(options.keys),
            envelope: sealWithPassphrase(Buffer.concat([options.keys.key, options.keys.hmacKey]), options.passphrase),
          };
    const snapshotFile = path.join(staging, 'database');
    const snapshot = await snapshotDatabase(options.target, snapshotFile);
    fs.renameSync(snapshotFile, path.join(staging, snapshot.file));
    const uploads = dataDirFiles(options.dataDir, [options.toDir, staging]);
    for (const file of uploads) copyInto(path.join(options.dataDir, file), path.join(staging, FILES_PREFIX, file));
    const files = await describeFiles(staging, [snapshot.file, ...uploads.map((file) => FILES_PREFIX + file)]);
    const manifest: BackupManifest = {
      format: 'wennuan-backup',
      formatVersion: 1,
      createdAt: now.toISOString(),
      dialect: options.target.dialect,
      schemaVersion: snapshot.schemaVersion,
      database: snapshot.file,
      tables: snapshot.tables,
      dataKey,
      files,
    };
    const file = path.join(options.toDir, `wennuan-backup-${stamp(now)}.tar.gz`);
    await packArchive(staging, manifest, file);
    return { file, manifest };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Files of the data directory worth keeping: everything but the live database, the key and backups themselves. */
function dataDirFiles(dataDir: string, skipFolders: string[]): string[] {
  const skipped = skipFolders.map((folder) => path.resolve(folder));
  return listFiles(dataDir).filter((file) => {
    if (DATABASE_FILES.has(file) || file.endsWith('.tmp') || file.endsWith('.partial')) return false;
    const full = path.resolve(dataDir, file);
    return !skipped.some((folder) => full === folder || full.startsWith(folder + path.sep));
  });
}

function copyInto(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

function keyCheck(keys: DataKeyMaterial): string {
  return createHmac('sha256', keys.hmacKey).update('wennuan backup key check').digest('hex');
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

export interface RestoreOptions {
  file: string;
  target: DatabaseTarget;
  dataDir: string;
  passphrase?: string;
  /** the key kept apart from a backup made without it: base64 of 64 bytes, as in wennuan.key */
  keyText?: string;
  /** where the restored key goes; false when the installation reads it from WENNUAN_DATA_KEY */
  writeKeyFile?: boolean;
}

export interface RestoreReport {
  manifest: BackupManifest;
  tablesChecked: number;
  rowsChecked: number;
  idNumbersChecked: number;
  filesRestored: number;
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(options.dataDir, '.restore-'));
  try {
    const manifest = await unpackArchive<BackupManifest>(options.file, staging);
    assertRestorable(manifest, options.target);
    const keys = keysOf(manifest, options);
    if (!(await isDatabaseEmpty(options.target)))
      throw new BackupError('the database to restore into is not empty: restore goes only into an empty database');
    const uploads = manifest.files.filter((file) => file.path.startsWith(FILES_PREFIX));
    assertNoFileOverwritten(
      options.dataDir,
      uploads.map((file) => file.path.slice(FILES_PREFIX.length)),
    );
    await restoreDatabase(options.target, path.join(staging, manifest.database));
    for (const file of uploads)
      copyInto(path.join(staging, file.path), path.join(options.dataDir, file.path.slice(FILES_PREFIX.length)));
    if (options.writeKeyFile !== false) writeKeyFile(options.dataDir, keys);
    const verified = await verifyRestored(options.target, manifest, keys);
    return { manifest, ...verified, filesRestored: uploads.length };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function assertRestorable(manifest: BackupManifest, target: DatabaseTarget): void {
  if (manifest.format !== 'wennuan-backup' || manifest.formatVersion !== 1)
    throw new BackupError('this file is not a wennuan backup this program can read');
  if (manifest.dialect !== target.dialect)
    throw new BackupError(
      `this backup is of a ${manifest.dialect} database; set ${manifest.dialect === 'postgres' ? 'DATABASE_URL to an empty PostgreSQL database' : 'no DATABASE_URL (SQLite)'} to restore it`,
    );
  const known = Object.keys(migrations);
  if (manifest.schemaVersion !== null && !known.includes(manifest.schemaVersion))
    throw new BackupError(
      `this backup was made by a newer wennuan (schema ${manifest.schemaVersion}; this program knows up to ${known.at(-1)}): upgrade wennuan first`,
    );
}

function keysOf(manifest: BackupManifest, options: RestoreOptions): DataKeyMaterial {
  let material: Buffer;
  if (manifest.dataKey.included) {
    if (!options.passphrase)
      throw new BackupError('this backup’s data key is sealed by a passphrase: give it to restore');
    material = openWithPassphrase(manifest.dataKey.envelope, options.passphrase);
  } else {
    if (!options.keyText)
      throw new BackupError(
        'this backup was made without its data key: without it the stored ID numbers cannot be read. ' +
          'Give the key kept apart (--key-file, or WENNUAN_DATA_KEY) to restore it',
      );
    material = Buffer.from(options.keyText.replace(/\s+/g, ''), 'base64');
  }
  if (material.length !== 64) throw new BackupError('the data key given is not 64 bytes of base64');
  const keys = { key: material.subarray(0, 32), hmacKey: material.subarray(32) };
  if (keyCheck(keys) !== manifest.dataKey.check)
    throw new BackupError('the data key given is not the key of this backup: its ID numbers could not be read');
  return keys;
}

function assertNoFileOverwritten(dataDir: string, files: string[]): void {
  const existing = files.filter((file) => fs.existsSync(path.join(dataDir, file)));
  if (existing.length > 0)
    throw new BackupError(
      `the data directory already holds files of this backup (${existing[0]}): restore into an empty one`,
    );
}

function writeKeyFile(dataDir: string, keys: DataKeyMaterial): void {
  const keyFile = path.join(dataDir, KEY_FILE_NAME);
  const text = `${Buffer.concat([keys.key, keys.hmacKey]).toString('base64')}\n`;
  if (fs.existsSync(keyFile)) {
    if (fs.readFileSync(keyFile, 'utf8').trim() === text.trim()) return;
    throw new BackupError(`${keyFile} holds another key: move it away before restoring`);
  }
  const partial = `${keyFile}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(partial, text, { mode: 0o600 });
  fs.renameSync(partial, keyFile);
}

const ID_SAMPLE = 20;

async function verifyRestored(target: DatabaseTarget, manifest: BackupManifest, keys: DataKeyMaterial) {
  const now = await describeDatabase(target);
  let rowsChecked = 0;
  for (const [table, count] of Object.entries(manifest.tables)) {
    if (now.tables[table] !== count)
      throw new BackupError(
        `verification failed: ${table} has ${now.tables[table] ?? 'no'} rows, the backup had ${count}`,
      );
    rowsChecked += count;
  }
  const idNumbersChecked = 'person' in manifest.tables ? await checkIdSample(target, keys) : 0;
  return { tablesChecked: Object.keys(manifest.tables).length, rowsChecked, idNumbersChecked };
}

/** A sample of stored ID numbers decrypts with the key and hashes back to its lookup hash. */
async function checkIdSample(target: DatabaseTarget, keys: DataKeyMaterial): Promise<number> {
  const cipher = createSensitiveDataCipher(keys.key, keys.hmacKey);
  const db = openDatabase(target);
  try {
    const sample = await db
      .selectFrom('person')
      .select(['id', 'id_hash', 'id_cipher'])
      .orderBy(sql`random()`)
      .limit(ID_SAMPLE)
      .execute();
    for (const person of sample) {
      let plain: string;
      try {
        plain = cipher.decrypt(person.id_cipher);
      } catch {
        throw new BackupError(
          `verification failed: the ID number of person ${person.id} does not decrypt with the key`,
        );
      }
      if (cipher.lookupHash(plain) !== person.id_hash)
        throw new BackupError(
          `verification failed: the ID number of person ${person.id} does not match its lookup hash`,
        );
    }
    return sample.length;
  } finally {
    await db.destroy();
  }
}
