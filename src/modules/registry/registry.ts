/** The registry's shapes: people, households, hardship files, blacklist. Pure, no I/O. */

export const DEFAULT_RELATION = '户主';

export interface PersonSummary {
  id: number;
  name: string;
  idMasked: string;
  birthDate: string;
  age: number;
  sex: 'male' | 'female';
  phone: string | null;
  unitId: number;
  unitName: string;
  categories: string[];
  householdId: number;
}

export interface HardshipRecord {
  id: number;
  cause: string | null;
  monthlyIncomeFen: number | null;
  illness: string | null;
  disability: string | null;
  notes: string | null;
  recordedAt: string;
  recordedBy: string;
}

export interface Household {
  id: number;
  unitId: number;
  address: string | null;
  phone: string | null;
  size: number | null;
}

export interface PersonDetail extends PersonSummary {
  relation: string;
  household: Household;
  householdMembers: { id: number; name: string; relation: string; idMasked: string }[];
  hardship: HardshipRecord[]; // newest first: the timeline
  blacklist: BlacklistEntry[];
  campaigns: {
    nominationId: number;
    campaignId: number;
    campaignName: string;
    year: number;
    categoryName: string;
    status: string;
    /** frozen at approval; null before */
    amountFen: number | null;
  }[];
  /** the other person is named only when inside the reader's unit subtree (otherOutsideScope otherwise) */
  duplicateFlags: {
    id: number;
    otherPersonId: number | null;
    otherName: string | null;
    otherOutsideScope: boolean;
    reason: string;
    status: string;
  }[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface DuplicateSide {
  id: number;
  name: string;
  idMasked: string;
  birthDate: string;
  unitName: string;
  phone: string | null;
  address: string | null;
}

/** A flagged pair as one reader sees it: `person` is in their subtree; `other` only when it is too. */
export interface DuplicatePair {
  id: number;
  reason: string;
  status: string;
  createdAt: string;
  person: DuplicateSide;
  other: DuplicateSide | null;
  otherOutsideScope: boolean;
}

export interface BlacklistEntry {
  id: number;
  subjectKind: 'person' | 'unit';
  personId: number | null;
  personName: string | null;
  targetUnitId: number | null;
  targetUnitName: string | null;
  reason: string;
  until: string;
  createdBy: string;
  createdAt: string;
  liftedAt: string | null;
}

export type DuplicatePolicy = 'skip' | 'update';

export type PossibleDuplicateReason = 'name-birth-unit' | 'phone-address';

export const POSSIBLE_DUPLICATE_LABELS_ZH: Record<PossibleDuplicateReason, string> = {
  'name-birth-unit': '同名（拼音）同出生日期同单位',
  'phone-address': '同电话同住址',
};

/** Addresses compare without spaces and punctuation, full-width folded, so "海门镇 1号" = "海门镇1号". */
export function addressKey(address: string | null): string | null {
  if (!address) return null;
  const key = address
    .normalize('NFKC')
    .replace(/[\s,，.。、;；:：\-—#()（）]/g, '')
    .toLowerCase();
  return key.length > 0 ? key : null;
}

/** Same name (pinyin), birth date and unit: the first possible-duplicate check. */
export function nameBirthKey(namePinyin: string, birthDate: string, unitId: number): string {
  return `${namePinyin}|${birthDate}|${unitId}`;
}

/** Same phone and same household address: the second possible-duplicate check. */
export function phoneAddressKey(phone: string | null, address: string | null): string | null {
  return phone && address ? `${phone}|${address}` : null;
}

/** The possible-duplicate keys of a person after an edit, from what changed and what stayed. */
export function duplicateKeysAfterEdit(
  before: { namePinyin: string; birthDate: string; unitId: number; phone: string | null; address: string | null },
  changes: { namePinyin?: string; unitId?: number; phone?: string | null; address?: string | null },
): { name_birth_key: string; phone_address_key: string | null } {
  const namePinyin = changes.namePinyin ?? before.namePinyin;
  const unitId = changes.unitId ?? before.unitId;
  const phone = changes.phone !== undefined ? changes.phone : before.phone;
  const address = changes.address !== undefined ? changes.address : before.address;
  return {
    name_birth_key: nameBirthKey(namePinyin, before.birthDate, unitId),
    phone_address_key: phoneAddressKey(phone, addressKey(address)),
  };
}

export function normalizePhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.normalize('NFKC').replace(/[\s-]/g, '');
  return digits.length > 0 ? digits : null;
}

export const PHONE_PATTERN = /^(1\d{10}|0\d{2,3}\d{7,8}|\d{7,8})$/;

export function isBlacklistActive(entry: Pick<BlacklistEntry, 'until' | 'liftedAt'>, today: string): boolean {
  return entry.liftedAt === null && entry.until >= today;
}
