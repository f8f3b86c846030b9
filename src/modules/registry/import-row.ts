/**
 * One row of a registry import, checked: a name, a valid resident ID, a unit code inside the
 * importer's subtree, known categories, a plausible phone and household size. Pure.
 */
import { nameSearchKeys } from './name-search.ts';
import { validateIdNumber } from './id-number.ts';
import { splitCategories, type RawRow } from './import-file.ts';
import { addressKey, normalizePhone, PHONE_PATTERN } from './registry.ts';

export interface ImportCandidate {
  rowNumber: number;
  name: string;
  nameInitials: string;
  namePinyin: string;
  idNumber: string;
  birthDate: string;
  sex: 'male' | 'female';
  phone: string | null;
  unitId: number;
  categoryIds: number[];
  address: string | null;
  addressKey: string | null;
  householdSize: number | null;
  hardship: string | null;
}

export interface RowProblem {
  kind:
    | 'bad-cell'
    | 'missing-name'
    | 'bad-id'
    | 'unknown-unit'
    | 'unknown-category'
    | 'bad-phone'
    | 'bad-household-size'
    | 'too-long';
  reason: string;
  reasonEn: string;
}

export interface RowContext {
  /** units of the importer's subtree by code */
  unitIdByCode: ReadonlyMap<string, number>;
  categoryIdByName: ReadonlyMap<string, number>;
}

const NAME_MAX = 50;

export function checkImportRow(
  row: RawRow,
  context: RowContext,
): { ok: true; candidate: ImportCandidate } | { ok: false; problem: RowProblem } {
  const values = row.values;
  const [cellProblem] = row.problems;
  if (cellProblem) return fail('bad-cell', cellProblem.messageZh, cellProblem.message);
  const name = (values.name ?? '').trim().replace(/\s+/g, ' ');
  if (!name) return fail('missing-name', '缺少姓名', 'name is missing');
  if (name.length > NAME_MAX)
    return fail('too-long', `姓名超过${NAME_MAX}个字符`, `name is longer than ${NAME_MAX} characters`);
  const id = validateIdNumber(values.idNumber ?? '');
  if (!id.ok) return fail('bad-id', `身份证号无效：${id.messageZh}`, `bad ID number: ${id.message}`);
  const unitCode = (values.unitCode ?? '').trim();
  const unitId = context.unitIdByCode.get(unitCode);
  if (unitId === undefined) {
    return fail(
      'unknown-unit',
      `单位代码“${unitCode}”不存在或不在您的管辖范围内`,
      `unknown unit code "${unitCode}" (or not in your units)`,
    );
  }
  const categoryIds: number[] = [];
  for (const category of splitCategories(values.categories ?? '')) {
    const categoryId = context.categoryIdByName.get(category);
    if (categoryId === undefined)
      return fail('unknown-category', `未知的困难类别“${category}”`, `unknown category "${category}"`);
    if (!categoryIds.includes(categoryId)) categoryIds.push(categoryId);
  }
  const phone = normalizePhone(values.phone);
  if (phone && !PHONE_PATTERN.test(phone))
    return fail('bad-phone', `联系电话“${values.phone}”格式不正确`, `phone "${values.phone}" is not a phone number`);
  const sizeText = (values.householdSize ?? '').trim();
  const householdSize = sizeText ? Number(sizeText) : null;
  if (householdSize !== null && (!Number.isInteger(householdSize) || householdSize < 1 || householdSize > 50)) {
    return fail(
      'bad-household-size',
      `家庭人口“${sizeText}”应为1至50的整数`,
      `household size "${sizeText}" must be a whole number from 1 to 50`,
    );
  }
  const address = (values.address ?? '').trim() || null;
  if (address && address.length > 200)
    return fail('too-long', '住址超过200个字符', 'address is longer than 200 characters');
  const hardship = (values.hardship ?? '').trim() || null;
  if (hardship && hardship.length > 2000)
    return fail('too-long', '困难情况超过2000个字符', 'hardship text is longer than 2000 characters');
  const keys = nameSearchKeys(name);
  return {
    ok: true,
    candidate: {
      rowNumber: row.rowNumber,
      name,
      nameInitials: keys.initials,
      namePinyin: keys.full,
      idNumber: id.idNumber,
      birthDate: id.birthDate,
      sex: id.sex,
      phone,
      unitId,
      categoryIds,
      address,
      addressKey: addressKey(address),
      householdSize,
      hardship,
    },
  };
}

function fail(kind: RowProblem['kind'], reason: string, reasonEn: string): { ok: false; problem: RowProblem } {
  return { ok: false, problem: { kind, reason, reasonEn } };
}
