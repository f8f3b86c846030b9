import { Command } from 'commander';
import { registerBackupCommands } from './backup.ts';
import { registerImportCommands } from './import.ts';
import { registerLintPlanCommand } from './lint-plan.ts';
import { registerPlanCommands } from './plan.ts';
import { registerServeCommand } from './serve.ts';
import { registerUnitCommands } from './units.ts';
import { registerUserCommands } from './user.ts';

const program = new Command()
  .name('wennuan')
  .description('wennuan (温暖): holiday relief campaigns, end to end')
  .showHelpAfterError();

registerServeCommand(program);
registerUnitCommands(program);
registerUserCommands(program);
registerLintPlanCommand(program);
registerPlanCommands(program);
registerImportCommands(program);
registerBackupCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
