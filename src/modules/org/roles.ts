/** Roles and what each may do. Scoping to the unit subtree is separate (scope.ts): a permission here is
 * always exercised inside the account's own subtree. */
export const ROLES = ['admin', 'organiser', 'reviewer', 'clerk', 'visitor', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS_ZH: Record<Role, string> = {
  admin: '系统管理员',
  organiser: '组织者',
  reviewer: '审核人',
  clerk: '单位经办人',
  visitor: '走访人员',
  supervisor: '监督员（只读）',
};

export type Permission =
  | 'units.manage'
  | 'accounts.manage'
  | 'campaigns.manage'
  | 'campaigns.read'
  | 'unitPlans.manage'
  | 'items.manage'
  | 'audit.read'
  | 'registry.read'
  | 'registry.write'
  | 'registry.import'
  | 'registry.revealId'
  | 'blacklist.manage'
  | 'categories.manage'
  | 'quotas.manage'
  | 'nominations.manage'
  | 'nominations.verify'
  | 'nominations.review';

export const PERMISSIONS: readonly Permission[] = [
  'units.manage',
  'accounts.manage',
  'campaigns.manage',
  'campaigns.read',
  'unitPlans.manage',
  'items.manage',
  'audit.read',
  'registry.read',
  'registry.write',
  'registry.import',
  'registry.revealId',
  'blacklist.manage',
  'categories.manage',
  'quotas.manage',
  'nominations.manage',
  'nominations.verify',
  'nominations.review',
];

const REGISTRY_STAFF: readonly Permission[] = [
  'registry.read',
  'registry.write',
  'registry.import',
  'registry.revealId',
];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  organiser: [
    'units.manage',
    'campaigns.manage',
    'campaigns.read',
    'unitPlans.manage',
    'items.manage',
    ...REGISTRY_STAFF,
    'blacklist.manage',
    'categories.manage',
    'quotas.manage',
    'nominations.manage',
    'nominations.verify',
    'nominations.review',
  ],
  reviewer: ['campaigns.read', 'registry.read', 'registry.revealId', 'nominations.review'],
  // a town clerk splits the town's quota among its villages; village clerks nominate and visit
  clerk: ['campaigns.read', ...REGISTRY_STAFF, 'quotas.manage', 'nominations.manage', 'nominations.verify'],
  // visitors find the household and its address; the full ID number is not theirs to see
  visitor: ['campaigns.read', 'registry.read', 'nominations.verify'],
  supervisor: ['campaigns.read', 'audit.read', 'registry.read'],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
