import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, PG_TEST_URL } from '../helpers/dialects.ts';
import { HEADER, csvOf, makeIdNumber } from '../helpers/people.ts';
import { zipBombXlsx } from '../helpers/xlsx-files.ts';

const run = promisify(execFile);
const SEED = path.resolve('test/fixtures/spring-festival-plans.txt');

/** The `npx wennuan …` commands, run as a newcomer would, against a database of their own. */
describe.each(DIALECTS)('the command line on %s', { timeout: 120_000 }, (dialect) => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let databaseName: string | null = null;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wennuan-cli-'));
    env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
    delete env.DATABASE_URL;
    if (dialect === 'postgres') {
      databaseName = `wn_cli_${randomBytes(4).toString('hex')}`;
      const client = new pg.Client({ connectionString: PG_TEST_URL });
      await client.connect();
      await client.query(`create database ${databaseName}`);
      await client.end();
      const url = new URL(PG_TEST_URL!);
      url.pathname = `/${databaseName}`;
      env.DATABASE_URL = url.toString();
    }
  });

  afterAll(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (databaseName) {
      const client = new pg.Client({ connectionString: PG_TEST_URL });
      await client.connect();
      await client.query(`drop database if exists ${databaseName} with (force)`);
      await client.end();
    }
  });

  async function wennuan(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, ['bin/wennuan.js', ...args], { env, timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('adds 海门区 with its towns and villages, and refuses an unknown code in plain English', async () => {
    const added = await wennuan('units', 'add-region', '320614');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('320614 海门区: 330 units (22 towns/streets, 307 villages/communities)');
    const unknown = await wennuan('units', 'add-region', '329999');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown region code 329999');
  });

  it('adds an account with a one-time password', async () => {
    const result = await wennuan(
      'user',
      'add',
      '--username',
      'wang',
      '--role',
      'organiser',
      '--unit',
      '320614',
      '--name',
      '王科长',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/added wang \(organiser\) at 海门区\none-time password: \S{12}/);
    const badRole = await wennuan('user', 'add', '--username', 'li', '--role', 'boss', '--unit', '320614');
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('unknown role "boss"');
  });

  it('lints the seed plan: the 篇五 lines and the 220xx problem, exit 1', async () => {
    const result = await wennuan('lint-plan', SEED, '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    expect(report.items).toHaveLength(14);
    expect(report.totalFen).toBe(281_350_000);
    expect(report.problems).toEqual([expect.objectContaining({ line: 84, kind: 'unreadable-figure' })]);
    expect((await wennuan('lint-plan', path.join(dataDir, 'missing.txt'))).code).toBe(2);
  });

  it('imports the seed plan as a draft campaign', async () => {
    const result = await wennuan('plan', 'import', SEED, '--unit', '320614', '--year', '2027');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('14 categories, total 2,813,500.00 yuan');
    expect(result.stdout).toContain('line 84');
  });

  it('imports a registry file: rows = created + duplicates + rejected, and a second run creates nobody', async () => {
    const villageCode = '320614102200'; // 沙南村, added with 海门区 above
    const file = path.join(dataDir, 'registry.csv');
    const dup = makeIdNumber();
    fs.writeFileSync(
      file,
      csvOf([
        HEADER,
        ['张伟', makeIdNumber(), '13800000001', villageCode, '农村低保', '', '', ''],
        ['李娜', dup, '', villageCode, '', '', '', ''],
        ['李娜', dup, '', villageCode, '', '', '', ''],
        ['错号', '320684195603121230', '', villageCode, '', '', '', ''],
      ]),
    );
    const dry = await wennuan('import', 'registry', file, '--dry-run', '--json');
    expect(JSON.parse(dry.stdout.trim().split('\n').at(-1)!)).toEqual({
      rows: 4,
      created: 2,
      duplicates: 1,
      rejected: 1,
      flagged: 0,
    });
    const first = await wennuan('import', 'registry', file, '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout.trim().split('\n').at(-1)!)).toEqual({
      rows: 4,
      created: 2,
      duplicates: 1,
      rejected: 1,
      flagged: 0,
    });
    const second = await wennuan('import', 'registry', file, '--json');
    expect(JSON.parse(second.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      rows: 4,
      created: 0,
      duplicates: 3,
      rejected: 1,
    });
  });

  it('refuses a zip bomb in plain English, exit 1, even named .csv', async () => {
    const file = path.join(dataDir, 'bomb.csv');
    fs.writeFileSync(file, zipBombXlsx(50 * 1024 * 1024));
    const result = await wennuan('import', 'registry', file, '--dry-run');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: the xlsx file unpacks to \d+ times its size .*zip bomb/);
  });
});
