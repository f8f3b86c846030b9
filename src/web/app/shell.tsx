import { Button, Layout, Menu, Space, Tag, Tooltip, Typography, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  FlagOutlined,
  ImportOutlined,
  LogoutOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useState, type ReactNode } from 'react';
import { roleLabel } from '../modules/org/unit-labels.ts';
import { registryMenuItems, selectedMenuKey } from '../modules/registry/components/registry-menu.tsx';
import { useAccount, useAuth } from './auth.tsx';
import { useI18n } from './i18n.ts';
import { LanguageSwitch } from './language-switch.tsx';
import { navigate, useLocation } from './router.tsx';

const { Header, Sider, Content } = Layout;

/** The signed-in frame: side menu by permission, who is working and for which unit. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const account = useAccount();
  const { can, signOut } = useAuth();
  const { pathname } = useLocation();
  const [isCollapsed, setIsCollapsed] = useState(false);

  const items: NonNullable<MenuProps['items']> = [
    { key: '/campaigns', icon: <FlagOutlined />, label: <span data-testid="nav-campaigns">{t('nav.campaigns')}</span> },
    ...(can('campaigns.manage')
      ? [
          {
            key: '/plans/import',
            icon: <ImportOutlined />,
            label: <span data-testid="nav-import">{t('nav.import')}</span>,
          },
        ]
      : []),
    { key: '/units', icon: <ApartmentOutlined />, label: <span data-testid="nav-units">{t('nav.units')}</span> },
    ...(can('accounts.manage')
      ? [
          {
            key: '/accounts',
            icon: <TeamOutlined />,
            label: <span data-testid="nav-accounts">{t('nav.accounts')}</span>,
          },
        ]
      : []),
    ...(can('audit.read')
      ? [{ key: '/audit', icon: <AuditOutlined />, label: <span data-testid="nav-audit">{t('nav.audit')}</span> }]
      : []),
    ...registryMenuItems(t, can),
  ];
  const selected = selectedMenuKey(items, pathname);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        collapsible
        collapsed={isCollapsed}
        onCollapse={setIsCollapsed}
        breakpoint="lg"
        theme="light"
        style={{ borderRight: '1px solid #f0f0f0' }}
      >
        <div
          style={{
            height: 56,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            gap: 8,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <span style={{ fontSize: 22, fontWeight: 700, color: '#d4380d' }}>温暖</span>
          {!isCollapsed && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('app.shortTagline')}
            </Typography.Text>
          )}
        </div>
        <Menu
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          items={items}
          onClick={({ key }) => navigate(key)}
          style={{ borderRight: 0 }}
          data-testid="side-menu"
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'flex-end',
            gap: 16,
            borderBottom: '1px solid #f0f0f0',
            height: 56,
            lineHeight: '56px',
          }}
        >
          <Space size={8} data-testid="current-user" wrap={false}>
            <UserOutlined />
            <Typography.Text strong data-testid="current-user-name">
              {account.displayName}
            </Typography.Text>
            <Typography.Text type="secondary" data-testid="current-user-unit">
              {account.unitName}
            </Typography.Text>
            <Tag color="volcano" data-testid="current-user-role">
              {roleLabel(account.role, t)}
            </Tag>
          </Space>
          <LanguageSwitch />
          <Tooltip title={t('shell.signOut')}>
            <Button icon={<LogoutOutlined />} onClick={() => void signOut()} data-testid="sign-out">
              {t('shell.signOut')}
            </Button>
          </Tooltip>
        </Header>
        <Content style={{ padding: 24, minWidth: 0 }}>{children}</Content>
      </Layout>
    </Layout>
  );
}
