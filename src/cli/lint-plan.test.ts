import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { registerLintPlanCommand } from './lint-plan.ts';

const SEED_PATH = path.resolve(process.cwd(), 'test/fixtures/spring-festival-plans.txt');
const scratch = mkdtempSync(path.join(tmpdir(), 'lint-plan-'));

interface Run {
  stdout: string;
  stderr: string;
  exitCode: number | string | undefined;
}

async function run(...args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  process.exitCode = undefined;
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => err.push(String(chunk)) > 0);
  const program = new Command();
  registerLintPlanCommand(program);
  await program.parseAsync(['node', 'wennuan', 'lint-plan', ...args]);
  const exitCode = process.exitCode;
  vi.restoreAllMocks();
  return { stdout: out.join(''), stderr: err.join(''), exitCode };
}

function scratchFile(name: string, content: string | Uint8Array): string {
  const file = path.join(scratch, name);
  writeFileSync(file, content);
  return file;
}

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('lint-plan --json', () => {
  it('prints one JSON object for the seed and exits 1 for the 220xx problem', async () => {
    const result = await run(SEED_PATH, '--json');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as {
      items: Record<string, unknown>[];
      totalFen: number;
      problems: Record<string, unknown>[];
    };
    expect(Object.keys(report)).toEqual(['items', 'totalFen', 'problems']);
    expect(report.items).toHaveLength(14);
    expect(report.items[0]).toEqual({
      line: 78,
      category: '重点优抚对象',
      count: 3726,
      perPersonFen: 10000,
      statedFen: 37260000,
      computedFen: 37260000,
    });
    for (const item of report.items) {
      expect(Object.keys(item)).toEqual(['line', 'category', 'count', 'perPersonFen', 'statedFen', 'computedFen']);
    }
    expect(report.items[6]).toMatchObject({ line: 84, statedFen: null, computedFen: 2200000 });
    expect(report.totalFen).toBe(281350000);
    expect(report.problems).toHaveLength(1);
    expect(Object.keys(report.problems[0] ?? {})).toEqual(['line', 'kind', 'message']);
    expect(report.problems[0]).toMatchObject({ line: 84, kind: 'unreadable-figure' });
  });

  it('exits 0 when everything adds up', async () => {
    const file = scratchFile('ok.txt', '1、孤儿267人,安排慰问金100元/人,计26700元。\n所需资金共26700元。\n');
    const result = await run(file, '--json');
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ totalFen: 2670000, problems: [] });
  });

  it('exits 2 with a message on stderr and nothing on stdout for a missing file', async () => {
    const result = await run(path.join(scratch, 'missing.txt'), '--json');
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/cannot read .*missing\.txt: no such file/);
  });

  it('exits 2 for an empty file and for a binary file', async () => {
    expect((await run(scratchFile('empty.txt', ''), '--json')).exitCode).toBe(2);
    const binary = await run(scratchFile('image.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d])));
    expect(binary.exitCode).toBe(2);
    expect(binary.stderr).toContain('does not look like a text file');
  });
});

describe('lint-plan report', () => {
  it('prints every item, the problem with its line and the formatted total', async () => {
    const result = await run(SEED_PATH);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('line 78  重点优抚对象  3726 × 100.00 = 372,600.00');
    expect(result.stdout).toContain('line 84: 一次性定救人员: cannot read the amount "220xx"');
    expect(result.stdout).toContain('Total: 2,813,500.00 yuan (14 items)');
    expect(result.stdout.match(/^line \d+ {2}/gm)).toHaveLength(14 + 3);
  });
});
