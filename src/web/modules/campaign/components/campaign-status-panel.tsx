/**
 * A closed campaign's notice (everything is frozen) with the reopen action for the organiser's
 * superior, and the campaign's status history: each close and reopening, who, when and why.
 */
import { Alert, App, Button, Form, Input, Modal, Timeline, Typography } from 'antd';
import { UnlockOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n.ts';
import { useApiData } from '../../../app/use-api-data.ts';
import { useSubmit } from '../../../app/use-submit.ts';
import { getCampaignHistory, reopenCampaign, type CampaignView } from '../api/campaign-api.ts';
import { statusLabel } from '../campaign-labels.ts';

export function ClosedCampaignAlert({
  view,
  onReopened,
}: {
  view: CampaignView;
  onReopened(view: CampaignView): void;
}) {
  const { t } = useI18n();
  const [isOpen, setIsOpen] = useState(false);
  if (view.campaign.status !== 'closed') return null;
  return (
    <>
      <Alert
        type="info"
        showIcon
        title={t('editor.closed')}
        style={{ marginBottom: 12 }}
        data-testid="editor-closed"
        action={
          view.canReopen ? (
            <Button icon={<UnlockOutlined />} onClick={() => setIsOpen(true)} data-testid="campaign-reopen">
              {t('editor.reopen')}
            </Button>
          ) : undefined
        }
      />
      {isOpen && (
        <ReopenModal
          campaignId={view.campaign.id}
          onClose={() => setIsOpen(false)}
          onDone={(reopened) => {
            setIsOpen(false);
            onReopened(reopened);
          }}
        />
      )}
    </>
  );
}

function ReopenModal({
  campaignId,
  onClose,
  onDone,
}: {
  campaignId: number;
  onClose(): void;
  onDone(view: CampaignView): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const { isBusy, run } = useSubmit(form);

  const submit = async () => {
    const values = await form.validateFields();
    await run(async () => {
      const view = await reopenCampaign(campaignId, values.reason.trim());
      message.success(t('editor.reopened'));
      onDone(view);
    });
  };

  return (
    <Modal
      open
      title={t('editor.reopenTitle')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={isBusy}
      okButtonProps={{ 'data-testid': 'reopen-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('editor.reopenHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('editor.reopenReason')}
          rules={[{ required: true, whitespace: true, message: t('editor.reopenReasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="reopen-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The status history; `version` reloads it after a save or a reopening. */
export function CampaignHistory({ campaignId, version }: { campaignId: number; version: number }) {
  const { t } = useI18n();
  const history = useApiData((signal) => getCampaignHistory(campaignId, signal), [campaignId, version]);
  const events = history.data ?? [];
  return (
    <div style={{ marginTop: 16 }} data-testid="campaign-history">
      <Typography.Text strong>{t('editor.history')}</Typography.Text>
      {events.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('editor.historyEmpty')}
        </Typography.Paragraph>
      ) : (
        <Timeline
          style={{ marginTop: 12 }}
          items={events.map((event) => ({
            content: (
              <span>
                {chinaTime(event.at)}{' '}
                {t('editor.historyLine', {
                  actor: event.actor,
                  from: statusLabel(event.fromStatus, t),
                  to: statusLabel(event.toStatus, t),
                })}
                {event.reason ? `（${event.reason}）` : ''}
              </span>
            ),
          }))}
        />
      )}
    </div>
  );
}

const CHINA_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'short',
});

/** Times are stored in UTC and shown as they read in Beijing. */
function chinaTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : CHINA_TIME.format(date);
}
