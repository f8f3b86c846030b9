/** Units form a tree: city → district/county → town/street → community/village, or group → subsidiary. */
import { invalid } from '../shared/errors.ts';

export const UNIT_KINDS = [
  'province',
  'city',
  'district',
  'town',
  'community',
  'village',
  'group',
  'subsidiary',
  'department',
  'other',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS_ZH: Record<UnitKind, string> = {
  province: '省',
  city: '市',
  district: '区/县',
  town: '镇/街道',
  community: '社区',
  village: '村',
  group: '集团',
  subsidiary: '子公司',
  department: '部门',
  other: '其他',
};

export interface Unit {
  id: number;
  parentId: number | null;
  code: string | null;
  name: string;
  kind: UnitKind;
  regionCode: string | null;
  path: string;
  depth: number;
  closedAt: string | null;
}

export const UNIT_CODE_PATTERN = /^[0-9A-Za-z-]{1,32}$/;

export function childPath(parentPath: string, id: number): string {
  return `${parentPath}${id}/`;
}

export function rootPath(id: number): string {
  return `/${id}/`;
}

export function isInSubtree(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

export function assertUnitName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw invalid('UNIT_NAME_REQUIRED', 'unit name is required', '单位名称不能为空', 'name');
  if (trimmed.length > 100) {
    throw invalid('UNIT_NAME_TOO_LONG', 'unit name is longer than 100 characters', '单位名称不能超过100个字符', 'name');
  }
  return trimmed;
}

export function assertUnitCode(code: string): string {
  const trimmed = code.trim();
  if (!UNIT_CODE_PATTERN.test(trimmed)) {
    throw invalid(
      'UNIT_CODE_INVALID',
      `unit code "${code}" must be 1–32 letters, digits or dashes`,
      `单位代码“${code}”只能由1至32位字母、数字或短横线组成`,
      'code',
    );
  }
  return trimmed;
}

/** 320614001 … : a village or community's kind follows from its name. */
export function kindFromRegionName(level: 'province' | 'city' | 'area' | 'street' | 'village', name: string): UnitKind {
  switch (level) {
    case 'province':
      return 'province';
    case 'city':
      return 'city';
    case 'area':
      return 'district';
    case 'street':
      return 'town';
    case 'village':
      return /社区|居委会|居民委员会/.test(name) ? 'community' : 'village';
  }
}
