import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../modules/org/scope.ts';
import { detectFileKind, RegistryFileError } from '../modules/registry/import-file.ts';
import { runRegistryImport, type ImportCounts } from '../modules/registry/registry-import.service.ts';
import { createSensitiveDataCipher, loadOrCreateKeys } from '../modules/registry/sensitive-data.ts';
import { loadConfig } from '../server/config.ts';
import { reportCliError, withCliDatabase } from './cli-database.ts';

export function registerImportCommands(program: Command): void {
  const importCommand = program.command('import').description('import data from spreadsheets');
  importCommand
    .command('registry <file>')
    .description('import people in hardship from .xlsx or .csv (UTF-8 or GBK); duplicates are skipped')
    .option('--dry-run', 'check the file and report, write nothing')
    .option('--update-duplicates', 'update the changed fields of people already registered, instead of skipping them')
    .option('--json', 'print the counts as JSON on the last line')
    .action(async (file: string, options: { dryRun?: boolean; updateDuplicates?: boolean; json?: boolean }) => {
      let size: number;
      let kind: 'csv' | 'xlsx';
      try {
        size = fs.statSync(file).size;
        kind = await detectFileKind(file);
      } catch {
        process.stderr.write(`error: cannot read ${file}\n`);
        process.exitCode = 2;
        return;
      }
      const config = loadConfig();
      const keys = loadOrCreateKeys({ env: process.env, dataDir: config.dataDir });
      const cipher = createSensitiveDataCipher(keys.key, keys.hmacKey);
      const bar = progressBar(size, path.basename(file));
      await withCliDatabase(async (db) => {
        try {
          const result = await runRegistryImport(
            db,
            SYSTEM_ACTOR,
            cipher,
            { kind, open: () => bar.track(fs.createReadStream(file)), sizeBytes: size },
            {
              dryRun: options.dryRun === true,
              duplicatePolicy: options.updateDuplicates ? 'update' : 'skip',
              onProgress: (counts) => bar.update(counts),
            },
          );
          bar.finish();
          printResult(result.counts, result.firstProblems, options);
        } catch (error) {
          bar.finish();
          if (error instanceof RegistryFileError) {
            process.stderr.write(`error: ${error.message}\n`);
            process.exitCode = 1;
            return;
          }
          reportCliError(error);
        }
      });
    });
}

function printResult(
  counts: ImportCounts,
  problems: { rowNumber: number; reasonEn: string }[],
  options: { dryRun?: boolean; json?: boolean },
): void {
  const lines = [
    `${options.dryRun ? 'dry run (nothing written)' : 'imported'}: ${counts.rows} rows read, ${counts.created} ${options.dryRun ? 'would be created' : 'created'}, ${counts.duplicates} duplicates${counts.updated ? ` (${counts.updated} updated)` : ''}, ${counts.rejected} rejected, ${counts.flagged} flagged as possible duplicates`,
    ...problems.slice(0, 20).map((problem) => `  row ${problem.rowNumber}: ${problem.reasonEn}`),
  ];
  if (problems.length > 20) lines.push('  …');
  process.stdout.write(`${lines.join('\n')}\n`);
  if (options.json) {
    const { rows, created, duplicates, rejected, flagged } = counts;
    process.stdout.write(`${JSON.stringify({ rows, created, duplicates, rejected, flagged })}\n`);
  }
}

/** A progress bar on stderr, by bytes read (the row count is unknown until the end). */
function progressBar(totalBytes: number, label: string) {
  let read = 0;
  let counts: ImportCounts | null = null;
  const interactive = process.stderr.isTTY === true;
  let lastDraw = 0;
  const draw = (force = false) => {
    const now = Date.now();
    if (!force && now - lastDraw < 200) return;
    lastDraw = now;
    const share = totalBytes > 0 ? Math.min(1, read / totalBytes) : 1;
    const filled = Math.round(share * 30);
    const text = `${label} [${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${Math.round(share * 100)}% ${counts ? `${counts.rows} rows` : ''}`;
    process.stderr.write(interactive ? `\r${text}` : `${text}\n`);
  };
  return {
    track<T extends NodeJS.ReadableStream>(stream: T): T {
      stream.on('data', (chunk: Buffer | string) => {
        read += chunk.length;
        if (interactive) draw();
      });
      return stream;
    },
    update(next: ImportCounts) {
      counts = next;
      if (interactive) draw();
    },
    finish() {
      draw(true);
      if (interactive) process.stderr.write('\n');
    },
  };
}
