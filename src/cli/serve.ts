import path from 'node:path';
import type { Command } from 'commander';
import { buildApp } from '../server/app.ts';
import { openAndPrepare } from '../server/bootstrap.ts';
import { loadConfig } from '../server/config.ts';
import { describeTarget } from '../db/dialect.ts';
import type { BootResult } from '../server/bootstrap.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the web app and API on one port (PORT, DATA_DIR, DATABASE_URL)')
    .option('--no-demo', 'start with an empty database instead of the demo campaign')
    .option('--no-backup', 'upgrade the database without backing it up first (BACKUP_DIR, default DATA_DIR/backups)')
    .action(async (options: { demo: boolean; backup: boolean }) => {
      const config = loadConfig(process.env, options.demo === false ? { demo: false } : {});
      const backupDir = path.resolve(process.env.BACKUP_DIR ?? path.join(config.dataDir, 'backups'));
      const boot = await openAndPrepare(config.database, {
        loadDemo: config.loadDemo,
        dataDir: config.dataDir,
        upgradeBackup: {
          dir: backupDir,
          skip: options.backup === false,
        },
      });
      if (boot.upgrade?.applied.length)
        process.stdout.write(
          `database upgraded (${boot.upgrade.applied.join(', ')})${boot.upgrade.backupFile ? `; the database as it was is backed up in ${boot.upgrade.backupFile}` : ''}\n`,
        );
      const app = await buildApp({
        db: boot.db,
        cipher: boot.cipher,
        dataDir: config.dataDir,
        logLevel: config.logLevel,
        trustProxy: config.trustProxy,
        backupDir,
      });
      const shutdown = async (signal: string) => {
        app.log.info({ signal }, 'shutting down');
        await app.close();
        await boot.db.destroy();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown('SIGINT'));
      process.once('SIGTERM', () => void shutdown('SIGTERM'));
      await app.listen({ port: config.port, host: config.host });
      printWelcome(config.port, describeTarget(config.database), boot);
    });
}

function printWelcome(port: number, database: string, boot: BootResult): void {
  const lines = ['', `wennuan 温暖 is running: http://localhost:${port}/   (database: ${database})`];
  if (boot.demo) {
    lines.push(
      `Demo loaded: ${boot.demo.regionName} with ${boot.demo.towns} towns and ${boot.demo.villages} villages, the 篇五 campaign (2,813,500.00 yuan), ${boot.demo.registryPeople} people in the registry.`,
    );
    lines.push('Demo accounts (password for all: ' + (boot.demo.accounts[0]?.password ?? '') + '):');
    for (const account of boot.demo.accounts)
      lines.push(`  ${account.username.padEnd(14)} ${account.role.padEnd(11)} ${account.unitName}  ${account.duty}`);
    const steps = boot.demo.reviewSteps.map((step) => `${step.label}: ${step.username} (${step.unitName})`);
    lines.push(`Review chain: village-clerk submits → ${steps.join(' → ')}`);
  }
  if (boot.initialAdmin) {
    lines.push(
      `Administrator: username "${boot.initialAdmin.username}", one-time password "${boot.initialAdmin.password}" (shown once; change it at first sign-in).`,
    );
  } else {
    lines.push('Sign in with your account. A lost admin password: npx wennuan user add --role admin …');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}
