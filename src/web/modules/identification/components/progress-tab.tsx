/**
 * 进度: per unit, how far the list has come against its quota, each name counted once by the server
 * in the state it is in now, and who is behind the first deadline; the organiser can bar a unit whose
 * report was found false from next year's campaign (篇四).
 */
import { App, Button, Form, Input, Modal, Progress, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n.ts';
import { useApiData } from '../../../app/use-api-data.ts';
import { useSubmit } from '../../../app/use-submit.ts';
import { getProgress, reportFalseSubmission, type ProgressRow } from '../api/identification-api.ts';
import { ProgressTotals } from './progress-totals.tsx';
import { deadlineDay, progressBarOf, removalsOf } from '../progress-display.ts';

const COUNT_COLUMNS = ['quota', 'notSent', 'inVerification', 'inReview', 'approved', 'noticed', 'final'] as const;

export function ProgressTab({
  campaignId,
  generation,
  canBar,
}: {
  campaignId: number;
  generation: number;
  /** the organiser: may bar a unit that reported falsely */
  canBar: boolean;
}) {
  const { t, lang } = useI18n();
  const progress = useApiData((signal) => getProgress(campaignId, signal), [campaignId, generation]);
  const [barring, setBarring] = useState<ProgressRow | null>(null);
  const count = (key: (typeof COUNT_COLUMNS)[number]) => ({
    title: t(`ident.progress.${key}`),
    dataIndex: key,
    align: 'right' as const,
  });

  return (
    <div data-testid="ident-progress">
      <Space style={{ marginBottom: 12 }}>
        <Button icon={<ReloadOutlined />} onClick={progress.reload} data-testid="progress-refresh">
          {t('common.refresh')}
        </Button>
      </Space>
      <ProgressTotals rows={progress.data ?? []} />
      <Table<ProgressRow>
        size="small"
        rowKey="unitId"
        loading={progress.isLoading}
        dataSource={progress.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        data-testid="progress-table"
        columns={[
          { title: t('ident.quotas.unit'), dataIndex: 'unitName' },
          ...COUNT_COLUMNS.map(count),
          {
            title: t('ident.progress.removed'),
            align: 'right' as const,
            render: (_value, row) => {
              const reasons = removalsOf(row);
              const total = <span data-testid={`progress-removed-${row.unitId}`}>{row.removed.total}</span>;
              if (reasons.length === 0) return total;
              return (
                <Tooltip
                  title={reasons
                    .map(({ reason, n }) =>
                      t('ident.progress.removedReason', { reason: t(`ident.progress.removed.${reason}`), n }),
                    )
                    .join('；')}
                >
                  <Typography.Text underline style={{ cursor: 'help' }}>
                    {total}
                  </Typography.Text>
                </Tooltip>
              );
            },
          },
          {
            title: t('ident.progress.firstDeadline'),
            render: (_value, row) => <FirstDeadlineTag row={row} date={(day) => deadlineDay(day, lang)} />,
          },
          {
            title: t('ident.progress.bar'),
            width: 200,
            render: (_value, row) => {
              const bar = progressBarOf(row);
              return (
                <Progress
                  size="small"
                  percent={bar.percent}
                  success={{ percent: bar.successPercent }}
                  format={() => bar.text}
                  data-testid={`progress-bar-${row.unitId}`}
                />
              );
            },
          },
          ...(canBar
            ? [
                {
                  title: t('common.actions'),
                  render: (_value: unknown, row: ProgressRow) => (
                    <Button
                      type="link"
                      size="small"
                      danger
                      icon={<StopOutlined />}
                      onClick={() => setBarring(row)}
                      data-testid={`false-report-${row.unitId}`}
                    >
                      {t('ident.false.action')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FalseReportModal campaignId={campaignId} unit={barring} onClose={() => setBarring(null)} />
    </div>
  );
}

/** Behind (late, how many missing), on track, or — before the day — how many are due by it. */
function FirstDeadlineTag({ row, date }: { row: ProgressRow; date(day: string): string }) {
  const { t } = useI18n();
  const standing = row.firstDeadline;
  if (!standing || standing.required === 0) return null;
  const testId = `progress-deadline-${row.unitId}`;
  if (standing.isLate) {
    return (
      <Tag color="error" data-testid={testId}>
        {t('ident.progress.late', { missing: standing.missing })}
      </Tag>
    );
  }
  if (standing.hasPassed) {
    return (
      <Tag color="success" data-testid={testId}>
        {t('ident.progress.onTime')}
      </Tag>
    );
  }
  return (
    <Typography.Text type="secondary" data-testid={testId}>
      {t('ident.progress.due', { date: date(standing.deadline), required: standing.required })}
    </Typography.Text>
  );
}

function FalseReportModal({
  campaignId,
  unit,
  onClose,
}: {
  campaignId: number;
  unit: ProgressRow | null;
  onClose(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const { isBusy, run } = useSubmit(form);

  const submit = async () => {
    if (!unit) return;
    const values = await form.validateFields();
    await run(async () => {
      await reportFalseSubmission(campaignId, { unitId: unit.unitId, reason: values.reason.trim() });
      message.success(t('ident.false.done', { unit: unit.unitName }));
      onClose();
    });
  };

  return (
    <Modal
      open={unit !== null}
      title={unit ? t('ident.false.title', { unit: unit.unitName }) : ''}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={isBusy}
      okButtonProps={{ danger: true, 'data-testid': 'false-report-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('ident.false.help')}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('ident.false.reason')}
          rules={[{ required: true, whitespace: true, message: t('ident.nom.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={400} data-testid="false-report-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
