import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { importPlanText } from '../modules/campaign/plan-import.service.ts';
import { decodePlanBytes } from '../modules/campaign/plan-text/normalize-plan-text.ts';
import { SYSTEM_ACTOR } from '../modules/org/scope.ts';
import { findFirstRoot, findUnitByCodeInScope } from '../modules/org/unit.repository.ts';
import { formatFen } from '../modules/shared/money.ts';
import { reportCliError, withCliDatabase } from './cli-database.ts';

export function registerPlanCommands(program: Command): void {
  const plan = program.command('plan').description('campaign plans (方案)');
  plan
    .command('import <file>')
    .description('turn a written plan (plain text) into a draft campaign')
    .option('--unit <code>', 'code of the organising unit (default: the root unit)')
    .option('--name <name>', 'campaign name (default: the plan title)')
    .option('--year <year>', 'campaign year', (value) => Number(value))
    .action(async (file: string, options: { unit?: string; name?: string; year?: number }) => {
      let text: string;
      try {
        text = decodePlanBytes(await fs.readFile(file));
      } catch (error) {
        process.stderr.write(`error: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 2;
        return;
      }
      await withCliDatabase(async (db) => {
        try {
          const unit = options.unit
            ? await findUnitByCodeInScope(db, SYSTEM_ACTOR, options.unit)
            : await findFirstRoot(db);
          if (!unit)
            throw new Error(
              options.unit
                ? `no unit with code "${options.unit}"`
                : 'there is no unit yet: start the app once or add a region',
            );
          const { reading, view } = await importPlanText(db, SYSTEM_ACTOR, {
            text,
            organiserUnitId: unit.id,
            name: options.name ?? null,
            ...(options.year ? { year: options.year } : {}),
          });
          process.stdout.write(
            `created draft campaign ${view.campaign.id} "${view.campaign.name}" at ${unit.name}: ${view.campaign.categories.length} categories, total ${formatFen(view.budget.grandTotalFen)} yuan\n`,
          );
          for (const problem of reading.problems) process.stdout.write(`  line ${problem.line}: ${problem.message}\n`);
        } catch (error) {
          reportCliError(error);
        }
      });
    });
}
