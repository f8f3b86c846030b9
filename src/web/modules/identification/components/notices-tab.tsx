/**
 * 公示: publish the approved names (one notice per unit), open each unit's public page, lock the list
 * once the notice period is over, and answer the objections the public raised.
 */
import { App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import { LockOutlined, NotificationOutlined, ReloadOutlined } from '@ant-design/icons';
import { useState, type HTMLAttributes } from 'react';
import { useI18n } from '../../../app/i18n.ts';
import { useApiData } from '../../../app/use-api-data.ts';
import { useApiError } from '../../../app/use-api-error.tsx';
import { useSubmit } from '../../../app/use-submit.ts';
import { todayInShanghai } from '../../registry/registry-labels.ts';
import {
  answerObjection,
  listNotices,
  listObjections,
  lockNotice,
  publishNotices,
  type NoticeItem,
  type NoticeStatus,
  type Objection,
} from '../api/identification-api.ts';

const STATUS_COLORS: Record<NoticeStatus, string> = { open: 'processing', ended: 'warning', locked: 'success' };

export function NoticesTab({
  campaignId,
  canPublish,
  onChanged,
}: {
  campaignId: number;
  canPublish: boolean;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useApiError();
  const notices = useApiData((signal) => listNotices(campaignId, signal), [campaignId]);
  const objections = useApiData((signal) => listObjections(campaignId, signal), [campaignId]);
  const { isBusy: isPublishing, run } = useSubmit();
  const [locking, setLocking] = useState<number | null>(null);
  const [answering, setAnswering] = useState<Objection | null>(null);

  const publish = async () => {
    await run(async () => {
      const published = await publishNotices(campaignId);
      message.success(t('ident.notice.published', { n: published.length }));
      notices.reload();
      onChanged();
    });
  };

  const lock = async (noticeId: number) => {
    setLocking(noticeId);
    try {
      await lockNotice(campaignId, noticeId);
      message.success(t('ident.notice.locked'));
      onChanged();
    } catch (error) {
      showError(error);
    } finally {
      setLocking(null);
      notices.reload();
    }
  };

  const list: NoticeItem[] = notices.data ?? [];

  return (
    <div data-testid="ident-notices">
      {canPublish && (
        <div>
          <Popconfirm title={t('ident.notice.publishConfirm')} onConfirm={() => void publish()}>
            <Button
              type="primary"
              icon={<NotificationOutlined />}
              loading={isPublishing}
              style={{ marginBottom: 12 }}
              data-testid="notice-publish"
            >
              {t('ident.notice.publish')}
            </Button>
          </Popconfirm>
        </div>
      )}
      {list.length === 0 ? (
        <Typography.Paragraph type="secondary" data-testid="notice-none">
          {notices.isLoading ? '' : t('ident.notice.none')}
        </Typography.Paragraph>
      ) : (
        <Space wrap align="start" style={{ display: 'flex', marginBottom: 16 }} data-testid="notice-list">
          {list.map((notice) => (
            <Card
              key={notice.id}
              size="small"
              title={notice.unitName}
              style={{ width: 320 }}
              data-testid={`notice-card-${notice.id}`}
              extra={
                <Tag color={STATUS_COLORS[notice.status]} data-testid={`notice-status-${notice.id}`}>
                  {t(`ident.notice.status.${notice.status}`)}
                </Tag>
              }
            >
              <Typography.Paragraph style={{ marginBottom: 4 }}>{notice.period.textZh}</Typography.Paragraph>
              <Typography.Paragraph style={{ marginBottom: 8 }} data-testid={`notice-names-${notice.id}`}>
                {t('ident.notice.names', { n: notice.names })}
                {notice.openObjections > 0 && (
                  <Tag color="orange" style={{ marginLeft: 8 }}>
                    {t('ident.notice.openObjections', { n: notice.openObjections })}
                  </Tag>
                )}
              </Typography.Paragraph>
              <Space wrap>
                <a href={notice.publicPath} target="_blank" rel="noreferrer" data-testid={`notice-link-${notice.id}`}>
                  {t('ident.notice.open')}
                </a>
                {canPublish && notice.status !== 'locked' && (
                  <Button
                    size="small"
                    icon={<LockOutlined />}
                    loading={locking === notice.id}
                    onClick={() => void lock(notice.id)}
                    data-testid={`notice-lock-${notice.id}`}
                  >
                    {t('ident.notice.lock')}
                  </Button>
                )}
              </Space>
            </Card>
          ))}
        </Space>
      )}
      <Space style={{ display: 'flex', marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('ident.objections.title')}
        </Typography.Title>
        <Button
          size="small"
          icon={<ReloadOutlined />}
          onClick={() => {
            objections.reload();
            notices.reload();
          }}
          data-testid="objections-refresh"
        >
          {t('common.refresh')}
        </Button>
      </Space>
      <Table<Objection>
        size="small"
        rowKey="id"
        loading={objections.isLoading}
        dataSource={objections.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('ident.objections.empty')} /> }}
        scroll={{ x: 'max-content' }}
        data-testid="objections-table"
        onRow={(row) => ({ 'data-testid': `objection-row-${row.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('ident.objections.kind'),
            dataIndex: 'kind',
            render: (kind: Objection['kind']) => (
              <Tag color={kind === 'left-out' ? 'gold' : 'red'}>{t(`ident.objections.kind.${kind}`)}</Tag>
            ),
          },
          { title: t('ident.quotas.unit'), dataIndex: 'unitName' },
          {
            title: t('ident.objections.about'),
            dataIndex: 'personName',
            render: (value: string | null) => value ?? '',
          },
          {
            title: t('ident.objections.text'),
            dataIndex: 'text',
            render: (value: string) => <div style={{ maxWidth: 360, whiteSpace: 'pre-wrap' }}>{value}</div>,
          },
          { title: t('ident.objections.contact'), dataIndex: 'contact', render: (value: string | null) => value ?? '' },
          { title: t('ident.objections.createdAt'), dataIndex: 'createdAt', render: formatTime },
          {
            title: t('ident.objections.status'),
            dataIndex: 'status',
            render: (status: string) => (
              <Tag color={status === 'open' ? 'orange' : status === 'sustained' ? 'red' : 'default'}>
                <ObjectionStatusText status={status} />
              </Tag>
            ),
          },
          {
            title: t('ident.objections.answer'),
            render: (_value, row) =>
              row.answer ? (
                <div style={{ maxWidth: 300, whiteSpace: 'pre-wrap' }}>{row.answer}</div>
              ) : canPublish ? (
                <Button size="small" onClick={() => setAnswering(row)} data-testid={`objection-answer-${row.id}`}>
                  {t('ident.objections.answer')}
                </Button>
              ) : null,
          },
        ]}
      />
      <AnswerModal
        campaignId={campaignId}
        objection={answering}
        onClose={() => setAnswering(null)}
        onDone={() => {
          setAnswering(null);
          objections.reload();
          notices.reload();
          onChanged();
        }}
      />
    </div>
  );
}

/** open / sustained / dismissed in words; anything newer as the server wrote it. */
export function ObjectionStatusText({ status }: { status: string }) {
  const { t } = useI18n();
  if (status === 'open' || status === 'sustained' || status === 'dismissed')
    return <>{t(`ident.objections.status.${status}`)}</>;
  return <>{status}</>;
}

function formatTime(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(date);
}

interface AnswerValues {
  sustained: boolean;
  answer: string;
  visitedOn?: string;
  visitors?: string;
  findings?: string;
}

function AnswerModal({
  campaignId,
  objection,
  onClose,
  onDone,
}: {
  campaignId: number;
  objection: Objection | null;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<AnswerValues>();
  const { isBusy, run } = useSubmit(form);

  const submit = async () => {
    if (!objection) return;
    const values = await form.validateFields();
    await run(async () => {
      const visitors = values.visitors?.trim();
      await answerObjection(campaignId, objection.id, {
        sustained: values.sustained,
        answer: values.answer.trim(),
        ...(objection.nominationId && visitors
          ? {
              investigation: {
                visitedOn: values.visitedOn || todayInShanghai(),
                visitors,
                ...(values.findings?.trim() ? { findings: values.findings.trim() } : {}),
              },
            }
          : {}),
      });
      message.success(t('ident.objections.answered'));
      onDone();
    });
  };

  return (
    <Modal
      open={objection !== null}
      title={t('ident.objections.answerTitle')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={isBusy}
      okButtonProps={{ 'data-testid': 'answer-submit' }}
      destroyOnHidden
    >
      {objection && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} type="secondary">
          {objection.personName ? `${objection.personName}：` : ''}
          {objection.text}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="sustained"
          label={t('ident.objections.sustained')}
          rules={[{ required: true, message: t('ident.nom.required') }]}
        >
          <Radio.Group data-testid="answer-sustained">
            <Radio value={true} data-testid="answer-sustained-yes">
              {t('ident.objections.sustainedYes')}
            </Radio>
            <Radio value={false} data-testid="answer-sustained-no">
              {t('ident.objections.sustainedNo')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {objection?.nominationId && (
          <>
            <Typography.Text type="secondary">{t('ident.objections.investigation')}</Typography.Text>
            <Space wrap align="start" style={{ marginTop: 8 }}>
              <Form.Item name="visitedOn" label={t('ident.nom.visitedOn')}>
                <Input type="date" data-testid="answer-visited-on" />
              </Form.Item>
              <Form.Item name="visitors" label={t('ident.nom.visitors')}>
                <Input maxLength={200} data-testid="answer-visitors" />
              </Form.Item>
            </Space>
            <Form.Item name="findings" label={t('ident.visit.note')}>
              <Input.TextArea rows={2} maxLength={500} data-testid="answer-findings" />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="answer"
          label={t('ident.objections.answer')}
          rules={[{ required: true, whitespace: true, message: t('ident.nom.required') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="answer-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
