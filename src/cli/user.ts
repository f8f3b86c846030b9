import type { Command } from 'commander';
import { createAccount } from '../modules/org/account.service.ts';
import { ROLES, isRole } from '../modules/org/roles.ts';
import { SYSTEM_ACTOR } from '../modules/org/scope.ts';
import { findUnitByCodeInScope, findUnitInScope } from '../modules/org/unit.repository.ts';
import { reportCliError, withCliDatabase } from './cli-database.ts';

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('accounts');
  user
    .command('add')
    .description('add an account; without --password a one-time password is printed')
    .requiredOption('--username <name>', 'sign-in name (3–64 letters, digits, . - _)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .requiredOption('--unit <code-or-id>', 'the unit the account belongs to: its code (e.g. 320614) or id')
    .option('--name <display name>', 'the name shown in the app')
    .option(
      '--password <password>',
      'initial password (at least 10 characters, not a common one, not holding the username)',
    )
    .action(async (options: { username: string; role: string; unit: string; name?: string; password?: string }) => {
      await withCliDatabase(async (db) => {
        try {
          if (!isRole(options.role)) throw new Error(`unknown role "${options.role}": use one of ${ROLES.join(', ')}`);
          const unit =
            (await findUnitByCodeInScope(db, SYSTEM_ACTOR, options.unit)) ??
            (/^\d+$/.test(options.unit) ? await findUnitInScope(db, SYSTEM_ACTOR, Number(options.unit)) : undefined);
          if (!unit) throw new Error(`no unit with code or id "${options.unit}"`);
          const { account, oneTimePassword } = await createAccount(db, SYSTEM_ACTOR, {
            username: options.username,
            displayName: options.name ?? options.username,
            role: options.role,
            unitId: unit.id,
            ...(options.password ? { password: options.password } : {}),
          });
          process.stdout.write(`added ${account.username} (${account.role}) at ${unit.name}\n`);
          if (oneTimePassword)
            process.stdout.write(`one-time password: ${oneTimePassword} (to be changed at first sign-in)\n`);
        } catch (error) {
          reportCliError(error);
        }
      });
    });
}
