/** 审核: names waiting in review, approved, returned or rejected in batches (return/reject need a reason). */
import { App, Button, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { CheckOutlined, CloseOutlined, ReloadOutlined, RollbackOutlined } from '@ant-design/icons';
import { useState, type HTMLAttributes } from 'react';
import { useI18n } from '../../../app/i18n.ts';
import { useApiError } from '../../../app/use-api-error.tsx';
import { reviewNominations, type Nomination, type ReviewAction } from '../api/identification-api.ts';
import { useNominationPage } from '../hooks/use-nomination-page.ts';

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
  const [asking, setAsking] = useState<Exclude<ReviewAction, 'approve'> | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  const act = async (action: ReviewAction, reason?: string) => {
    setIsBusy(true);
    try {
      await reviewNominations(campaignId, { ids: selected, action, reason });
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

  return (
    <div data-testid="ident-review">
      <Space style={{ marginBottom: 12 }} wrap>
        {canReview && (
          <>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              disabled={selected.length === 0}
              loading={isBusy && asking === null}
              onClick={() => void act('approve')}
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
        dataSource={list.data?.nominations ?? []}
        pagination={{ ...pagination, showTotal: (total) => t('ident.nom.total', { n: total }) }}
        locale={{ emptyText: t('ident.review.empty') }}
        data-testid="review-table"
        rowSelection={
          canReview ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) } : undefined
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
                <Tag color="blue">{chainLabels[row.stepIndex] ?? t('ident.nom.stepN', { n: row.stepIndex + 1 })}</Tag>
              ) : null,
          },
        ]}
      />
      <Modal
        open={asking !== null}
        title={asking ? t('ident.review.reasonTitle', { action: actionLabel(asking) }) : ''}
        onCancel={() => setAsking(null)}
        onOk={() =>
          void form
            .validateFields()
            .then((values) => (asking ? act(asking, values.reason.trim()) : undefined))
            .catch(() => undefined)
        }
        confirmLoading={isBusy}
        okButtonProps={{ danger: asking === 'reject', 'data-testid': 'review-reason-submit' }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('ident.nom.reason')}
            rules={[{ required: true, whitespace: true, message: t('ident.nom.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="review-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
