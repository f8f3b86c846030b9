import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../modules/org/scope.ts';
import { addRegion } from '../modules/org/unit.service.ts';
import { reportCliError, withCliDatabase } from './cli-database.ts';

export function registerUnitCommands(program: Command): void {
  const units = program.command('units').description('the tree of units');
  units
    .command('add-region <code>')
    .description('add a GB/T 2260 region with all its towns and villages (e.g. 320614 海门区)')
    .option('--parent <id>', 'id of the unit to add it under (default: the unit of the parent region, else the root)')
    .action(async (code: string, options: { parent?: string }) => {
      await withCliDatabase(async (db) => {
        try {
          const parentId = options.parent === undefined ? null : Number(options.parent);
          if (parentId !== null && !Number.isInteger(parentId))
            throw new Error(`--parent must be a unit id, got "${options.parent}"`);
          const result = await addRegion(db, SYSTEM_ACTOR, code, parentId);
          process.stdout.write(
            `added ${result.root.code} ${result.root.name}: ${result.created} units (${result.towns} towns/streets, ${result.villages} villages/communities)\n`,
          );
        } catch (error) {
          reportCliError(error);
        }
      });
    });
}
