/**
 * `wennuan lint-plan <file> [--json]`: reads a written plan and checks its budget arithmetic.
 * Exit code 0 when everything adds up, 1 when there are problems, 2 when the file cannot be read.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { formatFen } from '../modules/shared/money.ts';
import { decodePlanBytes } from '../modules/campaign/plan-text/normalize-plan-text.ts';
import {
  readPlanText,
  type PlanItem,
  type PlanReading,
  type PlanTotal,
} from '../modules/campaign/plan-text/read-plan-text.ts';

export const LINT_EXIT = { ok: 0, problems: 1, unreadable: 2 } as const;

/** Share of replacement or control characters above which a decoded file is taken for binary. */
const MAX_GARBAGE_SHARE = 0.05;

export interface LintPlanOptions {
  json?: boolean;
}

class UnreadableFileError extends Error {}

function hasUtf16Bom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

function isGarbageChar(char: string): boolean {
  const code = char.charCodeAt(0);
  return code === 0xfffd || (code < 0x20 && (code < 0x09 || code > 0x0d));
}

function looksBinary(bytes: Uint8Array, text: string): boolean {
  if (!hasUtf16Bom(bytes) && bytes.includes(0)) return true;
  const garbage = [...text].filter(isGarbageChar).length;
  return garbage / Math.max(text.length, 1) > MAX_GARBAGE_SHARE;
}

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
};

function readErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return READ_ERRORS[code] ?? (error instanceof Error ? error.message : String(error));
}

async function readPlanFile(file: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new UnreadableFileError(`cannot read ${file}: ${readErrorReason(error)}`);
  }
  const text = decodePlanBytes(bytes);
  if (text.trim() === '') throw new UnreadableFileError(`${file} is empty`);
  if (looksBinary(bytes, text)) throw new UnreadableFileError(`${file} does not look like a text file`);
  return text;
}

// ---------------------------------------------------------------------------------------------
// Output

export function lintPlanJson(reading: PlanReading): string {
  const report = {
    items: reading.items.map((item) => ({
      line: item.line,
      category: item.category,
      count: item.count,
      perPersonFen: item.perPersonFen,
      statedFen: item.statedFen,
      computedFen: item.computedFen,
    })),
    totalFen: reading.totalFen,
    problems: reading.problems.map((problem) => ({ line: problem.line, kind: problem.kind, message: problem.message })),
  };
  return `${JSON.stringify(report)}\n`;
}

function stated(fen: number | null): string {
  return fen === null ? 'stated: unreadable' : `stated ${formatFen(fen)}`;
}

function itemLine(item: PlanItem): string {
  const formula = `${item.count} × ${formatFen(item.perPersonFen)} = ${formatFen(item.computedFen)}`;
  return `line ${item.line}  ${item.category}  ${formula}  (${stated(item.statedFen)})`;
}

function totalLine(total: PlanTotal): string {
  const label = total.kind === 'subtotal' ? `subtotal${total.layer ? ` (${total.layer})` : ''}` : 'grand total';
  return `line ${total.line}  ${label}  ${formatFen(total.computedFen)}  (${stated(total.statedFen)})`;
}

export function lintPlanReport(reading: PlanReading, file: string): string {
  const lines = [reading.title ?? path.basename(file), ''];
  if (reading.items.length === 0) lines.push('No budget lines found.');
  const rows = [
    ...reading.items.map((item) => ({ line: item.line, text: itemLine(item) })),
    ...reading.totals.map((total) => ({ line: total.line, text: totalLine(total) })),
  ];
  lines.push(...rows.sort((a, b) => a.line - b.line).map((row) => row.text));
  lines.push('', `Total: ${formatFen(reading.totalFen)} yuan (${reading.items.length} items)`);
  const count = reading.problems.length;
  if (count === 0) lines.push('No problems found.');
  else lines.push(`${count} problem${count === 1 ? '' : 's'}:`);
  lines.push(...reading.problems.map((problem) => `  line ${problem.line}: ${problem.message}`));
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Command

export async function lintPlan(file: string, options: LintPlanOptions): Promise<number> {
  let text: string;
  try {
    text = await readPlanFile(file);
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    process.stderr.write(`lint-plan: ${error.message}\n`);
    return LINT_EXIT.unreadable;
  }
  const reading = readPlanText(text);
  process.stdout.write(options.json ? lintPlanJson(reading) : lintPlanReport(reading, file));
  return reading.problems.length === 0 ? LINT_EXIT.ok : LINT_EXIT.problems;
}

export function registerLintPlanCommand(program: Command): void {
  program
    .command('lint-plan')
    .description('read a written relief plan (方案) and check its budget arithmetic')
    .argument('<file>', 'plan text file (UTF-8 or GBK, simplified or traditional)')
    .option('--json', 'print one JSON object instead of a report')
    .action(async (file: string, options: LintPlanOptions) => {
      process.exitCode = await lintPlan(file, options);
    });
}
