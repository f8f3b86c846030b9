import type { Role } from '../../../../modules/org/roles.ts';
import type { Unit, UnitKind } from '../../../../modules/org/unit.ts';
import { apiFetch } from '../../../app/api-client.ts';
import type { SessionAccount } from '../../../app/auth.tsx';

export type { Role, Unit, UnitKind };

export interface AccountView extends SessionAccount {
  lockedUntil: string | null;
  disabled: boolean;
}

export interface RoleOption {
  role: Role;
  labelZh: string;
}

export interface RegionImportResult {
  root: Unit;
  created: number;
  towns: number;
  villages: number;
}

export async function listUnits(signal?: AbortSignal): Promise<Unit[]> {
  return (await apiFetch<{ units: Unit[] }>('/api/units', { signal })).units;
}

export async function getUnit(id: number, signal?: AbortSignal): Promise<Unit> {
  return (await apiFetch<{ unit: Unit }>(`/api/units/${id}`, { signal })).unit;
}

export async function createUnit(input: {
  parentId: number;
  name: string;
  kind: UnitKind;
  code?: string | null;
}): Promise<Unit> {
  return (await apiFetch<{ unit: Unit }>('/api/units', { method: 'POST', body: input })).unit;
}

export async function updateUnit(
  id: number,
  patch: { name?: string; code?: string | null; parentId?: number },
): Promise<Unit> {
  return (await apiFetch<{ unit: Unit }>(`/api/units/${id}`, { method: 'PATCH', body: patch })).unit;
}

export async function closeUnit(id: number): Promise<Unit> {
  return (await apiFetch<{ unit: Unit }>(`/api/units/${id}/close`, { method: 'POST' })).unit;
}

export async function addRegion(code: string, parentId?: number): Promise<RegionImportResult> {
  return apiFetch<RegionImportResult>('/api/units/regions', {
    method: 'POST',
    body: parentId ? { code, parentId } : { code },
  });
}

export async function listRoles(signal?: AbortSignal): Promise<RoleOption[]> {
  return (await apiFetch<{ roles: RoleOption[] }>('/api/roles', { signal })).roles;
}

export async function listAccounts(signal?: AbortSignal): Promise<AccountView[]> {
  return (await apiFetch<{ accounts: AccountView[] }>('/api/accounts', { signal })).accounts;
}

export async function createAccount(input: {
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  password?: string;
}): Promise<{ account: AccountView; oneTimePassword: string | null }> {
  return apiFetch('/api/accounts', { method: 'POST', body: input });
}

export async function resetAccountPassword(id: number): Promise<string> {
  return (await apiFetch<{ oneTimePassword: string }>(`/api/accounts/${id}/reset-password`, { method: 'POST' }))
    .oneTimePassword;
}

export async function setAccountDisabled(id: number, disabled: boolean): Promise<AccountView> {
  return (
    await apiFetch<{ account: AccountView }>(`/api/accounts/${id}/disabled`, { method: 'POST', body: { disabled } })
  ).account;
}
