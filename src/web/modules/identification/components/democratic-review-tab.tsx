/**
 * 民主评议 (篇二): the meeting where residents' representatives and the committee go through the
 * unit's names — its date, who took part, and the decision on each name, which also joins that
 * name's history.
 */
import { App, Button, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useAccount } from '../../../app/auth.tsx';
import { useI18n } from '../../../app/i18n.ts';
import { useApiData } from '../../../app/use-api-data.ts';
import { useSubmit } from '../../../app/use-submit.ts';
import type { Unit } from '../../org/api/org-api.ts';
import { UnitPicker } from '../../org/components/unit-tree.tsx';
import { todayInShanghai } from '../../registry/registry-labels.ts';
import {
  listDemocraticReviews,
  listNominations,
  recordDemocraticReview,
  type DemocraticReview,
  type Nomination,
  type NominationStatus,
} from '../api/identification-api.ts';

/** Names still being decided on: a meeting does not revisit a list already approved or struck out. */
const UNDER_DISCUSSION: readonly NominationStatus[] = ['nominated', 'verifying', 'verified', 'returned'];

export function DemocraticReviewTab({
  campaignId,
  units,
  canRecord,
}: {
  campaignId: number;
  units: Unit[];
  canRecord: boolean;
}) {
  const { t } = useI18n();
  const reviews = useApiData((signal) => listDemocraticReviews(campaignId, signal), [campaignId]);
  const [isOpen, setIsOpen] = useState(false);

  return (
    <div data-testid="ident-democratic">
      <Space style={{ marginBottom: 12 }} wrap>
        {canRecord && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsOpen(true)} data-testid="democratic-open">
            {t('ident.dem.record')}
          </Button>
        )}
        <Button icon={<ReloadOutlined />} onClick={reviews.reload}>
          {t('common.refresh')}
        </Button>
      </Space>
      <Table<DemocraticReview>
        size="small"
        rowKey="id"
        loading={reviews.isLoading}
        dataSource={reviews.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('ident.dem.empty') }}
        scroll={{ x: 'max-content' }}
        data-testid="democratic-table"
        columns={[
          { title: t('ident.dem.heldOn'), dataIndex: 'heldOn' },
          { title: t('ident.quotas.unit'), dataIndex: 'unitName' },
          {
            title: t('ident.dem.participants'),
            dataIndex: 'participants',
            render: (value: string) => <div style={{ maxWidth: 320, whiteSpace: 'pre-wrap' }}>{value}</div>,
          },
          {
            title: t('ident.dem.decisions'),
            render: (_value, row) => {
              const agreed = row.decisions.filter((decision) => decision.agreed).length;
              return (
                <Space size={4}>
                  <Tag color="green">{t('ident.dem.agreedN', { n: agreed })}</Tag>
                  {row.decisions.length > agreed && (
                    <Tag color="red">{t('ident.dem.disagreedN', { n: row.decisions.length - agreed })}</Tag>
                  )}
                </Space>
              );
            },
          },
          { title: t('ident.dem.recordedBy'), dataIndex: 'recordedBy' },
        ]}
      />
      <MeetingModal
        open={isOpen}
        campaignId={campaignId}
        units={units}
        onClose={() => setIsOpen(false)}
        onDone={() => {
          setIsOpen(false);
          reviews.reload();
        }}
      />
    </div>
  );
}

interface MeetingValues {
  unitId: number;
  heldOn: string;
  participants: string;
  decisions?: Record<string, { agreed?: boolean; note?: string }>;
}

function MeetingModal({
  open,
  campaignId,
  units,
  onClose,
  onDone,
}: {
  open: boolean;
  campaignId: number;
  units: Unit[];
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const account = useAccount();
  const [form] = Form.useForm<MeetingValues>();
  const { isBusy, run } = useSubmit(form);
  const unitId = Form.useWatch('unitId', form) as number | undefined;
  const names = useApiData(
    (signal) =>
      open && unitId
        ? listNominations(campaignId, { unitId, pageSize: 500 }, signal).then((page) =>
            page.nominations.filter((row) => row.unitId === unitId && UNDER_DISCUSSION.includes(row.status)),
          )
        : Promise.resolve([] as Nomination[]),
    [campaignId, unitId, open],
  );
  const rows = names.data ?? [];

  const submit = async () => {
    const values = await form.validateFields();
    if (rows.length === 0) {
      message.warning(t('ident.dem.noNames'));
      return;
    }
    await run(async () => {
      await recordDemocraticReview(campaignId, {
        unitId: values.unitId,
        heldOn: values.heldOn,
        participants: values.participants.trim(),
        decisions: rows.map((row) => {
          const decision = values.decisions?.[String(row.id)];
          const note = decision?.note?.trim();
          return { nominationId: row.id, agreed: decision?.agreed !== false, ...(note ? { note } : {}) };
        }),
      });
      message.success(t('ident.dem.recorded'));
      onDone();
    });
  };

  return (
    <Modal
      open={open}
      title={t('ident.dem.record')}
      width={720}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={isBusy}
      okButtonProps={{ 'data-testid': 'democratic-submit' }}
      destroyOnHidden
    >
      <Form<MeetingValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ unitId: account.unitId, heldOn: todayInShanghai() }}
      >
        <Space wrap align="start">
          <Form.Item
            name="unitId"
            label={t('ident.quotas.unit')}
            rules={[{ required: true, message: t('ident.nom.unitRequired') }]}
          >
            <UnitPicker units={units} testId="democratic-unit" />
          </Form.Item>
          <Form.Item
            name="heldOn"
            label={t('ident.dem.heldOn')}
            rules={[{ required: true, message: t('ident.nom.required') }]}
          >
            <Input type="date" data-testid="democratic-date" />
          </Form.Item>
        </Space>
        <Form.Item
          name="participants"
          label={t('ident.dem.participants')}
          rules={[{ required: true, whitespace: true, message: t('ident.nom.required') }]}
        >
          <Input.TextArea
            rows={2}
            maxLength={1000}
            placeholder={t('ident.dem.participantsHint')}
            data-testid="democratic-participants"
          />
        </Form.Item>
        <Typography.Text strong>{t('ident.dem.decisions')}</Typography.Text>
        <Table<Nomination>
          size="small"
          rowKey="id"
          loading={names.isLoading}
          dataSource={rows}
          pagination={false}
          scroll={{ y: 320 }}
          locale={{ emptyText: t('ident.dem.noNames') }}
          data-testid="democratic-names"
          columns={[
            { title: t('ident.nom.col.name'), dataIndex: 'name' },
            { title: t('ident.nom.col.category'), dataIndex: 'categoryName' },
            {
              title: t('ident.dem.decision'),
              render: (_value, row) => (
                <Form.Item name={['decisions', String(row.id), 'agreed']} initialValue={true} noStyle>
                  <Radio.Group size="small" optionType="button" data-testid={`democratic-decision-${row.id}`}>
                    <Radio value={true}>{t('ident.dem.agree')}</Radio>
                    <Radio value={false} data-testid={`democratic-disagree-${row.id}`}>
                      {t('ident.dem.disagree')}
                    </Radio>
                  </Radio.Group>
                </Form.Item>
              ),
            },
            {
              title: t('ident.dem.note'),
              render: (_value, row) => (
                <Form.Item name={['decisions', String(row.id), 'note']} noStyle>
                  <Input size="small" maxLength={200} data-testid={`democratic-note-${row.id}`} />
                </Form.Item>
              ),
            },
          ]}
        />
      </Form>
    </Modal>
  );
}
