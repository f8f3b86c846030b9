/**
 * Every data test runs on each dialect listed here: SQLite always, PostgreSQL when PG_TEST_URL is set
 * (.ci/run sets it). When PostgreSQL is asked for and cannot be reached, the tests fail: never a
 * quiet skip.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrateToLatest, openDatabase, type Db } from '../../src/db/database.ts';
import { createSchemaIfMissing, dropSchema, type DatabaseTarget, type DialectName } from '../../src/db/dialect.ts';

export const PG_TEST_URL = process.env.PG_TEST_URL;

export const DIALECTS: DialectName[] = PG_TEST_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  db: Db;
  target: DatabaseTarget;
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database: a SQLite file in a temporary folder (a file, as in use: reads outside
 * transactions go to a second connection, which an in-memory database would not have), or a new
 * PostgreSQL schema of its own.
 */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const database = await createEmptyTestDatabase(dialect);
  const { schema } = database.target;
  if (dialect === 'sqlite') await migrateToLatest(database.db);
  else await withSchemaChangesSerialized(() => migrateToLatest(database.db, schema));
  return database;
}

/**
 * Kysely's migrator first lists the columns of every table in every schema, asking PostgreSQL for
 * each one's sequence; a schema dropped by a test in another worker meanwhile made that fail now and
 * then ("relation t_….nomination does not exist"). Test schemas are migrated and dropped one at a
 * time, under a session advisory lock.
 */
export async function withSchemaChangesSerialized<T>(work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [SCHEMA_CHANGES_LOCK]);
    return await work();
  } finally {
    await client.end(); // ends the session, and its lock with it
  }
}

const SCHEMA_CHANGES_LOCK = 20_261_130;

/** A database with no schema yet (an SQLite file not created, a new PostgreSQL schema), for upgrade tests. */
export async function createEmptyTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const directory = mkdtempSync(path.join(tmpdir(), 'wennuan-test-db-'));
    const target: DatabaseTarget = { dialect: 'sqlite', location: path.join(directory, 'test.sqlite') };
    const db = openDatabase(target);
    return {
      db,
      target,
      destroy: async () => {
        await db.destroy();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  }
  if (!PG_TEST_URL) throw new Error('PG_TEST_URL is not set');
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await createSchemaIfMissing(PG_TEST_URL, schema);
  const target: DatabaseTarget = { dialect: 'postgres', location: PG_TEST_URL, schema };
  const db = openDatabase(target);
  return {
    db,
    target,
    destroy: async () => {
      await db.destroy();
      await withSchemaChangesSerialized(() => dropSchema(PG_TEST_URL, schema));
    },
  };
}
