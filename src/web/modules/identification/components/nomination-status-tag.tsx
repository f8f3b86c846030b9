import { Tag } from 'antd';
import type { Lang } from '../../../app/i18n.ts';
import type { NominationStatus } from '../api/identification-api.ts';
import { nominationStatusColor, nominationStatusLabel } from '../nomination-labels.ts';

export function NominationStatusTag({ status, lang }: { status: NominationStatus; lang: Lang }) {
  return (
    <Tag color={nominationStatusColor(status)} data-testid={`status-${status}`}>
      {nominationStatusLabel(status, lang)}
    </Tag>
  );
}
