import type { Translate } from '../../app/i18n.ts';
import type { Role, Unit, UnitKind } from './api/org-api.ts';

export const UNIT_KIND_OPTIONS: readonly UnitKind[] = [
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
];

export function unitKindLabel(kind: UnitKind, t: Translate): string {
  return t(`unitKind.${kind}`);
}

export function roleLabel(role: string, t: Translate): string {
  const known: readonly Role[] = ['admin', 'organiser', 'reviewer', 'clerk', 'visitor', 'supervisor'];
  return (known as readonly string[]).includes(role) ? t(`role.${role as Role}`) : role;
}

/** The kind a new child most likely has: a town's children are villages or communities, and so on. */
export function suggestedChildKind(parent: Unit | undefined): UnitKind {
  switch (parent?.kind) {
    case 'province':
      return 'city';
    case 'city':
      return 'district';
    case 'district':
      return 'town';
    case 'town':
      return 'village';
    case 'group':
      return 'subsidiary';
    case 'subsidiary':
      return 'department';
    default:
      return 'other';
  }
}

/** "南通市 / 海门区 / 三厂街道": the names from the top of what this account can see. */
export function unitPathNames(unit: Unit, byId: Map<number, Unit>): string[] {
  const ids = unit.path.split('/').filter(Boolean).map(Number);
  return ids.map((id) => byId.get(id)?.name).filter((name): name is string => !!name);
}
