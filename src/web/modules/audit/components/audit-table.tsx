import { Col, Empty, Row, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useI18n, type MessageKey } from '../../../app/i18n.ts';
import type { AuditEntry } from '../api/audit-api.ts';

/** Times are stored in UTC and read in China's time, whatever the browser's zone. */
export function formatShanghaiTime(at: string): string {
  return new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });
}

const KNOWN_ACTIONS = [
  'create',
  'update',
  'delete',
  'close',
  'add-region',
  'export',
  'import',
  'sign-in',
  'change-password',
  'reset-password',
  'update-unit-plans',
  'update-by-import',
  'view-id-number',
  'merge',
  'lift',
  'dismiss-duplicate',
] as const;
const KNOWN_ENTITIES = ['unit', 'account', 'campaign', 'item', 'person', 'registry', 'blacklist'] as const;

export function useAuditLabels() {
  const { t } = useI18n();
  return {
    action: (action: string) =>
      (KNOWN_ACTIONS as readonly string[]).includes(action) ? t(`audit.action.${action}` as MessageKey) : action,
    entity: (entity: string) =>
      (KNOWN_ENTITIES as readonly string[]).includes(entity) ? t(`audit.entity.${entity}` as MessageKey) : entity,
  };
}

export const AUDIT_ENTITIES = KNOWN_ENTITIES;

function JsonBlock({ value }: { value: unknown }) {
  const { t } = useI18n();
  if (value === null || value === undefined)
    return <Typography.Text type="secondary">{t('audit.none')}</Typography.Text>;
  return <pre className="wn-json">{JSON.stringify(value, null, 2)}</pre>;
}

export function AuditTable({ entries, isLoading }: { entries: AuditEntry[]; isLoading: boolean }) {
  const { t } = useI18n();
  const labels = useAuditLabels();
  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      key: 'at',
      width: 190,
      render: (at: string) => <span data-testid="audit-time">{formatShanghaiTime(at)}</span>,
    },
    { title: t('audit.actor'), dataIndex: 'actor', key: 'actor', width: 140 },
    {
      title: t('audit.actionCol'),
      dataIndex: 'action',
      key: 'action',
      width: 140,
      render: (action: string) => <Tag>{labels.action(action)}</Tag>,
    },
    {
      title: t('audit.entityCol'),
      key: 'entity',
      render: (_v, entry) => (
        <span>
          {labels.entity(entry.entity)}
          {entry.entityId !== null && <Typography.Text type="secondary"> #{entry.entityId}</Typography.Text>}
        </span>
      ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', key: 'ip', width: 140, render: (ip: string | null) => ip ?? '' },
  ];
  return (
    <Table<AuditEntry>
      data-testid="audit-table"
      rowKey="id"
      size="small"
      loading={isLoading}
      dataSource={entries}
      columns={columns}
      pagination={false}
      style={{ background: '#fff', borderRadius: 8 }}
      locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
      expandable={{
        rowExpandable: (entry) => entry.before != null || entry.after != null,
        expandedRowRender: (entry) => (
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Typography.Text strong>{t('audit.before')}</Typography.Text>
              <JsonBlock value={entry.before} />
            </Col>
            <Col xs={24} md={12}>
              <Typography.Text strong>{t('audit.after')}</Typography.Text>
              <JsonBlock value={entry.after} />
            </Col>
          </Row>
        ),
      }}
    />
  );
}
