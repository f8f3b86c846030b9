/** `wennuan backup` and `wennuan restore`: thin over src/ops/backup.ts, on the installation's own DATA_DIR / DATABASE_URL. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { DATA_KEY_ENV, loadOrCreateKeys } from '../modules/registry/sensitive-data.ts';
import { createBackup, restoreBackup } from '../ops/backup.ts';
import { loadConfig } from '../server/config.ts';
import { reportCliError } from './cli-database.ts';

const PASSPHRASE_ENV = 'WENNUAN_BACKUP_PASSPHRASE';

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('a consistent backup of the database, the uploaded files and the data key, while the server runs')
    .option('--to <dir>', 'where the backup file goes (default: BACKUP_DIR, or ./backups)')
    .option(
      '--passphrase-file <file>',
      `a file holding the passphrase that seals the data key (or set ${PASSPHRASE_ENV})`,
    )
    .option('--no-key', 'leave the data key out (keep wennuan.key safe elsewhere: restore will ask for it)')
    .action(async (options: { to?: string; passphraseFile?: string; key: boolean }) => {
      try {
        const config = loadConfig();
        const keys = loadOrCreateKeys({ env: process.env, dataDir: config.dataDir });
        const passphrase = options.key ? readPassphrase(options.passphraseFile) : null;
        const toDir = path.resolve(options.to ?? process.env.BACKUP_DIR ?? 'backups');
        const { file, manifest } = await createBackup({
          target: config.database,
          dataDir: config.dataDir,
          keys,
          passphrase,
          toDir,
        });
        const rows = Object.values(manifest.tables).reduce((sum, count) => sum + count, 0);
        process.stdout.write(
          `backup written: ${file}\n  ${rows} rows in ${Object.keys(manifest.tables).length} tables (schema ${manifest.schemaVersion}), ` +
            `${manifest.files.length - 1} files, data key ${manifest.dataKey.included ? 'sealed by the passphrase' : 'NOT included'}\n`,
        );
      } catch (error) {
        reportCliError(error);
      }
    });
  program
    .command('restore <file>')
    .description(
      'restore a backup into an empty data directory (DATA_DIR) or an empty PostgreSQL database (DATABASE_URL)',
    )
    .option('--passphrase-file <file>', `a file holding the backup's passphrase (or set ${PASSPHRASE_ENV})`)
    .option('--key-file <file>', `the data key kept apart from a backup made with --no-key (or set ${DATA_KEY_ENV})`)
    .action(async (file: string, options: { passphraseFile?: string; keyFile?: string }) => {
      try {
        const config = loadConfig();
        const keyFromEnv = process.env[DATA_KEY_ENV]?.trim();
        const keyText = options.keyFile ? fs.readFileSync(options.keyFile, 'utf8') : keyFromEnv;
        const passphrase = options.passphraseFile
          ? readPassphrase(options.passphraseFile)
          : process.env[PASSPHRASE_ENV] || undefined;
        const report = await restoreBackup({
          file: path.resolve(file),
          target: config.database,
          dataDir: config.dataDir,
          ...(passphrase ? { passphrase } : {}),
          ...(keyText ? { keyText } : {}),
          writeKeyFile: !keyFromEnv,
        });
        process.stdout.write(
          `restored ${report.manifest.createdAt} backup: ${report.rowsChecked} rows in ${report.tablesChecked} tables match the manifest, ` +
            `${report.filesRestored} files, ${report.idNumbersChecked} sampled ID numbers decrypt with the key\n` +
            `start the server as usual (npx wennuan serve): it upgrades the schema if this program is newer\n`,
        );
      } catch (error) {
        reportCliError(error);
      }
    });
}

function readPassphrase(file: string | undefined): string {
  const text = file ? fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '') : process.env[PASSPHRASE_ENV];
  if (!text)
    throw new Error(
      `give the passphrase that seals the data key (--passphrase-file FILE or ${PASSPHRASE_ENV}), or --no-key to leave the key out`,
    );
  return text;
}
