/**
 * Writes a registry CSV of N rows for the benchmarks: valid IDs (about 0.5% invalid, 0.5% repeated
 * in the file), realistic names and categories, under a set of village codes.
 */
import fs from 'node:fs';
import { GIVEN, SURNAMES } from '../src/demo/demo-people.ts';
import { computeCheckCharacter } from '../src/modules/registry/id-number.ts';

// the same names as the demo registry (曾 and 单 are there for their surname readings)
const CATEGORIES = [
  '农村低保',
  '城市低保',
  '低保边缘',
  '特困人员',
  '重点优抚对象',
  '残疾人',
  '困难职工',
  '空巢老人',
  '留守儿童',
  '孤儿',
];

export const BENCH_HEADER = '姓名,身份证号,联系电话,单位代码,类别,住址,家庭人口,困难情况';

export interface GeneratedRow {
  name: string;
  idNumber: string;
  phone: string;
  unitCode: string;
  categories: string;
  address: string;
  size: string;
  hardship: string;
}

export function* generateRows(count: number, unitCodes: string[]): Generator<GeneratedRow> {
  let state = 12345;
  const next = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  let previousId = '';
  for (let i = 0; i < count; i += 1) {
    // every row a different person: 1,000 sequence numbers per birth date, 26,880 birth dates
    const k = Math.floor(i / 1000);
    const year = 1930 + (Math.floor(k / 336) % 80);
    const month = String(1 + (Math.floor(k / 28) % 12)).padStart(2, '0');
    const day = String(1 + (k % 28)).padStart(2, '0');
    const region = ['320684', '320614', '320621', '320623'][k % 4]!;
    const first17 = `${region}${year}${month}${day}${String(i % 1000).padStart(3, '0')}`;
    let idNumber = first17 + computeCheckCharacter(first17);
    if (i % 200 === 7) idNumber = first17 + (computeCheckCharacter(first17) === '1' ? '2' : '1'); // bad check digit
    if (i % 200 === 9 && previousId) idNumber = previousId; // repeated in the file
    previousId = idNumber;
    yield {
      name: SURNAMES[Math.floor(next() * SURNAMES.length)]! + GIVEN[Math.floor(next() * GIVEN.length)]!,
      idNumber,
      phone: `13${String(Math.floor(next() * 1e9)).padStart(9, '0')}`,
      unitCode: unitCodes[i % unitCodes.length]!,
      categories: CATEGORIES[i % CATEGORIES.length]! + (i % 7 === 0 ? '、残疾人' : ''),
      address: `${i % 30}组${i % 97}号`,
      size: String(1 + (i % 5)),
      hardship: i % 3 === 0 ? '因病致贫' : '',
    };
  }
}

export function rowToCsv(row: GeneratedRow): string {
  return [row.name, row.idNumber, row.phone, row.unitCode, row.categories, row.address, row.size, row.hardship].join(
    ',',
  );
}

export async function writeCsv(file: string, count: number, unitCodes: string[]): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', resolve));
  await write(`${BENCH_HEADER}\n`);
  let buffer = '';
  for (const row of generateRows(count, unitCodes)) {
    buffer += `${rowToCsv(row)}\n`;
    if (buffer.length > 1 << 16) {
      await write(buffer);
      buffer = '';
    }
  }
  await write(buffer);
  await new Promise<void>((resolve) => out.end(resolve));
}
