import { describe, expect, it } from 'vitest';
import { ageOn } from '../modules/registry/id-number.ts';
import { demoRegistryCsv } from './demo-people.ts';

/** The ages each category allows, on the first day of the campaign year. */
const FITS: Record<string, (age: number) => boolean> = {
  孤儿: (age) => age < 18,
  留守儿童: (age) => age < 16,
  百岁老人: (age) => age >= 100,
  困难职工: (age) => age >= 18 && age < 60,
  空巢老人: (age) => age >= 60,
  特困人员: (age) => age >= 60,
};

describe('demoRegistryCsv', () => {
  it('gives every person an age that fits their categories', () => {
    const villages = Array.from({ length: 30 }, (_, index) => ({ code: `3206140010${index}`, name: `村${index}` }));
    const rows = demoRegistryCsv(villages, 20).trim().split('\n').slice(1);
    const seen = new Set<string>();
    for (const row of rows) {
      const [, idNumber, , , categories] = row.split(',');
      const birth = `${idNumber!.slice(6, 10)}-${idNumber!.slice(10, 12)}-${idNumber!.slice(12, 14)}`;
      for (const on of ['2026-12-01', '2027-02-10']) {
        const age = ageOn(birth, on);
        for (const category of categories!.split('、')) {
          seen.add(category);
          expect(FITS[category]?.(age) ?? true, `${category} aged ${age} (${row})`).toBe(true);
          if (category === '残疾人') expect(age).toBeGreaterThanOrEqual(18);
        }
      }
    }
    expect([...seen]).toEqual(expect.arrayContaining(['百岁老人', '孤儿', '困难职工', '农村低保', '重点优抚对象']));
  });
});
