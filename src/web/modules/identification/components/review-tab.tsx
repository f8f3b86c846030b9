/**
 * 审核: names waiting in review, approved, returned or rejected in batches. Every decision is confirmed
 * in a dialog with the reviewer's opinion (审核意见: optional when approving, the reason when returning
 * or rejecting). A step the reader cannot act on says who can.
 */
import { Alert, App, Button, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, ReloadOutlined, RollbackOutlined } from '@ant-design/icons';
import { useState, type HTMLAttributes } from 'react';
import { useI18n, type Translate } from '../../../app/i18n.ts';
import { useApiError } from '../../../app/use-api-error.tsx';
import { roleLabel } from '../../org/unit-labels.ts';
import {
  reviewNominations,
  type Nomination,
  type ReviewAction,
  type ReviewStepHolder,
} from '../api/identification-api.ts';
import { useNominationPage } from '../hooks/use-nomination-page.ts';

/** “此步骤由镇街审核人（审核人或组织者角色，三星镇）办理” */
export function stepHeldBy(step: ReviewStepHolder, t: Translate): string {
  const roles = step.roles.map((role) => roleLabel(role, t)).join(t('ident.review.or'));
  return t('ident.review.heldBy', { step: step.label, roles, unit: step.unitName });
}

export function ReviewTab({
  campaignId,
  chainLabels,
  canReview,
  onChanged,
}: {
  campaignId: number;
  chainLabels: string[];
  canReview: boolean;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useApiError();
  const [selected, setSelected] = useState<number[]>([]);
  const { list, pagination } = useNominationPage(campaignId, { status: 'in-review' }, () => setSelected([]));
  const [asking, setAsking] = useState<ReviewAction | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [form] = Form.useForm<{ opinion?: string }>();
  const rows = list.data?.nominations ?? [];
  const canAct = (row: Nomination) => canReview && row.reviewStep?.canAct !== false;
  // the steps on this page the reader cannot act on, each said once
  const heldElsewhere = [
    ...new Set(rows.filter((row) => row.reviewStep && !canAct(row)).map((row) => stepHeldBy(row.reviewStep!, t))),
  ];

  const act = async (action: ReviewAction, opinion: string | undefined) => {
    setIsBusy(true);
    try {
      await reviewNominations(campaignId, { ids: selected, action, ...(opinion ? { opinion } : {}) });
      message.success(t('ident.review.done', { n: selected.length }));
      setSelected([]);
      setAsking(null);
      list.reload();
      onChanged();
    } catch (error) {
      showError(error);
      // someone else acted meanwhile or the step is not ours: show the fresh list
      list.reload();
    } finally {
      setIsBusy(false);
    }
  };

  const actionLabel = (action: ReviewAction) => t(`ident.review.${action}`, { n: selected.length });
  const selectedRows = rows.filter((row) => selected.includes(row.id));
  const stepsOfSelection = [...new Set(selectedRows.map((row) => row.reviewStep?.label).filter(Boolean))];

  return (
    <div data-testid="ident-review">
      {heldElsewhere.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="review-held-by"
          title={heldElsewhere.length === 1 ? heldElsewhere[0] : t('ident.review.heldByMany')}
          description={
            heldElsewhere.length > 1 ? (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {heldElsewhere.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <Space style={{ marginBottom: 12 }} wrap>
        {canReview && (
          <>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              disabled={selected.length === 0}
              onClick={() => setAsking('approve')}
              data-testid="review-approve"
            >
              {actionLabel('approve')}
            </Button>
            <Button
              icon={<RollbackOutlined />}
              disabled={selected.length === 0}
              onClick={() => setAsking('return')}
              data-testid="review-return"
            >
              {actionLabel('return')}
            </Button>
            <Button
              danger
              icon={<CloseOutlined />}
              disabled={selected.length === 0}
              onClick={() => setAsking('reject')}
              data-testid="review-reject"
            >
              {actionLabel('reject')}
            </Button>
          </>
        )}
        <Button icon={<ReloadOutlined />} onClick={list.reload} data-testid="review-refresh">
          {t('common.refresh')}
        </Button>
      </Space>
      <Table<Nomination>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={rows}
        pagination={{ ...pagination, showTotal: (total) => t('ident.nom.total', { n: total }) }}
        locale={{ emptyText: t('ident.review.empty') }}
        scroll={{ x: 'max-content' }}
        data-testid="review-table"
        rowSelection={
          canReview
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as number[]),
                getCheckboxProps: (row) => ({ disabled: !canAct(row) }),
              }
            : undefined
        }
        onRow={(row) => ({ 'data-testid': `review-row-${row.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('ident.nom.col.name'), dataIndex: 'name' },
          { title: t('ident.nom.col.id'), dataIndex: 'idMasked' },
          { title: t('ident.nom.col.unit'), dataIndex: 'unitName' },
          { title: t('ident.nom.col.category'), dataIndex: 'categoryName' },
          {
            title: t('ident.nom.col.status'),
            render: (_value, row) =>
              row.stepIndex !== null ? (
                <Tag color="blue">
                  {row.reviewStep?.label ??
                    chainLabels[row.stepIndex] ??
                    t('ident.nom.stepN', { n: row.stepIndex + 1 })}
                </Tag>
              ) : null,
          },
          {
            title: t('ident.review.col.who'),
            render: (_value, row) =>
              !row.reviewStep ? null : canAct(row) ? (
                <Tag color="green">{t('ident.review.yours')}</Tag>
              ) : (
                <Typography.Text type="secondary" data-testid={`review-who-${row.id}`}>
                  {stepHeldBy(row.reviewStep, t)}
                </Typography.Text>
              ),
          },
        ]}
      />
      <Modal
        open={asking !== null}
        title={asking ? t('ident.review.confirmTitle', { action: actionLabel(asking) }) : ''}
        onCancel={() => setAsking(null)}
        onOk={() =>
          void form
            .validateFields()
            .then((values) => (asking ? act(asking, values.opinion?.trim() || undefined) : undefined))
            .catch(() => undefined)
        }
        okText={asking ? actionLabel(asking) : undefined}
        confirmLoading={isBusy}
        okButtonProps={{ danger: asking === 'reject', 'data-testid': 'review-confirm-submit' }}
        destroyOnHidden
      >
        <Typography.Paragraph data-testid="review-confirm-summary">
          {t('ident.review.confirmText', {
            n: selected.length,
            step: stepsOfSelection.join('、') || '—',
            names: selectedRows
              .slice(0, 10)
              .map((row) => row.name)
              .join('、'),
          })}
          {selectedRows.length > 10 ? t('ident.review.andMore', { n: selectedRows.length - 10 }) : ''}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="opinion"
            label={t('ident.review.opinion')}
            extra={asking === 'approve' ? t('ident.review.opinionOptional') : t('ident.review.opinionRequired')}
            rules={
              asking === 'approve'
                ? []
                : [{ required: true, whitespace: true, message: t('ident.review.opinionRequired') }]
            }
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="review-opinion" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
