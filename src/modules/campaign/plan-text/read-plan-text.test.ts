import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PIAN_WU_CATEGORIES } from '../pian-wu.ts';
import { planReadingToDraft, readPlanText, type PlanReading } from './read-plan-text.ts';

const SEED_PATH = path.resolve(process.cwd(), 'test/fixtures/spring-festival-plans.txt');
const seed = readFileSync(SEED_PATH, 'utf8');
const PIAN_WU_LINES = [78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 92, 93, 94];

/** The seed with one line (1-based) edited. */
function seedWithLine(lineNumber: number, edit: (line: string) => string): string {
  const lines = seed.split('\n');
  const index = lineNumber - 1;
  const line = lines[index];
  if (line === undefined) throw new Error(`no line ${lineNumber}`);
  const edited = edit(line);
  if (edited === line) throw new Error(`edit did not change line ${lineNumber}`);
  lines[index] = edited;
  return lines.join('\n');
}

function kinds(reading: PlanReading): [number, string][] {
  return reading.problems.map((problem) => [problem.line, problem.kind]);
}

const SIMPLE_PLAN = [
  '春节慰问活动实施方案',
  '(一)面上慰问',
  '1、重点优抚对象3726人,安排慰问金100元/人,计372600元。',
  '2、百岁老人138人,安排慰问金300元/人,礼品200元/人,计69000元。',
  '所需资金共441600元。',
  '(二)点上慰问',
  '1、城市低保户每镇、原办事处各1人,共25人,安排慰问金300元/人,礼品200元/人,计12500元。',
  '所需资金共12500元。',
  '(三)所需总资金454100元。',
];

function simplePlan(edit: (lines: string[]) => void = () => {}): string {
  const lines = [...SIMPLE_PLAN];
  edit(lines);
  return lines.join('\n');
}

describe('readPlanText on the seed file', () => {
  const reading = readPlanText(seed);

  it('finds exactly the 14 budget lines of 篇五, as printed', () => {
    expect(reading.items.map((item) => item.line)).toEqual(PIAN_WU_LINES);
    reading.items.forEach((item, index) => {
      const spec = PIAN_WU_CATEGORIES[index];
      if (!spec) throw new Error(`no 篇五 category ${index}`);
      expect(item).toEqual({
        line: PIAN_WU_LINES[index],
        category: spec.name.replace('（点上）', ''),
        layer: spec.layer,
        count: spec.plannedCount,
        countNote: spec.countNote,
        cashFen: spec.cashYuan * 100,
        giftFen: spec.giftYuan * 100,
        perPersonFen: (spec.cashYuan + spec.giftYuan) * 100,
        statedFen: spec.printedTotalYuan === null ? null : spec.printedTotalYuan * 100,
        computedFen: spec.plannedCount * (spec.cashYuan + spec.giftYuan) * 100,
      });
    });
  });

  it('splits them into 11 area-wide and 3 point-visit lines', () => {
    expect(reading.items.filter((item) => item.layer === 'general')).toHaveLength(11);
    expect(reading.items.filter((item) => item.layer === 'leaderVisit')).toHaveLength(3);
  });

  it('recomputes the total: 2,813,500 yuan', () => {
    expect(reading.totalFen).toBe(281350000);
  });

  it('checks both subtotals and the grand total', () => {
    expect(reading.totals).toEqual([
      { line: 89, kind: 'subtotal', layer: 'general', statedFen: 277600000, computedFen: 277600000 },
      { line: 95, kind: 'subtotal', layer: 'leaderVisit', statedFen: 3750000, computedFen: 3750000 },
      { line: 96, kind: 'grand-total', layer: null, statedFen: 281350000, computedFen: 281350000 },
    ]);
  });

  it('reports exactly one problem: the unreadable "220xx" on line 84', () => {
    expect(reading.problems).toHaveLength(1);
    const [problem] = reading.problems;
    expect(problem).toMatchObject({ line: 84, kind: 'unreadable-figure' });
    expect(problem?.message).toContain('220xx');
    expect(problem?.message).toContain('22,000.00');
    expect(problem?.messageZh).toContain('220xx');
  });

  it('takes the title of the plan the budget is in', () => {
    expect(reading.title).toBe('春节慰问活动策划方案篇五');
  });

  it('does not take other plans’ amounts for budget lines', () => {
    const elsewhere = reading.items.filter((item) => item.line < 68 || item.line > 102);
    expect(elsewhere).toEqual([]);
    expect(reading.problems.filter((problem) => problem.line !== 84)).toEqual([]);
  });

  it('reports a wrong line total with its line number', () => {
    const edited = readPlanText(seedWithLine(78, (line) => line.replace('372600元', '372500元')));
    expect(kinds(edited)).toEqual([
      [78, 'line-total-mismatch'],
      [84, 'unreadable-figure'],
    ]);
    expect(edited.problems[0]?.message).toContain('372,500.00');
    expect(edited.problems[0]?.message).toContain('372,600.00');
    expect(edited.items[0]).toMatchObject({ statedFen: 37250000, computedFen: 37260000 });
  });

  it('reports a wrong subtotal', () => {
    const edited = readPlanText(seedWithLine(89, (line) => line.replace('2776000元', '2776100元')));
    expect(kinds(edited)).toEqual([
      [84, 'unreadable-figure'],
      [89, 'subtotal-mismatch'],
    ]);
    expect(edited.totals[0]).toMatchObject({ statedFen: 277610000, computedFen: 277600000 });
  });

  it('reports a wrong grand total', () => {
    const edited = readPlanText(seedWithLine(96, (line) => line.replace('2813500元', '2831500元')));
    expect(kinds(edited)).toEqual([
      [84, 'unreadable-figure'],
      [96, 'grand-total-mismatch'],
    ]);
  });
});

describe('readPlanText on written variants', () => {
  it('reads a simplified plan without problems', () => {
    const reading = readPlanText(simplePlan());
    expect(reading.title).toBe('春节慰问活动实施方案');
    expect(reading.items.map((item) => [item.category, item.layer, item.count, item.computedFen])).toEqual([
      ['重点优抚对象', 'general', 3726, 37260000],
      ['百岁老人', 'general', 138, 6900000],
      ['城市低保户', 'leaderVisit', 25, 1250000],
    ]);
    expect(reading.items[2]?.countNote).toBe('每镇、原办事处各1人');
    expect(reading.totals.map((total) => total.computedFen)).toEqual([44160000, 1250000, 45410000]);
    expect(reading.problems).toEqual([]);
  });

  it('reads full-width digits and commas', () => {
    const reading = readPlanText(
      simplePlan((lines) => {
        lines[2] = '1、重点优抚对象３７２６人，安排慰问金１００元／人，计３７２６００元。';
      }),
    );
    expect(reading.items[0]).toMatchObject({ count: 3726, cashFen: 10000, statedFen: 37260000 });
    expect(reading.problems).toEqual([]);
  });

  it('reads thousands separators, half-width or full-width', () => {
    const reading = readPlanText(
      simplePlan((lines) => {
        lines[2] = '1、重点优抚对象3，726人，安排慰问金100元/人，计372，600元。';
        lines[4] = '所需资金共441,600元。';
      }),
    );
    expect(reading.items[0]).toMatchObject({ count: 3726, statedFen: 37260000 });
    expect(reading.problems).toEqual([]);
  });

  it('reads a count after a comma and an item line that says 合计', () => {
    const reading = readPlanText('1、困难职工,10人,安排慰问金500元/人,合计5000元。');
    expect(reading.items[0]).toMatchObject({ category: '困难职工', count: 10, statedFen: 500000 });
    expect(reading.totals).toEqual([]);
  });

  it('reads amounts with decimals, in fen', () => {
    const reading = readPlanText('1、孤儿3人,安排慰问金100.50元/人,礼品20.5元/人,计361.50元。');
    expect(reading.items[0]).toMatchObject({ cashFen: 10050, giftFen: 2050, perPersonFen: 12100, computedFen: 36300 });
    expect(kinds(reading)).toEqual([[1, 'line-total-mismatch']]);
  });

  it('reads a gift-only line', () => {
    const reading = readPlanText('11、敬老院集中供养五保人员196人,安排礼品100元/人,计19600元。');
    expect(reading.items[0]).toMatchObject({ cashFen: 0, giftFen: 10000, computedFen: 1960000 });
  });

  it('reports a wrong line total in simplified text', () => {
    const reading = readPlanText(simplePlan((lines) => (lines[2] = lines[2]?.replace('372600元', '372500元') ?? '')));
    expect(kinds(reading)).toEqual([[3, 'line-total-mismatch']]);
  });

  it('reports a line with a count but a garbage amount as unreadable', () => {
    const reading = readPlanText(
      simplePlan((lines) => {
        lines[2] = '1、重点优抚对象3726人,安排慰问金壹佰元/人,计372600元。';
      }),
    );
    expect(kinds(reading)).toEqual([[3, 'unreadable-line']]);
    expect(reading.items.map((item) => item.category)).toEqual(['百岁老人', '城市低保户']);
  });

  it('reports a count with no per-person amount at all as unreadable', () => {
    const reading = readPlanText('1、重点优抚对象3726人,安排慰问金若干,计372600元。');
    expect(kinds(reading)).toEqual([[1, 'unreadable-line']]);
  });

  it('reports an unreadable subtotal figure', () => {
    const reading = readPlanText(simplePlan((lines) => (lines[4] = '所需资金共4416xx元。')));
    expect(kinds(reading)).toEqual([[5, 'unreadable-figure']]);
    expect(reading.totals[0]).toMatchObject({ statedFen: null, computedFen: 44160000 });
  });

  it('reads totals in 万元', () => {
    const reading = readPlanText(simplePlan((lines) => (lines[8] = '(三)所需总资金45.41万元。')));
    expect(reading.problems).toEqual([]);
  });

  it('leaves lines that are not budget lines alone', () => {
    const reading = readPlanText(
      [
        '慰问物资:每人20斤装一袋米、5升装一桶油,共计慰问资金11059、2元。',
        '5、慰问金额:2000元;慰问物资:米2袋、食用油1瓶。',
        '第一、重点关爱、慰问特别贫困的家庭188户;',
        '暂定对象30—50户,视经费情况决定。',
      ].join('\n'),
    );
    expect(reading).toEqual({ title: null, items: [], totals: [], totalFen: 0, problems: [] });
  });
});

describe('planReadingToDraft', () => {
  it('turns the seed into the 篇五 categories', () => {
    const draft = planReadingToDraft(readPlanText(seed), '春节慰问');
    expect(draft.name).toBe('春节慰问活动策划方案篇五');
    expect(draft.categories).toEqual(
      PIAN_WU_CATEGORIES.map((spec) => ({
        name: spec.name,
        layer: spec.layer,
        plannedCount: spec.plannedCount,
        countNote: spec.countNote,
        cashFen: spec.cashYuan * 100,
        giftFen: spec.giftYuan * 100,
      })),
    );
  });

  it('falls back to the given name when the text has no title', () => {
    const draft = planReadingToDraft(readPlanText('1、孤儿267人,安排慰问金100元/人,计26700元。'), '孤儿慰问');
    expect(draft).toEqual({
      name: '孤儿慰问',
      categories: [{ name: '孤儿', layer: 'general', plannedCount: 267, countNote: null, cashFen: 10000, giftFen: 0 }],
    });
  });
});
