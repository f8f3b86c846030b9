/** Words and colours the registry screens share: sexes, problem kinds, duplicate reasons, dates in Beijing time. */
import type { Translate } from '../../app/i18n.ts';
import type { BlacklistEntry, ImportProblemKind, PossibleDuplicateReason } from './api/registry-api.ts';

const SHANGHAI = 'Asia/Shanghai';

/** "2026/12/28 14:05" in Beijing time, whatever the computer's clock zone. */
export function formatDateTime(at: string | null | undefined): string {
  if (!at) return '';
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return date.toLocaleString('zh-CN', {
    timeZone: SHANGHAI,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

/** Today in Beijing as YYYY-MM-DD (a bar "until 2027-01-31" is still on that day). */
export function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: SHANGHAI }).format(new Date());
}

export function sexLabel(sex: 'male' | 'female', t: Translate): string {
  return sex === 'male' ? t('registry.sex.male') : t('registry.sex.female');
}

export function duplicateReasonLabel(reason: string, t: Translate): string {
  if (reason === 'name-birth-unit') return t('registry.dupReason.name-birth-unit');
  if (reason === 'phone-address') return t('registry.dupReason.phone-address');
  return reason;
}

export const DUPLICATE_REASONS: readonly PossibleDuplicateReason[] = ['name-birth-unit', 'phone-address'];

/** Rows the import refuses (red), rows it leaves out as repeats (orange/gold), rows it updates (blue). */
export function problemKindColor(kind: ImportProblemKind | string): string {
  switch (kind) {
    case 'duplicate-in-file':
      return 'orange';
    case 'duplicate-in-registry':
      return 'gold';
    case 'duplicate-updated':
      return 'blue';
    default:
      return 'red';
  }
}

export function isRejectionKind(kind: string): boolean {
  return !kind.startsWith('duplicate-');
}

const KNOWN_KINDS: readonly ImportProblemKind[] = [
  'bad-cell',
  'missing-name',
  'bad-id',
  'unknown-unit',
  'unknown-category',
  'bad-phone',
  'bad-household-size',
  'too-long',
  'duplicate-in-file',
  'duplicate-in-registry',
  'duplicate-updated',
];

export function problemKindLabel(kind: string, t: Translate): string {
  return (KNOWN_KINDS as readonly string[]).includes(kind) ? t(`registry.kind.${kind as ImportProblemKind}`) : kind;
}

export type BlacklistState = 'active' | 'lifted' | 'expired';

export function blacklistState(entry: Pick<BlacklistEntry, 'until' | 'liftedAt'>, today: string): BlacklistState {
  if (entry.liftedAt) return 'lifted';
  return entry.until >= today ? 'active' : 'expired';
}

export function blacklistStateColor(state: BlacklistState): string {
  return state === 'active' ? 'red' : 'default';
}

/** "person 12" in an import problem: the registry record the row repeats, when the importer can see it. */
export function matchedPersonId(matches: string | null): number | null {
  const found = matches ? /^person (\d+)$/.exec(matches) : null;
  return found ? Number(found[1]) : null;
}
