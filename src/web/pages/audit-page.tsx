import { Button, Form, Input, Result, Select, Space, Typography } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useAuth } from '../app/auth.tsx';
import { useI18n } from '../app/i18n.ts';
import { useApiData } from '../app/use-api-data.ts';
import { useApiError } from '../app/use-api-error.tsx';
import { listAudit, type AuditEntry, type AuditQuery } from '../modules/audit/api/audit-api.ts';
import { AUDIT_ENTITIES, AuditTable, useAuditLabels } from '../modules/audit/components/audit-table.tsx';

const PAGE_SIZE = 100;

export function AuditPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  if (!can('audit.read'))
    return <Result status="403" title={t('error.forbidden')} subTitle={t('audit.noPermission')} />;
  return <AuditLog />;
}

function AuditLog() {
  const { t } = useI18n();
  const labels = useAuditLabels();
  const showError = useApiError();
  const [query, setQuery] = useState<AuditQuery>({});
  const first = useApiData(
    (signal) => listAudit({ ...query, limit: PAGE_SIZE }, signal),
    [query.entity, query.entityId],
  );
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [isLoadingMore, setIsLoadingMore] = useState(false);

  useEffect(() => {
    setEntries(first.data ?? []);
    setHasMore((first.data?.length ?? 0) === PAGE_SIZE);
  }, [first.data]);

  if (first.error)
    return (
      <Result
        status="warning"
        title={first.error.message}
        extra={<Button onClick={first.reload}>{t('common.retry')}</Button>}
      />
    );

  const loadMore = async () => {
    const last = entries[entries.length - 1];
    if (!last) return;
    setIsLoadingMore(true);
    try {
      const more = await listAudit({ ...query, limit: PAGE_SIZE, beforeId: last.id });
      setEntries((current) => [...current, ...more]);
      setHasMore(more.length === PAGE_SIZE);
    } catch (error) {
      showError(error);
    } finally {
      setIsLoadingMore(false);
    }
  };

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('audit.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('audit.subtitle')}</Typography.Text>
        </div>
        <Button icon={<ReloadOutlined />} onClick={first.reload}>
          {t('common.refresh')}
        </Button>
      </Space>
      <Form
        layout="inline"
        style={{ marginBottom: 16 }}
        onFinish={(values: { entity?: string; entityId?: string }) =>
          setQuery({ entity: values.entity || undefined, entityId: values.entityId?.trim() || undefined })
        }
      >
        <Form.Item name="entity" label={t('audit.entityCol')}>
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('audit.allEntities')}
            options={AUDIT_ENTITIES.map((entity) => ({ value: entity, label: labels.entity(entity) }))}
          />
        </Form.Item>
        <Form.Item name="entityId" label={t('audit.entityId')}>
          <Input style={{ width: 120 }} allowClear />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" icon={<SearchOutlined />}>
            {t('common.search')}
          </Button>
        </Form.Item>
      </Form>
      <AuditTable entries={entries} isLoading={first.isLoading} />
      {hasMore && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => void loadMore()} loading={isLoadingMore}>
            {t('audit.loadMore')}
          </Button>
        </div>
      )}
    </div>
  );
}
