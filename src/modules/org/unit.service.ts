import type { Db } from '../../db/database.ts';
import { refreshStatistics } from '../../db/dialect.ts';
import { appendAudit } from '../audit/audit.repository.ts';
import { invalid, notFound, type DomainError } from '../shared/errors.ts';
import { countRegionNodes, loadRegionTree, parentRegionCode, type RegionNode } from './region-data.ts';
import { assertCan, isSystem, type Actor } from './scope.ts';
import { assertUnitCode, assertUnitName, isInSubtree, type Unit, type UnitKind } from './unit.ts';
import * as units from './unit.repository.ts';

export async function listUnits(db: Db, actor: Actor): Promise<Unit[]> {
  return units.listUnitsInScope(db, actor);
}

export async function getUnit(db: Db, actor: Actor, id: number): Promise<Unit> {
  const unit = await units.findUnitInScope(db, actor, id);
  if (!unit) throw notFound('unit', '单位');
  return unit;
}

export interface CreateUnitInput {
  parentId: number | null;
  name: string;
  kind: UnitKind;
  code?: string | null;
  regionCode?: string | null;
}

function duplicateCode(code: string): DomainError {
  return invalid('UNIT_CODE_DUPLICATE', `unit code ${code} is already in use`, `单位代码${code}已被使用`, 'code');
}

export async function createUnit(db: Db, actor: Actor, input: CreateUnitInput): Promise<Unit> {
  assertCan(actor, 'units.manage');
  const name = assertUnitName(input.name);
  const code = input.code ? assertUnitCode(input.code) : null;
  return db.transaction().execute(async (trx) => {
    const parent = await resolveParent(trx, actor, input.parentId);
    if (code && (await units.existingUnitCodes(trx, [code])).length > 0) throw duplicateCode(code);
    const unit = await units.insertUnit(
      trx,
      { parentId: parent?.id ?? null, code, name, kind: input.kind, regionCode: input.regionCode ?? null },
      parent,
    );
    await appendAudit(trx, actor, {
      action: 'create',
      entity: 'unit',
      entityId: unit.id,
      unitId: unit.id,
      after: unit,
    });
    return unit;
  });
}

/** Only the system (CLI, demo) may create a root; everyone else adds below a unit in their subtree. */
async function resolveParent(
  db: Parameters<typeof units.findUnitInScope>[0],
  actor: Actor,
  parentId: number | null,
): Promise<Unit | null> {
  if (parentId === null) {
    if (isSystem(actor)) return null;
    throw invalid('UNIT_PARENT_REQUIRED', 'choose the parent unit', '请选择上级单位', 'parentId');
  }
  const parent = await units.findUnitInScope(db, actor, parentId);
  if (!parent)
    throw invalid('UNIT_PARENT_UNKNOWN', `parent unit ${parentId} not found`, '上级单位不存在或无权访问', 'parentId');
  if (parent.closedAt) throw invalid('UNIT_PARENT_CLOSED', 'the parent unit is closed', '上级单位已撤销', 'parentId');
  return parent;
}

export interface UpdateUnitInput {
  name?: string;
  code?: string | null;
  parentId?: number;
}

export async function updateUnit(db: Db, actor: Actor, id: number, input: UpdateUnitInput): Promise<Unit> {
  assertCan(actor, 'units.manage');
  return db.transaction().execute(async (trx) => {
    const before = await units.findUnitInScope(trx, actor, id);
    if (!before) throw notFound('unit', '单位');
    const name = input.name === undefined ? before.name : assertUnitName(input.name);
    const code = input.code === undefined ? before.code : input.code ? assertUnitCode(input.code) : null;
    if (code && code !== before.code && (await units.existingUnitCodes(trx, [code])).length > 0)
      throw duplicateCode(code);
    if (name !== before.name || code !== before.code) await units.renameUnit(trx, id, name, code);
    if (input.parentId !== undefined && input.parentId !== before.parentId) {
      if (before.id === actor.unitId) {
        throw invalid('UNIT_MOVE_OWN', 'you cannot move your own unit', '不能移动本人所在单位', 'parentId');
      }
      const newParent = await units.findUnitInScope(trx, actor, input.parentId);
      if (!newParent)
        throw invalid('UNIT_PARENT_UNKNOWN', 'new parent unit not found', '新的上级单位不存在或无权访问', 'parentId');
      if (isInSubtree(newParent.path, before.path)) {
        throw invalid(
          'UNIT_MOVE_CYCLE',
          'a unit cannot move below itself',
          '不能把单位移到其自身或下级单位之下',
          'parentId',
        );
      }
      await units.moveSubtree(trx, before, newParent);
    }
    const after = (await units.findUnitById(trx, id))!;
    await appendAudit(trx, actor, { action: 'update', entity: 'unit', entityId: id, unitId: id, before, after });
    return after;
  });
}

export async function closeUnit(db: Db, actor: Actor, id: number): Promise<Unit> {
  assertCan(actor, 'units.manage');
  return db.transaction().execute(async (trx) => {
    const before = await units.findUnitInScope(trx, actor, id);
    if (!before) throw notFound('unit', '单位');
    if (before.closedAt) return before;
    if (before.id === actor.unitId)
      throw invalid('UNIT_CLOSE_OWN', 'you cannot close your own unit', '不能撤销本人所在单位');
    const open = await units.countOpenChildren(trx, id);
    if (open > 0) {
      throw invalid('UNIT_HAS_OPEN_CHILDREN', `close its ${open} sub-units first`, `请先撤销其下属的${open}个单位`);
    }
    const closedAt = await units.closeUnit(trx, id);
    const after = { ...before, closedAt };
    await appendAudit(trx, actor, { action: 'close', entity: 'unit', entityId: id, unitId: id, before, after });
    return after;
  });
}

export interface RegionImportResult {
  root: Unit;
  created: number;
  towns: number;
  villages: number;
}

/**
 * Adds a GB/T 2260 region with everything below it (320614 → 海门区, 22 towns, 307 villages), with
 * the region codes as unit codes. It goes under `parentId`, else under the unit holding the parent
 * region's code, else (system only) as a new root. All or nothing: one transaction.
 */
export async function addRegion(
  db: Db,
  actor: Actor,
  code: string,
  parentId: number | null = null,
): Promise<RegionImportResult> {
  assertCan(actor, 'units.manage');
  const tree = loadRegionTree(code);
  const codes = collectCodes(tree);
  const result = await db.transaction().execute(async (trx) => {
    const taken = await units.existingUnitCodes(trx, codes);
    if (taken.length > 0) {
      throw invalid(
        'REGION_ALREADY_ADDED',
        `region ${tree.code} ${tree.name} overlaps units already present (codes ${taken.slice(0, 5).join(', ')}${taken.length > 5 ? ' …' : ''})`,
        `行政区划${tree.code}${tree.name}与已有单位重复（代码${taken.slice(0, 5).join('、')}${taken.length > 5 ? '等' : ''}）`,
        'code',
      );
    }
    const parent =
      parentId !== null ? await resolveParent(trx, actor, parentId) : await defaultRegionParent(trx, actor, tree.code);
    const root = await units.insertUnit(
      trx,
      { parentId: parent?.id ?? null, code: tree.code, name: tree.name, kind: tree.kind, regionCode: tree.code },
      parent,
    );
    await insertRegionChildren(trx, root, tree);
    const result: RegionImportResult = {
      root,
      created: countRegionNodes(tree),
      towns: tree.kind === 'district' ? tree.children.length : 0,
      villages: tree.kind === 'district' ? tree.children.reduce((n, town) => n + town.children.length, 0) : 0,
    };
    await appendAudit(trx, actor, {
      action: 'add-region',
      entity: 'unit',
      entityId: root.id,
      unitId: root.id,
      after: { code: tree.code, name: tree.name, created: result.created },
    });
    return result;
  });
  // hundreds of units at once: the planner's picture of the tree must follow (scoped queries join it)
  await refreshStatistics(db, ['unit']);
  return result;
}

async function defaultRegionParent(
  db: Parameters<typeof units.findUnitInScope>[0],
  actor: Actor,
  code: string,
): Promise<Unit | null> {
  for (let parentCode = parentRegionCode(code); parentCode; parentCode = parentRegionCode(parentCode)) {
    const parent = await units.findUnitByCodeInScope(db, actor, parentCode);
    if (parent) return parent;
  }
  if (isSystem(actor)) return (await units.findFirstRoot(db)) ?? null;
  return resolveParent(db, actor, actor.unitId);
}

async function insertRegionChildren(
  db: Parameters<typeof units.insertChildUnits>[0],
  parent: Unit,
  node: RegionNode,
): Promise<void> {
  if (node.children.length === 0) return;
  const inserted = await units.insertChildUnits(
    db,
    parent,
    node.children.map((child) => ({ code: child.code, name: child.name, kind: child.kind, regionCode: child.code })),
  );
  for (const [index, child] of node.children.entries()) {
    await insertRegionChildren(db, inserted[index]!, child);
  }
}

function collectCodes(node: RegionNode): string[] {
  return [node.code, ...node.children.flatMap(collectCodes)];
}
