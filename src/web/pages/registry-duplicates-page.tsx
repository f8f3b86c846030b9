/**
 * 疑似重复: pairs the registry found alike (same name in pinyin, birth date and unit; or same phone and
 * address). A clerk merges them (choosing the record to keep) or says they are different people.
 * Below, addresses registered under more than one unit.
 */
import {
  App,
  Button,
  Card,
  Empty,
  Popconfirm,
  Result,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { MergeCellsOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useAuth } from '../app/auth.tsx';
import { useI18n } from '../app/i18n.ts';
import { Link } from '../app/router.tsx';
import { useApiData } from '../app/use-api-data.ts';
import { useApiError } from '../app/use-api-error.tsx';
import {
  listDuplicates,
  listHouseholdWarnings,
  isVisiblePair,
  resolveDuplicate,
  type DuplicatePair,
  type DuplicateSide,
  type HouseholdWarning,
  type VisiblePair,
} from '../modules/registry/api/registry-api.ts';
import { MergeModal } from '../modules/registry/components/merge-modal.tsx';
import { ContactLine } from '../modules/registry/components/contact-line.tsx';
import { OutsideScopeNote } from '../modules/registry/components/outside-scope-note.tsx';
import { duplicateReasonLabel, formatDateTime } from '../modules/registry/registry-labels.ts';

export function RegistryDuplicatesPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  if (!can('registry.read'))
    return <Result status="403" title={t('error.forbidden')} subTitle={t('registry.noPermission')} />;
  return <Duplicates />;
}

export function PersonCell({ side }: { side: DuplicateSide }) {
  const { t } = useI18n();
  return (
    <div>
      <Link to={`/registry/people/${side.id}`} data-testid={`duplicate-person-${side.id}`}>
        <strong>{side.name}</strong>
      </Link>
      <div style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 12 }}>{side.idMasked}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('registry.duplicates.born', { date: side.birthDate })} · {side.unitName}
      </Typography.Text>
      <ContactLine side={side} />
    </div>
  );
}

function Duplicates() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const pairs = useApiData((signal) => listDuplicates(signal), []);
  const warnings = useApiData((signal) => listHouseholdWarnings(signal), []);
  const [merging, setMerging] = useState<VisiblePair | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);
  const canWrite = can('registry.write');

  const dismiss = async (pair: DuplicatePair) => {
    setBusyId(pair.id);
    try {
      await resolveDuplicate(pair.id, 'dismiss');
      message.success(t('registry.duplicates.dismissed'));
      pairs.reload();
    } catch (error) {
      showError(error);
      pairs.reload();
    } finally {
      setBusyId(null);
    }
  };

  const columns: TableColumnsType<DuplicatePair> = [
    {
      title: t('registry.duplicates.reason'),
      dataIndex: 'reason',
      key: 'reason',
      width: 200,
      render: (reason: string) => <Tag color="orange">{duplicateReasonLabel(reason, t)}</Tag>,
    },
    {
      title: t('registry.duplicates.recordA'),
      key: 'person',
      render: (_value, pair) => <PersonCell side={pair.person} />,
    },
    {
      title: t('registry.duplicates.recordB'),
      key: 'other',
      render: (_value, pair) => (pair.other ? <PersonCell side={pair.other} /> : <OutsideScopeNote />),
    },
    {
      title: t('registry.duplicates.foundAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 150,
      render: (at: string) => formatDateTime(at),
    },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 220,
            // the unit above, which sees both sides, resolves a pair reaching outside the reader's subtree
            render: (_value: unknown, pair: DuplicatePair) =>
              isVisiblePair(pair) && (
                <Space wrap>
                  <Button
                    size="small"
                    type="primary"
                    icon={<MergeCellsOutlined />}
                    onClick={() => setMerging(pair)}
                    data-testid={`duplicate-merge-${pair.id}`}
                  >
                    {t('registry.duplicates.merge')}
                  </Button>
                  <Popconfirm
                    title={t('registry.duplicates.dismissConfirm')}
                    description={t('registry.duplicates.dismissHelp')}
                    okText={t('registry.duplicates.dismiss')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => dismiss(pair)}
                  >
                    <Button
                      size="small"
                      icon={<StopOutlined />}
                      loading={busyId === pair.id}
                      data-testid={`duplicate-dismiss-${pair.id}`}
                    >
                      {t('registry.duplicates.dismiss')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]
      : []),
  ];

  const warningColumns: TableColumnsType<HouseholdWarning> = [
    { title: t('registry.household.address'), dataIndex: 'address', key: 'address' },
    {
      title: t('registry.duplicates.unitCount'),
      dataIndex: 'units',
      key: 'units',
      width: 140,
      render: (units: number) => <Tag color="red">{t('registry.duplicates.unitsN', { count: units })}</Tag>,
    },
  ];

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('registry.duplicates.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('registry.duplicates.subtitle')}</Typography.Text>
        </div>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            pairs.reload();
            warnings.reload();
          }}
        >
          {t('common.refresh')}
        </Button>
      </Space>
      {pairs.error ? (
        <Result
          status="warning"
          title={pairs.error.message}
          extra={<Button onClick={pairs.reload}>{t('common.retry')}</Button>}
        />
      ) : (
        <Table<DuplicatePair>
          rowKey="id"
          loading={pairs.isLoading}
          dataSource={pairs.data ?? []}
          columns={columns}
          pagination={(pairs.data?.length ?? 0) > 20 ? { pageSize: 20 } : false}
          locale={{ emptyText: <Empty description={t('registry.duplicates.noValue')} /> }}
          style={{ background: '#fff', borderRadius: 8 }}
          data-testid="duplicate-table"
        />
      )}
      <Card
        size="small"
        title={t('registry.duplicates.warningsTitle')}
        style={{ marginTop: 24 }}
        data-testid="household-warnings"
      >
        <Typography.Paragraph type="secondary">{t('registry.duplicates.warningsHelp')}</Typography.Paragraph>
        <Table<HouseholdWarning>
          rowKey="address"
          size="small"
          loading={warnings.isLoading}
          dataSource={warnings.data ?? []}
          columns={warningColumns}
          pagination={(warnings.data?.length ?? 0) > 20 ? { pageSize: 20 } : false}
          locale={{ emptyText: t('registry.duplicates.noWarnings') }}
        />
      </Card>
      {merging && (
        <MergeModal
          pair={merging}
          onClose={() => setMerging(null)}
          onMerged={() => {
            setMerging(null);
            pairs.reload();
            warnings.reload();
          }}
        />
      )}
    </div>
  );
}
