/**
 * 推荐 (篇八): families the public recommended land here with the unit's clerk, who takes one up as a
 * nomination (from the registry, with the checklist and consent; the recommender then leads the
 * visit) or declines it with a reason. The recommender follows the answer by tracking code.
 */
import { App, Button, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useState, type HTMLAttributes } from 'react';
import { useI18n } from '../../../app/i18n.ts';
import { useApiData } from '../../../app/use-api-data.ts';
import { useSubmit } from '../../../app/use-submit.ts';
import type { CampaignCategory } from '../../campaign/api/campaign-api.ts';
import {
  handleRecommendation,
  listRecommendations,
  publicRecommendPath,
  type CategorySetting,
  type Recommendation,
} from '../api/identification-api.ts';
import { NominationFields, nominationBody, type NominationValues } from './nominate-modal.tsx';

type Handling = { kind: 'accept' | 'decline'; row: Recommendation } | null;

const STATUS_COLORS: Record<Recommendation['status'], string> = {
  open: 'orange',
  accepted: 'green',
  declined: 'default',
};

export function RecommendationsTab({
  campaignId,
  categories,
  categorySettings,
  canHandle,
  onChanged,
}: {
  campaignId: number;
  categories: CampaignCategory[];
  categorySettings: CategorySetting[];
  canHandle: boolean;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const list = useApiData((signal) => listRecommendations(campaignId, signal), [campaignId]);
  const [handling, setHandling] = useState<Handling>(null);

  return (
    <div data-testid="ident-recommendations">
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text type="secondary">{t('ident.rec.help')}</Typography.Text>
        <a href={publicRecommendPath(campaignId)} target="_blank" rel="noreferrer" data-testid="recommend-public-link">
          {t('ident.rec.publicLink')}
        </a>
        <Button icon={<ReloadOutlined />} onClick={list.reload} data-testid="recommendations-refresh">
          {t('common.refresh')}
        </Button>
      </Space>
      <Table<Recommendation>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('ident.rec.empty') }}
        scroll={{ x: 'max-content' }}
        data-testid="recommendations-table"
        onRow={(row) => ({ 'data-testid': `recommendation-row-${row.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('ident.quotas.unit'), dataIndex: 'unitName' },
          { title: t('ident.rec.family'), dataIndex: 'familyName' },
          { title: t('ident.rec.address'), dataIndex: 'address' },
          {
            title: t('ident.rec.situation'),
            dataIndex: 'situation',
            render: (value: string) => <div style={{ maxWidth: 320, whiteSpace: 'pre-wrap' }}>{value}</div>,
          },
          {
            title: t('ident.rec.recommender'),
            render: (_value, row) => `${row.recommenderName}（${row.recommenderContact}）`,
          },
          {
            title: t('ident.objections.status'),
            render: (_value, row) => (
              <Tag color={STATUS_COLORS[row.status] ?? 'default'}>{t(`ident.rec.status.${row.status}`)}</Tag>
            ),
          },
          { title: t('ident.rec.note'), dataIndex: 'note', render: (value: string | null) => value ?? '' },
          {
            title: t('common.actions'),
            render: (_value, row) =>
              canHandle && row.status === 'open' ? (
                <Space size={0}>
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setHandling({ kind: 'accept', row })}
                    data-testid={`recommendation-accept-${row.id}`}
                  >
                    {t('ident.rec.accept')}
                  </Button>
                  <Button
                    type="link"
                    size="small"
                    danger
                    onClick={() => setHandling({ kind: 'decline', row })}
                    data-testid={`recommendation-decline-${row.id}`}
                  >
                    {t('ident.rec.decline')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <HandleModal
        campaignId={campaignId}
        handling={handling}
        categories={categories}
        categorySettings={categorySettings}
        onClose={() => setHandling(null)}
        onDone={() => {
          setHandling(null);
          list.reload();
          onChanged();
        }}
      />
    </div>
  );
}

interface HandleValues extends Omit<NominationValues, 'unitId'> {
  note: string;
}

function HandleModal({
  campaignId,
  handling,
  categories,
  categorySettings,
  onClose,
  onDone,
}: {
  campaignId: number;
  handling: Handling;
  categories: CampaignCategory[];
  categorySettings: CategorySetting[];
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<HandleValues>();
  const { isBusy, run } = useSubmit(form);
  const accepting = handling?.kind === 'accept';

  const submit = async () => {
    if (!handling) return;
    const values = await form.validateFields();
    await run(async () => {
      await handleRecommendation(campaignId, handling.row.id, {
        accepted: accepting,
        note: values.note.trim(),
        ...(accepting ? { nomination: nominationBody(values, categorySettings) } : {}),
      });
      message.success(accepting ? t('ident.rec.accepted') : t('ident.rec.declined'));
      onDone();
    });
  };

  const row = handling?.row;
  return (
    <Modal
      open={handling !== null}
      title={row ? t(accepting ? 'ident.rec.acceptTitle' : 'ident.rec.declineTitle', { name: row.familyName }) : ''}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={isBusy}
      okButtonProps={{ danger: !accepting, 'data-testid': 'recommendation-submit' }}
      destroyOnHidden
    >
      {row && (
        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
          {row.unitName} · {row.address}
          {'\n'}
          {row.situation}
        </Typography.Paragraph>
      )}
      <Form<HandleValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          consent: false,
          note: accepting && row ? t('ident.rec.defaultNote', { name: row.recommenderName }) : '',
        }}
      >
        {accepting && <NominationFields categories={categories} categorySettings={categorySettings} />}
        <Form.Item
          name="note"
          label={accepting ? t('ident.rec.note') : t('ident.nom.reason')}
          rules={[{ required: true, whitespace: true, message: t('ident.nom.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="recommendation-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
