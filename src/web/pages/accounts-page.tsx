import { App, Button, Popconfirm, Result, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import {
  KeyOutlined,
  LockOutlined,
  PlusOutlined,
  ReloadOutlined,
  StopOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { useState } from 'react';
import { useAccount, useAuth } from '../app/auth.tsx';
import { useI18n } from '../app/i18n.ts';
import { useApiData } from '../app/use-api-data.ts';
import { useApiError } from '../app/use-api-error.tsx';
import {
  listAccounts,
  listRoles,
  resetAccountPassword,
  setAccountDisabled,
  type AccountView,
} from '../modules/org/api/org-api.ts';
import { CreateAccountModal, OneTimePasswordModal } from '../modules/org/components/account-modals.tsx';
import { useUnits } from '../modules/org/hooks/use-units.ts';
import { roleLabel } from '../modules/org/unit-labels.ts';

export function AccountsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  if (!can('accounts.manage'))
    return <Result status="403" title={t('error.forbidden')} subTitle={t('accounts.noPermission')} />;
  return <AccountsManager />;
}

function AccountsManager() {
  const { t, lang } = useI18n();
  const me = useAccount();
  const { message } = App.useApp();
  const showError = useApiError();
  const accounts = useApiData((signal) => listAccounts(signal), []);
  const roles = useApiData((signal) => listRoles(signal), []);
  const { units } = useUnits();
  const [isCreateOpen, setIsCreateOpen] = useState(false);
  const [oneTime, setOneTime] = useState<{ username: string; password: string } | null>(null);

  if (accounts.error)
    return (
      <Result
        status="warning"
        title={accounts.error.message}
        extra={<Button onClick={accounts.reload}>{t('common.retry')}</Button>}
      />
    );

  const labelOf = (role: string) =>
    lang === 'zh'
      ? (roles.data?.find((option) => option.role === role)?.labelZh ?? roleLabel(role, t))
      : roleLabel(role, t);

  const reset = async (account: AccountView) => {
    try {
      const password = await resetAccountPassword(account.id);
      setOneTime({ username: account.username, password });
      accounts.reload();
    } catch (error) {
      showError(error);
    }
  };

  const toggle = async (account: AccountView) => {
    try {
      await setAccountDisabled(account.id, !account.disabled);
      message.success(
        account.disabled
          ? t('accounts.enabled', { name: account.displayName })
          : t('accounts.disabledDone', { name: account.displayName }),
      );
      accounts.reload();
    } catch (error) {
      showError(error);
    }
  };

  const columns: TableColumnsType<AccountView> = [
    { title: t('accounts.username'), dataIndex: 'username', key: 'username' },
    { title: t('accounts.displayName'), dataIndex: 'displayName', key: 'displayName' },
    { title: t('accounts.role'), dataIndex: 'role', key: 'role', render: (role: string) => labelOf(role) },
    { title: t('accounts.unit'), dataIndex: 'unitName', key: 'unit' },
    {
      title: t('accounts.state'),
      key: 'state',
      render: (_v, account) => (
        <Space size={4} wrap>
          {account.disabled ? (
            <Tag color="default">{t('accounts.stateDisabled')}</Tag>
          ) : (
            <Tag color="green">{t('accounts.stateActive')}</Tag>
          )}
          {account.lockedUntil && new Date(account.lockedUntil) > new Date() && (
            <Tag color="orange" icon={<LockOutlined />}>
              {t('accounts.stateLocked')}
            </Tag>
          )}
          {account.mustChangePassword && <Tag color="blue">{t('accounts.stateMustChange')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_v, account) =>
        account.id === me.id ? (
          <Typography.Text type="secondary">{t('accounts.self')}</Typography.Text>
        ) : (
          <Space size={0} wrap>
            <Popconfirm
              title={t('accounts.resetConfirm', { name: account.displayName })}
              onConfirm={() => reset(account)}
            >
              <Button type="link" icon={<KeyOutlined />} data-testid={`account-reset-${account.username}`}>
                {t('accounts.reset')}
              </Button>
            </Popconfirm>
            <Popconfirm
              title={
                account.disabled
                  ? t('accounts.enableConfirm', { name: account.displayName })
                  : t('accounts.disableConfirm', { name: account.displayName })
              }
              onConfirm={() => toggle(account)}
            >
              <Button
                type="link"
                danger={!account.disabled}
                icon={account.disabled ? <UnlockOutlined /> : <StopOutlined />}
                data-testid={`account-toggle-${account.username}`}
              >
                {account.disabled ? t('accounts.enable') : t('accounts.disable')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('accounts.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('accounts.subtitle')}</Typography.Text>
        </div>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={accounts.reload}>
            {t('common.refresh')}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setIsCreateOpen(true)}
            data-testid="account-create"
          >
            {t('accounts.create')}
          </Button>
        </Space>
      </Space>
      <Table<AccountView>
        data-testid="account-table"
        rowKey="id"
        loading={accounts.isLoading}
        dataSource={accounts.data ?? []}
        columns={columns}
        pagination={(accounts.data?.length ?? 0) > 30 ? { pageSize: 30 } : false}
        style={{ background: '#fff', borderRadius: 8 }}
        locale={{ emptyText: t('accounts.empty') }}
      />
      <CreateAccountModal
        open={isCreateOpen}
        onClose={() => setIsCreateOpen(false)}
        roles={roles.data ?? []}
        units={units}
        onCreated={(account, password) => {
          setIsCreateOpen(false);
          accounts.reload();
          if (password) setOneTime({ username: account.username, password });
          else message.success(t('accounts.created', { name: account.displayName }));
        }}
      />
      <OneTimePasswordModal value={oneTime} onClose={() => setOneTime(null)} />
    </div>
  );
}
