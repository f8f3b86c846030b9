import { Typography } from 'antd';
import { useI18n } from '../../../app/i18n.ts';

/** The other side of a possible duplicate that lies outside the reader's units: no name, no id, only whom to ask. */
export function OutsideScopeNote() {
  const { t } = useI18n();
  return (
    <Typography.Text type="secondary" data-testid="duplicate-outside-scope">
      {t('registry.duplicates.outsideScope')}
    </Typography.Text>
  );
}
