import { Typography } from 'antd';
import { useI18n } from '../../../app/i18n.ts';
import type { DuplicateSide } from '../api/registry-api.ts';

/** Phone and address: what tells two people of the same name and birthday apart, or shows them one. */
export function ContactLine({ side }: { side: DuplicateSide }) {
  const { t } = useI18n();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
      {t('registry.duplicates.phone')}：{side.phone ?? t('registry.duplicates.noValue')} ·{' '}
      {t('registry.duplicates.address')}：{side.address ?? t('registry.duplicates.noValue')}
    </Typography.Text>
  );
}
