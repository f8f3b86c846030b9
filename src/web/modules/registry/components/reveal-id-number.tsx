/**
 * The masked ID number, and for roles that may see it a button that asks first ("every view is
 * written to the operation log"), then shows the full number for a minute.
 */
import { App, Button, Space, Tooltip, Typography } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../app/i18n.ts';
import { useApiError } from '../../../app/use-api-error.tsx';
import { revealIdNumber } from '../api/registry-api.ts';

const SHOWN_FOR_MS = 60_000;

export function RevealIdNumber({ personId, idMasked, name }: { personId: number; idMasked: string; name: string }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { modal } = App.useApp();
  const showError = useApiError();
  const [full, setFull] = useState<string | null>(null);

  useEffect(() => {
    setFull(null);
  }, [personId]);

  useEffect(() => {
    if (!full) return;
    const timer = window.setTimeout(() => setFull(null), SHOWN_FOR_MS);
    return () => window.clearTimeout(timer);
  }, [full]);

  const ask = () => {
    modal.confirm({
      title: t('registry.reveal.confirmTitle'),
      content: (
        <div data-testid="reveal-id-confirm">
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            {t('registry.reveal.confirmText', { name })}
          </Typography.Paragraph>
          <Typography.Text type="warning">{t('registry.reveal.logged')}</Typography.Text>
        </div>
      ),
      okText: t('registry.reveal.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'reveal-id-ok' } as Record<string, string>,
      onOk: async () => {
        try {
          setFull(await revealIdNumber(personId));
        } catch (error) {
          showError(error);
        }
      },
    });
  };

  return (
    <Space size={8} wrap>
      <Typography.Text
        copyable={full ? { text: full } : false}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 15 }}
        data-testid="person-id-number"
      >
        {full ?? idMasked}
      </Typography.Text>
      {can('registry.revealId') &&
        (full ? (
          <Tooltip title={t('registry.reveal.autoHide')}>
            <Button size="small" icon={<EyeInvisibleOutlined />} onClick={() => setFull(null)} data-testid="hide-id">
              {t('registry.reveal.hide')}
            </Button>
          </Tooltip>
        ) : (
          <Button size="small" icon={<EyeOutlined />} onClick={ask} data-testid="reveal-id">
            {t('registry.reveal.button')}
          </Button>
        ))}
    </Space>
  );
}
