/**
 * Factories with overrides that create missing parents, so every test lives in its own unit tree
 * and no table is ever truncated.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/database.ts';
import { createAccount } from '../../src/modules/org/account.service.ts';
import type { Role } from '../../src/modules/org/roles.ts';
import { SYSTEM_ACTOR, type Actor } from '../../src/modules/org/scope.ts';
import type { Unit, UnitKind } from '../../src/modules/org/unit.ts';
import { createUnit } from '../../src/modules/org/unit.service.ts';
import { actorFromAccount } from '../../src/modules/org/account.service.ts';

export const TEST_PASSWORD = 'test-password-1';

export function uniqueSuffix(): string {
  return randomBytes(3).toString('hex');
}

export async function makeUnit(
  db: Db,
  overrides: { parent?: Unit | null; name?: string; kind?: UnitKind; code?: string | null } = {},
): Promise<Unit> {
  const parent = overrides.parent === undefined ? null : overrides.parent;
  return createUnit(db, SYSTEM_ACTOR, {
    parentId: parent?.id ?? null,
    name: overrides.name ?? `单位${uniqueSuffix()}`,
    kind: overrides.kind ?? (parent ? 'village' : 'district'),
    code: overrides.code ?? null,
  });
}

export interface TestAccount {
  username: string;
  password: string;
  actor: Actor;
  unit: Unit;
}

export async function makeAccount(
  db: Db,
  overrides: { role?: Role; unit?: Unit; username?: string } = {},
): Promise<TestAccount> {
  const unit = overrides.unit ?? (await makeUnit(db));
  const username = overrides.username ?? `u_${uniqueSuffix()}`;
  const { account } = await createAccount(db, SYSTEM_ACTOR, {
    username,
    displayName: username,
    role: overrides.role ?? 'organiser',
    unitId: unit.id,
    password: TEST_PASSWORD,
  });
  return { username, password: TEST_PASSWORD, actor: actorFromAccount(account, '127.0.0.1'), unit };
}

/** A district with a town and two villages A and B, and an account per role where asked. */
export async function makeTree(db: Db) {
  const district = await makeUnit(db, { name: '测试区', kind: 'district', code: `D${uniqueSuffix()}` });
  const town = await makeUnit(db, { parent: district, name: '测试镇', kind: 'town' });
  const villageA = await makeUnit(db, { parent: town, name: '甲村', kind: 'village' });
  const villageB = await makeUnit(db, { parent: town, name: '乙村', kind: 'village' });
  return { district, town, villageA, villageB };
}
