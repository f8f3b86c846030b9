/**
 * One benchmark scenario, run in its own process so its peak memory (VmHWM) is its own.
 * Usage: node --import tsx bench/scenario.ts <scenario> <file> [rows]
 * Prints one JSON line: { scenario, seconds, peakMb, ...extra }.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase, type Db } from '../src/db/database.ts';
import {
  bulkInsert,
  createSchemaIfMissing,
  dropSchema,
  openSqlite,
  refreshStatistics,
  type DatabaseTarget,
} from '../src/db/dialect.ts';
import { SYSTEM_ACTOR, type Actor } from '../src/modules/org/scope.ts';
import { createUnit } from '../src/modules/org/unit.service.ts';
import { insertChildUnits } from '../src/modules/org/unit.repository.ts';
import { runRegistryImport } from '../src/modules/registry/registry-import.service.ts';
import { searchRegistry } from '../src/modules/registry/registry.service.ts';
import { createCampaign } from '../src/modules/campaign/campaign.service.ts';
import { campaignProgress, reviewNominations } from '../src/modules/identification/identification.service.ts';
import { getPublicNotice } from '../src/modules/identification/notice.service.ts';
import { createSensitiveDataCipher } from '../src/modules/registry/sensitive-data.ts';
import { BENCH_UNIT_CODES } from './bench-units.ts';

function peakMb(): number {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : Math.round(process.memoryUsage().rss / 1024 / 1024);
}

async function* csvLines(file: string): AsyncGenerator<string[]> {
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    if (first) {
      first = false;
      continue;
    }
    if (line) yield line.split(',');
  }
}

/**
 * The database's own share of an import: the file's rows written into the registry's tables exactly
 * as the import writes them (a household, a person, category links, a hardship note; unique ID-hash
 * index and foreign keys; the secondary indexes built after the load; statistics refreshed), by
 * prepared statements in one transaction, with every check, pinyin key and cipher left out: the ID
 * number stands in for its hash and its ciphertext. Repeated ID numbers and unknown units are skipped
 * as the import skips them; the 0.5% with a bad check digit are written (nothing is checked here).
 */
async function registryFloorSqlite(file: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wn-bench-'));
  const location = path.join(dir, 'floor.sqlite');
  const db = await prepareDatabase({ dialect: 'sqlite', location });
  const unitIdByCode = new Map(
    (await db.selectFrom('unit').select(['id', 'code']).execute()).map((unit) => [unit.code!, unit.id]),
  );
  const categoryIdByName = new Map(
    (await db.selectFrom('hardship_category').select(['id', 'name']).execute()).map((row) => [row.name, row.id]),
  );
  await db.destroy();
  const database = openSqlite(location);
  const tables = ['household', 'person', 'person_category', 'hardship_record'];
  const insertHousehold = database.prepare(
    'insert into household (id, unit_id, address, address_key, phone, size, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertPerson = database.prepare(
    `insert into person (id, unit_id, household_id, name, name_initials, name_pinyin, id_hash, id_cipher, id_masked, id_last4,
       birth_date, sex, phone, relation, merged_into_id, name_birth_key, phone_address_key, version, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCategory = database.prepare(
    'insert into person_category (person_id, category_id, unit_id) values (?, ?, ?)',
  );
  const insertNote = database.prepare(
    'insert into hardship_record (person_id, unit_id, notes, recorded_at, recorded_by) values (?, ?, ?, ?, ?)',
  );
  const now = new Date().toISOString();
  const seen = new Set<string>();
  const start = performance.now();
  let rows = 0;
  let written = 0;
  database.exec('begin');
  const indexes = database
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables.map(() => '?').join(', ')})`,
    )
    .all(...tables) as { name: string; sql: string }[];
  for (const index of indexes) database.exec(`drop index "${index.name}"`);
  for await (const [name, idNumber, phone, unitCode, categories, address, size, hardship] of csvLines(file)) {
    rows += 1;
    const unitId = unitIdByCode.get(unitCode!);
    if (!idNumber || unitId === undefined || seen.has(idNumber)) continue;
    seen.add(idNumber);
    written += 1;
    const id = written;
    insertHousehold.run(
      id,
      unitId,
      address || null,
      address || null,
      phone || null,
      size ? Number(size) : null,
      now,
      now,
    );
    insertPerson.run(
      id,
      unitId,
      id,
      name,
      name,
      name,
      idNumber.padEnd(64, '0'),
      idNumber,
      idNumber,
      idNumber.slice(-4),
      '1960-01-01',
      'male',
      phone || null,
      '户主',
      null,
      `${name}|${unitId}`,
      phone && address ? `${phone}|${address}` : null,
      1,
      now,
      now,
    );
    for (const category of new Set((categories ?? '').split('、').filter(Boolean))) {
      const categoryId = categoryIdByName.get(category);
      if (categoryId !== undefined) insertCategory.run(id, categoryId, unitId);
    }
    if (hardship) insertNote.run(id, unitId, hardship, now, 'bench');
  }
  for (const index of indexes) database.exec(index.sql);
  database.exec('commit');
  for (const table of tables) database.exec(`analyze "${table}"`);
  const seconds = (performance.now() - start) / 1000;
  database.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { rows, written, seconds };
}

async function bareSqlite(file: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wn-bench-'));
  const database = new SqliteDatabase(path.join(dir, 'bare.sqlite'));
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.exec(
    'create table person (id integer primary key, name text, id_number text, phone text, unit_code text, categories text, address text, size text, hardship text)',
  );
  const insert = database.prepare(
    'insert into person (name, id_number, phone, unit_code, categories, address, size, hardship) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const start = performance.now();
  let rows = 0;
  database.exec('begin');
  for await (const values of csvLines(file)) {
    insert.run(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7]);
    rows += 1;
  }
  database.exec('commit');
  const seconds = (performance.now() - start) / 1000;
  database.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { rows, seconds };
}

async function barePostgres(file: string, url: string) {
  const schema = `bench_bare_${randomBytes(3).toString('hex')}`;
  await createSchemaIfMissing(url, schema);
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  await client.query(
    'create table person (id bigint generated by default as identity primary key, name text, id_number text, phone text, unit_code text, categories text, address text, size text, hardship text)',
  );
  const start = performance.now();
  let rows = 0;
  let batch: string[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const params: string[] = [];
    const tuples = batch.map(
      (values) =>
        `(${values
          .slice(0, 8)
          .map((value) => `$${params.push(value ?? '')}`)
          .join(',')})`,
    );
    await client.query(
      `insert into person (name, id_number, phone, unit_code, categories, address, size, hardship) values ${tuples.join(',')}`,
      params,
    );
    batch = [];
  };
  await client.query('begin');
  for await (const values of csvLines(file)) {
    batch.push(values);
    rows += 1;
    if (batch.length === 1000) await flush();
  }
  await flush();
  await client.query('commit');
  const seconds = (performance.now() - start) / 1000;
  await client.end();
  await dropSchema(url, schema);
  return { rows, seconds };
}

async function prepareDatabase(target: DatabaseTarget, schema?: string): Promise<Db> {
  const db = openDatabase(target);
  await migrateToLatest(db, schema);
  const root = await createUnit(db, SYSTEM_ACTOR, { parentId: null, name: '基准测试市', kind: 'city', code: 'BENCH' });
  await insertChildUnits(
    db,
    root,
    BENCH_UNIT_CODES.map((code, index) => ({
      code,
      name: `第${index + 1}村`,
      kind: 'village' as const,
      regionCode: null,
    })),
  );
  return db;
}

async function searchP95(db: Db, cipher: ReturnType<typeof createSensitiveDataCipher>, sampleIds: string[]) {
  const root = await db.selectFrom('unit').select(['id', 'path']).where('code', '=', 'BENCH').executeTakeFirstOrThrow();
  const actor: Actor = {
    accountId: 1,
    username: 'bench',
    role: 'admin',
    unitId: root.id,
    unitPath: root.path,
    ip: null,
  };
  const queries = ['zw', 'lf', 'wxy', 'cj', 'ym', 'zhangwei', 'liu', 'hj', 'zq', 'oyw', ...sampleIds];
  const timings: Record<string, number[]> = { initials: [], id: [] };
  // one round first to warm the page cache after the import; the next ten rounds are measured
  for (const q of queries) await searchRegistry(db, actor, cipher, { q, pageSize: 20 });
  for (let round = 0; round < 10; round += 1) {
    for (const q of queries) {
      const start = performance.now();
      await searchRegistry(db, actor, cipher, { q, pageSize: 20 });
      (/^\d/.test(q) ? timings.id! : timings.initials!).push(performance.now() - start);
    }
  }
  const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)]!;
  return {
    initialsP95Ms: Number(p95(timings.initials!).toFixed(2)),
    idP95Ms: Number(p95(timings.id!).toFixed(2)),
    searches: timings.initials!.length + timings.id!.length,
  };
}

async function importInto(target: DatabaseTarget, file: string, schema?: string) {
  const cipher = createSensitiveDataCipher(randomBytes(32), randomBytes(32));
  const db = await prepareDatabase(target, schema);
  const kind = file.endsWith('.xlsx') ? 'xlsx' : 'csv';
  const start = performance.now();
  const result = await runRegistryImport(
    db,
    SYSTEM_ACTOR,
    cipher,
    { kind, open: () => fs.createReadStream(file), sizeBytes: fs.statSync(file).size },
    { dryRun: false, duplicatePolicy: 'skip' },
  );
  const seconds = (performance.now() - start) / 1000;
  const sampleIds: string[] = [];
  for await (const values of kind === 'csv' ? csvLines(file) : (async function* () {})()) {
    if (sampleIds.length >= 10) break;
    sampleIds.push(values[1]!);
  }
  const search = kind === 'csv' ? await searchP95(db, cipher, sampleIds) : null;
  await db.destroy();
  return { ...result.counts, seconds, search };
}

/**
 * Identification at scale: the registry file's people nominated into one campaign across the 300
 * villages, most of them already through review; then the organiser's progress view, one 10,000-name
 * review batch, and the public notice page of a 2,000-name unit are timed.
 */
async function identificationAtScale(target: DatabaseTarget, file: string, schema?: string) {
  const cipher = createSensitiveDataCipher(randomBytes(32), randomBytes(32));
  const db = await prepareDatabase(target, schema);
  await runRegistryImport(
    db,
    SYSTEM_ACTOR,
    cipher,
    { kind: 'csv', open: () => fs.createReadStream(file), sizeBytes: fs.statSync(file).size },
    { dryRun: false, duplicatePolicy: 'skip' },
  );
  const root = await db.selectFrom('unit').select(['id', 'path']).where('code', '=', 'BENCH').executeTakeFirstOrThrow();
  const campaign = await createCampaign(db, SYSTEM_ACTOR, {
    name: '规模测试活动',
    year: 2027,
    organiserUnitId: root.id,
    slogan: null,
    purpose: null,
    requirements: null,
    phases: [],
    activities: [],
    categories: [
      {
        id: null,
        name: '困难家庭',
        layer: 'general',
        plannedCount: 1_000_000,
        countNote: null,
        cashFen: 60_000,
        giftFen: 0,
        description: null,
        items: [],
      },
    ],
  });
  const categoryId = campaign.campaign.categories[0]!.id;
  await db
    .updateTable('campaign')
    .set({
      review_chain_json: JSON.stringify([{ label: '区县审批', unit: { depth: 0 }, roles: ['reviewer', 'organiser'] }]),
    })
    .where('id', '=', campaign.campaign.id)
    .execute();
  // nominations written directly (the point is to time the reads and the batch, not 1M API calls)
  const people = await db.selectFrom('person').select(['id', 'unit_id']).orderBy('id').execute();
  const now = new Date().toISOString();
  const bigUnit = people[0]!.unit_id;
  let bigUnitCount = 0;
  const rows = people.map((person, index) => {
    const inBatch = index < 10_000;
    const onNotice = !inBatch && person.unit_id === bigUnit && bigUnitCount++ < 2000;
    return {
      campaign_id: campaign.campaign.id,
      category_id: categoryId,
      unit_id: person.unit_id,
      person_id: person.id,
      state: inBatch ? 'in-review' : onNotice ? 'noticed' : index % 3 === 0 ? 'approved' : 'verified',
      step_index: 0,
      nominated_by: null,
      verified_by: null,
      verifier: null,
      consent_at: now,
      checklist_json: '{}',
      recommendation_id: null,
      snapshot_json: null,
      amount_fen: onNotice ? 60_000 : null,
      reason: null,
      version: 1,
      created_at: now,
      updated_at: now,
    };
  });
  await db.transaction().execute(async (trx) => bulkInsert(trx, 'nomination', rows));
  const notice = await db
    .insertInto('public_notice')
    .values({
      campaign_id: campaign.campaign.id,
      unit_id: bigUnit,
      published_at: now,
      ends_at: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      status: 'open',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await refreshStatistics(db, ['nomination', 'unit']);
  // In use, nominations arrive over weeks and autovacuum keeps PostgreSQL's visibility map current, so
  // per-unit counts come from the index alone; a million rows written in one go here need the vacuum
  // autovacuum would have done meanwhile (without it the progress view reads the table: ~6× slower).
  if (target.dialect === 'postgres') await sql`vacuum (analyze) nomination`.execute(db);
  const reviewer: Actor = {
    accountId: 999_999,
    username: 'bench-reviewer',
    role: 'reviewer',
    unitId: root.id,
    unitPath: root.path,
    ip: null,
  };
  const progressTimes: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const start = performance.now();
    await campaignProgress(db, reviewer, campaign.campaign.id);
    progressTimes.push(performance.now() - start);
  }
  const noticeTimes: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const start = performance.now();
    await getPublicNotice(db, notice.id);
    noticeTimes.push(performance.now() - start);
  }
  const batchIds = (
    await db
      .selectFrom('nomination')
      .select('id')
      .where('state', '=', 'in-review')
      .orderBy('id')
      .limit(10_000)
      .execute()
  ).map((row) => row.id);
  const batchStart = performance.now();
  await reviewNominations(db, reviewer, campaign.campaign.id, batchIds, { action: 'approve' });
  const batchSeconds = (performance.now() - batchStart) / 1000;
  await db.destroy();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return {
    nominations: rows.length,
    progressMs: Number(median(progressTimes).toFixed(1)),
    noticePageMs: Number(median(noticeTimes).toFixed(1)),
    noticeNames: Math.min(bigUnitCount, 2000),
    approveBatchSeconds: Number(batchSeconds.toFixed(2)),
  };
}

async function main() {
  const [scenario, file] = process.argv.slice(2);
  if (!scenario || !file) throw new Error('usage: scenario.ts <scenario> <file>');
  const pgUrl = process.env.PG_BENCH_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  let result: Record<string, unknown>;
  switch (scenario) {
    case 'bare-sqlite':
      result = await bareSqlite(file);
      break;
    case 'floor-registry-sqlite':
      result = await registryFloorSqlite(file);
      break;
    case 'bare-postgres':
      result = await barePostgres(file, pgUrl);
      break;
    case 'import-sqlite': {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wn-bench-'));
      result = await importInto({ dialect: 'sqlite', location: path.join(dir, 'wennuan.sqlite') }, file);
      fs.rmSync(dir, { recursive: true, force: true });
      break;
    }
    case 'identification-sqlite': {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wn-bench-'));
      result = await identificationAtScale({ dialect: 'sqlite', location: path.join(dir, 'wennuan.sqlite') }, file);
      fs.rmSync(dir, { recursive: true, force: true });
      break;
    }
    case 'identification-postgres': {
      const schema = `bench_${randomBytes(3).toString('hex')}`;
      await createSchemaIfMissing(pgUrl, schema);
      result = await identificationAtScale({ dialect: 'postgres', location: pgUrl, schema }, file, schema);
      await dropSchema(pgUrl, schema);
      break;
    }
    case 'import-postgres': {
      const schema = `bench_${randomBytes(3).toString('hex')}`;
      await createSchemaIfMissing(pgUrl, schema);
      result = await importInto({ dialect: 'postgres', location: pgUrl, schema }, file, schema);
      await dropSchema(pgUrl, schema);
      break;
    }
    default:
      throw new Error(`unknown scenario ${scenario}`);
  }
  process.stdout.write(`${JSON.stringify({ scenario, ...result, peakMb: peakMb() })}\n`);
}

await main();
