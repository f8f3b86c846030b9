/**
 * `npm run bench`: runs each scenario in its own process and writes bench/RESULTS.md.
 * BENCH_ROWS (default 1,000,000) sets the registry size; BENCH_SKIP_PG=1 leaves PostgreSQL out;
 * BENCH_SKIP_XLSX=1 leaves the xlsx import out.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { performance } from 'node:perf_hooks';
import { BENCH_UNIT_CODES } from './bench-units.ts';
import { BENCH_HEADER, generateRows, writeCsv } from './generate-registry.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const skipPg = process.env.BENCH_SKIP_PG === '1';
const skipXlsx = process.env.BENCH_SKIP_XLSX === '1';

function runScenario(scenario: string, file: string): Record<string, any> {
  process.stderr.write(`running ${scenario} on ${path.basename(file)}…\n`);
  const output = execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'scenario.ts'), scenario, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const result = JSON.parse(output.trim().split('\n').at(-1)!);
  result.loadAverage = Number(os.loadavg()[0]!.toFixed(1));
  process.stderr.write(`  ${JSON.stringify(result)}\n`);
  return result;
}

async function writeXlsx(file: string): Promise<number> {
  const start = performance.now();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet('名单');
  sheet.addRow(BENCH_HEADER.split(',')).commit();
  for (const row of generateRows(rows, [...BENCH_UNIT_CODES])) {
    sheet
      .addRow([row.name, row.idNumber, row.phone, row.unitCode, row.categories, row.address, row.size, row.hardship])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
  return (performance.now() - start) / 1000;
}

function fmt(value: number): string {
  return value.toFixed(1);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wn-bench-data-'));
  const csv = path.join(dir, 'registry.csv');
  process.stderr.write(`writing ${rows} rows of CSV…\n`);
  await writeCsv(csv, rows, [...BENCH_UNIT_CODES]);

  const bareSqlite = runScenario('bare-sqlite', csv);
  const floorSqlite = runScenario('floor-registry-sqlite', csv);
  const importSqlite = runScenario('import-sqlite', csv);
  let xlsxSeconds: number | null = null;
  let importXlsx: Record<string, any> | null = null;
  if (!skipXlsx) {
    const xlsx = path.join(dir, 'registry.xlsx');
    process.stderr.write('writing the same rows as xlsx…\n');
    xlsxSeconds = await writeXlsx(xlsx);
    importXlsx = runScenario('import-sqlite', xlsx);
  }
  const identification = runScenario('identification-sqlite', csv);
  const identificationPg = skipPg ? null : runScenario('identification-postgres', csv);
  const barePg = skipPg ? null : runScenario('bare-postgres', csv);
  const importPg = skipPg ? null : runScenario('import-postgres', csv);
  fs.rmSync(dir, { recursive: true, force: true });

  const ratio = importSqlite.seconds / bareSqlite.seconds;
  const lines = [
    '# Benchmarks',
    '',
    `Run by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}.`,
    '',
    '## Method',
    '',
    `- A registry CSV of ${rows.toLocaleString('en')} rows is generated (valid resident IDs with check digits, 0.5% bad check digits, 0.5% repeated in the file, 300 village codes, categories, addresses).`,
    "- Each scenario runs in its own Node process; peak memory is that process's VmHWM (peak resident set).",
    `- The machine's 1-minute load average at the end of each scenario is in the last column (${os.cpus().length} cores): above ${os.cpus().length}, other work was competing for the CPU and the times are inflated by it. Ratios of scenarios run at similar load are the useful part.`,
    "- **bare insert (SQLite)**: better-sqlite3, one prepared INSERT per row of the same file's fields into a plain table, one transaction — the floor the issue's target is set against.",
    "- **the registry's own writes (SQLite)**: the database's share of an import, measured alone: the same rows written into the registry's tables exactly as the import writes them (household, person, category links, hardship note; the unique ID-hash index and foreign keys; secondary indexes built after the load; statistics refreshed), by prepared statements in one transaction, with every check, pinyin key and cipher left out.",
    '- **wennuan import (SQLite)**: `runRegistryImport` on the same file, into a migrated, empty registry (the first load of a registry; its indexes are built after the rows are in): streaming parse, ID validation, pinyin keys, AES-256-GCM encryption and HMAC per ID (these on a worker thread, the file being over 1 MB), duplicate detection in the file, possible-duplicate checks, households, categories, hardship notes, one transaction, then the planner statistics refresh.',
    '- **xlsx**: the same rows written by ExcelJS as one worksheet (inline strings), imported the same way; the file is over 8 MB, so it is read by the streaming reader.',
    '- **PostgreSQL**: the same, against PostgreSQL 15 on this machine (indexes kept during the load: dropping one would lock the table against every reader); the floor is a bare multi-row INSERT (1,000 rows a statement) of the eight fields into a plain table, in one transaction.',
    '- **identification**: the registry of the same file imported, everyone nominated into one campaign across the 300 villages (directly in SQL), most of them through review; 10,000 waiting for the last review step and a unit of 2,000 names on public notice. The progress view and the notice page are medians of five runs; the batch is one run. On PostgreSQL the nominations table is vacuumed after that bulk write, as autovacuum would have done while nominations came in over weeks.',
    '- **search**: after the SQLite import (and the statistics refresh it ends with), one warm-up round, then 100 searches by pinyin initials/pinyin and 100 by full ID number through the registry service (scoped to the root unit, first page of 20); p95 reported.',
    '',
    '## Results',
    '',
    '| scenario | rows | seconds | peak MB | notes | load |',
    '|---|---:|---:|---:|---|---:|',
    `| bare insert, SQLite | ${bareSqlite.rows} | ${fmt(bareSqlite.seconds)} | ${bareSqlite.peakMb} | floor | ${bareSqlite.loadAverage} |`,
    `| the registry's own writes, SQLite | ${floorSqlite.rows} | ${fmt(floorSqlite.seconds)} | ${floorSqlite.peakMb} | ${fmt(floorSqlite.seconds / bareSqlite.seconds)}× the bare insert, with no check, key or cipher; ${floorSqlite.written} people | ${floorSqlite.loadAverage} |`,
    `| wennuan import, CSV, SQLite | ${importSqlite.rows} | ${fmt(importSqlite.seconds)} | ${importSqlite.peakMb} | ${fmt(ratio)}× the bare insert (target ≤ 3×), ${fmt(importSqlite.seconds / floorSqlite.seconds)}× the registry's own writes; peak ${importSqlite.peakMb} MB (target < 600); created ${importSqlite.created}, duplicates ${importSqlite.duplicates}, rejected ${importSqlite.rejected}, flagged ${importSqlite.flagged} | ${importSqlite.loadAverage} |`,
  ];
  if (importXlsx)
    lines.push(
      `| wennuan import, xlsx, SQLite | ${importXlsx.rows} | ${fmt(importXlsx.seconds)} | ${importXlsx.peakMb} | writing the xlsx took ${fmt(xlsxSeconds!)} s; ${fmt(importXlsx.seconds / bareSqlite.seconds)}× the bare CSV insert | ${importXlsx.loadAverage} |`,
    );
  if (barePg && importPg) {
    lines.push(
      `| bare multi-row INSERT, PostgreSQL | ${barePg.rows} | ${fmt(barePg.seconds)} | ${barePg.peakMb} | floor | ${barePg.loadAverage} |`,
    );
    lines.push(
      `| wennuan import, CSV, PostgreSQL | ${importPg.rows} | ${fmt(importPg.seconds)} | ${importPg.peakMb} | ${fmt(importPg.seconds / barePg.seconds)}× the bare insert | ${importPg.loadAverage} |`,
    );
  }
  lines.push('', '## Search in a registry of this size (SQLite)', '', '| query | p95 ms | target |', '|---|---:|---:|');
  lines.push(`| pinyin initials / pinyin prefix | ${importSqlite.search.initialsP95Ms} | < 50 |`);
  lines.push(`| full ID number | ${importSqlite.search.idP95Ms} | < 50 |`);
  if (importPg?.search)
    lines.push(
      `| pinyin initials, PostgreSQL | ${importPg.search.initialsP95Ms} | (reported) |`,
      `| full ID number, PostgreSQL | ${importPg.search.idP95Ms} | (reported) |`,
    );
  lines.push(
    '',
    '## Identification at scale',
    '',
    `| measure | SQLite (load ${identification.loadAverage}) | PostgreSQL (load ${identificationPg?.loadAverage ?? '—'}) | target |`,
    '|---|---:|---:|---:|',
  );
  lines.push(
    `| organiser's progress view, ${identification.nominations} nominations, 300 units (ms) | ${identification.progressMs} | ${identificationPg?.progressMs ?? '—'} | < 200 |`,
  );
  lines.push(
    `| approving a 10,000-name batch (s) | ${identification.approveBatchSeconds} | ${identificationPg?.approveBatchSeconds ?? '—'} | < 5 |`,
  );
  lines.push(
    `| public notice page, ${identification.noticeNames} names (ms) | ${identification.noticePageMs} | ${identificationPg?.noticePageMs ?? '—'} | < 100 |`,
  );
  lines.push('', fs.readFileSync(path.join(here, 'analysis.md'), 'utf8').trim(), '');
  fs.writeFileSync(path.join(here, 'RESULTS.md'), lines.join('\n'));
  process.stderr.write(`wrote bench/RESULTS.md\n`);
}

await main();
