/**
 * 限制名单: people and units barred from relief until a date (e.g. after a false report, 篇四).
 * Everyone with the registry can read it; only blacklist.manage adds or lifts.
 */
import {
  App,
  Button,
  Empty,
  Popconfirm,
  Result,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined, ReloadOutlined, UnlockOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useAuth } from '../app/auth.tsx';
import { useI18n } from '../app/i18n.ts';
import { Link } from '../app/router.tsx';
import { useApiData } from '../app/use-api-data.ts';
import { useApiError } from '../app/use-api-error.tsx';
import { useUnits } from '../modules/org/hooks/use-units.ts';
import { liftBlacklistEntry, listBlacklist, type BlacklistEntry } from '../modules/registry/api/registry-api.ts';
import { BlacklistModal } from '../modules/registry/components/blacklist-modal.tsx';
import {
  blacklistState,
  blacklistStateColor,
  formatDateTime,
  todayInShanghai,
} from '../modules/registry/registry-labels.ts';

type Shown = 'active' | 'all';

export function RegistryBlacklistPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  if (!can('registry.read'))
    return <Result status="403" title={t('error.forbidden')} subTitle={t('registry.noPermission')} />;
  return <Blacklist />;
}

function Blacklist() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const [shown, setShown] = useState<Shown>('active');
  const { data, error, isLoading, reload } = useApiData((signal) => listBlacklist(shown === 'active', signal), [shown]);
  const { units } = useUnits();
  const [isAddOpen, setIsAddOpen] = useState(false);
  const [busyId, setBusyId] = useState<number | null>(null);
  const canManage = can('blacklist.manage');
  const today = todayInShanghai();

  const lift = async (entry: BlacklistEntry) => {
    setBusyId(entry.id);
    try {
      await liftBlacklistEntry(entry.id);
      message.success(t('registry.blacklist.lifted'));
      reload();
    } catch (cause) {
      showError(cause);
    } finally {
      setBusyId(null);
    }
  };

  const columns: TableColumnsType<BlacklistEntry> = [
    {
      title: t('registry.blacklist.subject'),
      key: 'subject',
      width: 220,
      render: (_value, entry) =>
        entry.subjectKind === 'person' ? (
          <Space size={6}>
            <Tag color="blue">{t('registry.blacklist.kind.person')}</Tag>
            {entry.personId ? (
              <Link to={`/registry/people/${entry.personId}`}>{entry.personName ?? `#${entry.personId}`}</Link>
            ) : (
              entry.personName
            )}
          </Space>
        ) : (
          <Space size={6}>
            <Tag color="purple">{t('registry.blacklist.kind.unit')}</Tag>
            {entry.targetUnitName}
          </Space>
        ),
    },
    { title: t('registry.blacklist.reason'), dataIndex: 'reason', key: 'reason' },
    { title: t('registry.blacklist.until'), dataIndex: 'until', key: 'until', width: 120 },
    {
      title: t('registry.duplicates.status'),
      key: 'state',
      width: 100,
      render: (_value, entry) => {
        const state = blacklistState(entry, today);
        return <Tag color={blacklistStateColor(state)}>{t(`registry.blacklist.state.${state}`)}</Tag>;
      },
    },
    {
      title: t('registry.blacklist.createdBy'),
      key: 'created',
      width: 180,
      render: (_value, entry) => (
        <div>
          <div>{entry.createdBy}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(entry.createdAt)}
          </Typography.Text>
        </div>
      ),
    },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            render: (_value: unknown, entry: BlacklistEntry) =>
              blacklistState(entry, today) === 'active' ? (
                <Popconfirm
                  title={t('registry.blacklist.liftConfirm')}
                  okText={t('registry.blacklist.lift')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => lift(entry)}
                >
                  <Button
                    size="small"
                    icon={<UnlockOutlined />}
                    loading={busyId === entry.id}
                    data-testid={`blacklist-lift-${entry.id}`}
                  >
                    {t('registry.blacklist.lift')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('registry.blacklist.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('registry.blacklist.subtitle')}</Typography.Text>
        </div>
        <Space wrap>
          <Segmented<Shown>
            value={shown}
            onChange={setShown}
            options={[
              { value: 'active', label: t('registry.blacklist.showActive') },
              { value: 'all', label: t('registry.blacklist.showAll') },
            ]}
            data-testid="blacklist-shown"
          />
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {t('common.refresh')}
          </Button>
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setIsAddOpen(true)}
              data-testid="blacklist-add"
            >
              {t('registry.blacklist.add')}
            </Button>
          )}
        </Space>
      </Space>
      {error ? (
        <Result status="warning" title={error.message} extra={<Button onClick={reload}>{t('common.retry')}</Button>} />
      ) : (
        <Table<BlacklistEntry>
          rowKey="id"
          loading={isLoading}
          dataSource={data ?? []}
          columns={columns}
          pagination={(data?.length ?? 0) > 20 ? { pageSize: 20 } : false}
          locale={{
            emptyText: (
              <Empty
                description={shown === 'active' ? t('registry.blacklist.noneActive') : t('registry.blacklist.none')}
              />
            ),
          }}
          style={{ background: '#fff', borderRadius: 8 }}
          data-testid="blacklist-table"
        />
      )}
      <BlacklistModal
        open={isAddOpen}
        units={units}
        onClose={() => setIsAddOpen(false)}
        onAdded={() => {
          setIsAddOpen(false);
          reload();
        }}
      />
    </div>
  );
}
