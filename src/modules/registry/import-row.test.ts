import { describe, expect, it } from 'vitest';
import { computeCheckCharacter } from './id-number.ts';
import type { RawRow, TemplateColumn } from './import-file.ts';
import { checkImportRow } from './import-row.ts';
import { addressKey, duplicateKeysAfterEdit } from './registry.ts';

const context = {
  unitIdByCode: new Map([['VA', 7]]),
  categoryIdByName: new Map([
    ['农村低保', 1],
    ['残疾人', 7],
  ]),
};

function idNumber(first17 = '32068419560312002'): string {
  return first17 + computeCheckCharacter(first17);
}

function row(values: Partial<Record<TemplateColumn, string>>): RawRow {
  const all = {
    name: '',
    idNumber: '',
    phone: '',
    unitCode: 'VA',
    categories: '',
    address: '',
    householdSize: '',
    hardship: '',
    ...values,
  };
  return { rowNumber: 5, values: all, original: Object.values(all), problems: [] };
}

describe('checking one import row', () => {
  it('accepts a full row: trimmed name, several categories, phone, household size', () => {
    const result = checkImportRow(
      row({
        name: ' 张 伟 ',
        idNumber: idNumber(),
        phone: '138 0000 0001',
        categories: '农村低保、残疾人',
        householdSize: '3',
      }),
      context,
    );
    expect(result).toMatchObject({
      ok: true,
      candidate: {
        name: '张 伟',
        birthDate: '1956-03-12',
        unitId: 7,
        categoryIds: [1, 7],
        phone: '13800000001',
        householdSize: 3,
      },
    });
  });

  it('rejects with the reason a clerk can act on', () => {
    const reasons = [
      checkImportRow(row({ idNumber: idNumber() }), context),
      checkImportRow(row({ name: '李娜', idNumber: '320684195603120021' }), context),
      checkImportRow(row({ name: '李娜', idNumber: idNumber(), unitCode: 'VB' }), context),
      checkImportRow(row({ name: '李娜', idNumber: idNumber(), categories: '贫困户' }), context),
      checkImportRow(row({ name: '李娜', idNumber: idNumber(), householdSize: '2.5' }), context),
      checkImportRow(row({ name: '李娜', idNumber: idNumber(), phone: '12345' }), context),
    ].map((result) => (result.ok ? 'ok' : result.problem.kind));
    expect(reasons).toEqual([
      'missing-name',
      'bad-id',
      'unknown-unit',
      'unknown-category',
      'bad-household-size',
      'bad-phone',
    ]);
  });

  it('rejects a row whose cells the reader marked, such as an ID stored as a number', () => {
    const marked = {
      ...row({ name: '王芳', idNumber: '3.20684E+17' }),
      problems: [
        {
          column: 'idNumber' as const,
          code: 'ID_NUMBER_AS_NUMBER' as const,
          message: 'number',
          messageZh: '身份证号单元格是数字格式',
        },
      ],
    };
    const result = checkImportRow(marked, context);
    expect(result.ok ? null : result.problem).toMatchObject({ kind: 'bad-cell', reason: '身份证号单元格是数字格式' });
  });

  it('never cuts a long hardship text short: it is a rejected row instead', () => {
    const result = checkImportRow(row({ name: '赵强', idNumber: idNumber(), hardship: '病'.repeat(2001) }), context);
    expect(result.ok ? 'ok' : result.problem.kind).toBe('too-long');
  });
});

describe('possible-duplicate keys', () => {
  it('compares addresses without spaces and punctuation', () => {
    expect(addressKey('幸福路 8 号')).toBe(addressKey('幸福路8号'));
    expect(addressKey('  ')).toBeNull();
  });

  it('follow an edit of the name, unit, phone or address', () => {
    const before = {
      namePinyin: 'zhangwei',
      birthDate: '1956-03-12',
      unitId: 7,
      phone: '13800000001',
      address: '一组3号',
    };
    expect(duplicateKeysAfterEdit(before, {})).toEqual({
      name_birth_key: 'zhangwei|1956-03-12|7',
      phone_address_key: '13800000001|一组3号',
    });
    expect(duplicateKeysAfterEdit(before, { unitId: 8, phone: null })).toEqual({
      name_birth_key: 'zhangwei|1956-03-12|8',
      phone_address_key: null,
    });
  });
});
