import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.ts';
import { nowIso } from '../../db/database.ts';
import type { UnitTable } from '../../db/schema.ts';
import type { Selectable } from 'kysely';
import { unitPathInScope, type Actor } from './scope.ts';
import type { Unit, UnitKind } from './unit.ts';

function toUnit(row: Selectable<UnitTable>): Unit {
  return {
    id: row.id,
    parentId: row.parent_id,
    code: row.code,
    name: row.name,
    kind: row.kind as UnitKind,
    regionCode: row.region_code,
    path: row.path,
    depth: row.depth,
    closedAt: row.closed_at,
  };
}

export async function listUnitsInScope(db: DbOrTx, actor: Actor): Promise<Unit[]> {
  const rows = await db
    .selectFrom('unit')
    .selectAll()
    .where((eb) => unitPathInScope(eb, actor))
    .orderBy('depth')
    .orderBy('code')
    .orderBy('id')
    .execute();
  return rows.map(toUnit);
}

export async function findUnitInScope(db: DbOrTx, actor: Actor, id: number): Promise<Unit | undefined> {
  const row = await db
    .selectFrom('unit')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => unitPathInScope(eb, actor))
    .executeTakeFirst();
  return row ? toUnit(row) : undefined;
}

/** Unscoped: only for resolving the acting account's own unit, and ancestors' names. */
export async function findUnitById(db: DbOrTx, id: number): Promise<Unit | undefined> {
  const row = await db.selectFrom('unit').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUnit(row) : undefined;
}

export async function findUnitByCodeInScope(db: DbOrTx, actor: Actor, code: string): Promise<Unit | undefined> {
  const row = await db
    .selectFrom('unit')
    .selectAll()
    .where('code', '=', code)
    .where((eb) => unitPathInScope(eb, actor))
    .executeTakeFirst();
  return row ? toUnit(row) : undefined;
}

/** Whether a code is taken anywhere (codes are unique across the whole tree). */
export async function existingUnitCodes(db: DbOrTx, codes: string[]): Promise<string[]> {
  const found: string[] = [];
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await db
      .selectFrom('unit')
      .select('code')
      .where('code', 'in', codes.slice(i, i + 500))
      .execute();
    for (const row of rows) if (row.code) found.push(row.code);
  }
  return found;
}

export interface NewUnit {
  parentId: number | null;
  code: string | null;
  name: string;
  kind: UnitKind;
  regionCode: string | null;
}

/** Inserts a unit and sets its path from its own id. */
export async function insertUnit(db: DbOrTx, unit: NewUnit, parent: Unit | null): Promise<Unit> {
  const created = await db
    .insertInto('unit')
    .values({
      parent_id: unit.parentId,
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      region_code: unit.regionCode,
      path: '',
      depth: parent ? parent.depth + 1 : 0,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${parent ? parent.path : '/'}${created.id}/`;
  await db.updateTable('unit').set({ path }).where('id', '=', created.id).execute();
  return { ...unit, id: created.id, path, depth: parent ? parent.depth + 1 : 0, closedAt: null };
}

/** Inserts many children of one parent in a few statements, then fills their paths in one update. */
export async function insertChildUnits(
  db: DbOrTx,
  parent: Unit,
  children: Omit<NewUnit, 'parentId'>[],
): Promise<Unit[]> {
  const now = nowIso();
  const inserted: Unit[] = [];
  for (let i = 0; i < children.length; i += 200) {
    const batch = children.slice(i, i + 200);
    const rows = await db
      .insertInto('unit')
      .values(
        batch.map((child) => ({
          parent_id: parent.id,
          code: child.code,
          name: child.name,
          kind: child.kind,
          region_code: child.regionCode,
          path: '',
          depth: parent.depth + 1,
          created_at: now,
        })),
      )
      .returning(['id', 'code'])
      .execute();
    // RETURNING order is not guaranteed by either database: match rows back by their unique code
    const idByCode = new Map(rows.map((row) => [row.code, row.id]));
    batch.forEach((child, index) => {
      const row = { id: child.code ? idByCode.get(child.code)! : rows[index]!.id };
      inserted.push({
        ...child,
        id: row.id,
        parentId: parent.id,
        path: `${parent.path}${row.id}/`,
        depth: parent.depth + 1,
        closedAt: null,
      });
    });
  }
  await db
    .updateTable('unit')
    .set({ path: sql<string>`${parent.path} || cast(id as varchar(20)) || '/'` })
    .where('parent_id', '=', parent.id)
    .where('path', '=', '')
    .execute();
  return inserted;
}

export async function renameUnit(db: DbOrTx, id: number, name: string, code: string | null): Promise<void> {
  await db.updateTable('unit').set({ name, code }).where('id', '=', id).execute();
}

/** Moves a unit and its whole subtree: every path below it is rewritten in one statement. */
export async function moveSubtree(db: DbOrTx, unit: Unit, newParent: Unit): Promise<void> {
  const newPath = `${newParent.path}${unit.id}/`;
  const depthDelta = newParent.depth + 1 - unit.depth;
  await db
    .updateTable('unit')
    .set({
      path: sql<string>`${newPath} || substr(path, ${unit.path.length + 1})`,
      depth: sql<number>`depth + ${depthDelta}`,
    })
    .where('path', 'like', `${unit.path}%`)
    .execute();
  await db.updateTable('unit').set({ parent_id: newParent.id }).where('id', '=', unit.id).execute();
}

export async function countOpenChildren(db: DbOrTx, unitId: number): Promise<number> {
  const row = await db
    .selectFrom('unit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', unitId)
    .where('closed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function closeUnit(db: DbOrTx, id: number): Promise<string> {
  const at = nowIso();
  await db.updateTable('unit').set({ closed_at: at }).where('id', '=', id).execute();
  return at;
}

export async function countUnits(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom('unit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findFirstRoot(db: DbOrTx): Promise<Unit | undefined> {
  const row = await db.selectFrom('unit').selectAll().where('depth', '=', 0).orderBy('id').executeTakeFirst();
  return row ? toUnit(row) : undefined;
}
