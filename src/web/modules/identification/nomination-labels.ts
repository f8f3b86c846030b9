/** Status words and colours for nominations (the Chinese labels come from the domain module). */
import {
  NOMINATION_STATE_LABELS_ZH,
  NOMINATION_STATUSES,
  type NominationStatus,
} from '../../../modules/identification/nomination-state.ts';
import type { Lang } from '../../app/i18n.ts';

export { NOMINATION_STATUSES };

const LABELS_EN: Record<NominationStatus, string> = {
  nominated: 'nominated',
  verifying: 'being verified',
  verified: 'verified',
  'rejected-by-verification': 'failed verification',
  'in-review': 'in review',
  returned: 'returned',
  rejected: 'rejected',
  approved: 'approved',
  noticed: 'on notice',
  'removed-by-objection': 'removed after objection',
  final: 'final',
  'removed-by-correction': 'removed by correction',
  withdrawn: 'withdrawn',
};

const COLORS: Record<NominationStatus, string> = {
  nominated: 'default',
  verifying: 'processing',
  verified: 'cyan',
  'rejected-by-verification': 'error',
  'in-review': 'blue',
  returned: 'warning',
  rejected: 'error',
  approved: 'success',
  noticed: 'purple',
  'removed-by-objection': 'magenta',
  final: 'green',
  'removed-by-correction': 'magenta',
  withdrawn: 'default',
};

export function nominationStatusLabel(status: NominationStatus, lang: Lang): string {
  return lang === 'en' ? LABELS_EN[status] : NOMINATION_STATE_LABELS_ZH[status];
}

export function nominationStatusColor(status: NominationStatus): string {
  return COLORS[status];
}
