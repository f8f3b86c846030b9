import { Button, Grid, Layout, Menu, Space, Tag, Tooltip, Typography, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  FlagOutlined,
  ImportOutlined,
  LogoutOutlined,
  SolutionOutlined,
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

const IDENTIFICATION_PATH = '/identification';

/** The signed-in frame: side menu by permission, who is working and for which unit. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const account = useAccount();
  const { can, signOut } = useAuth();
  const { pathname } = useLocation();
  const [isCollapsed, setIsCollapsed] = useState(false);
  // on a phone the header keeps to the name, a compact language switch and an icon to sign out
  const isNarrow = Grid.useBreakpoint().md === false;

  const items: NonNullable<MenuProps['items']> = [
    { key: '/campaigns', icon: <FlagOutlined />, label: <span data-testid="nav-campaigns">{t('nav.campaigns')}</span> },
    {
      key: IDENTIFICATION_PATH,
      icon: <SolutionOutlined />,
      label: <span data-testid="nav-identification">{t('nav.identification')}</span>,
    },
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
  // a campaign's 名单识别 lives under /campaigns/:id but belongs to the 名单识别 entry
  const selected = pathname.endsWith('/identification') ? IDENTIFICATION_PATH : selectedMenuKey(items, pathname);

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
            padding: isNarrow ? '0 12px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'flex-end',
            gap: isNarrow ? 8 : 16,
            overflow: 'hidden',
            borderBottom: '1px solid #f0f0f0',
            height: 56,
            lineHeight: '56px',
          }}
        >
          <Space size={8} data-testid="current-user" wrap={false} style={{ minWidth: 0 }}>
            <UserOutlined />
            <Typography.Text
              strong
              ellipsis={isNarrow ? { tooltip: `${account.displayName} · ${account.unitName}` } : false}
              style={isNarrow ? { maxWidth: 96 } : undefined}
              data-testid="current-user-name"
            >
              {account.displayName}
            </Typography.Text>
            {!isNarrow && (
              <>
                <Typography.Text type="secondary" data-testid="current-user-unit">
                  {account.unitName}
                </Typography.Text>
                <Tag color="volcano" data-testid="current-user-role">
                  {roleLabel(account.role, t)}
                </Tag>
              </>
            )}
          </Space>
          <LanguageSwitch isCompact={isNarrow} />
          <Tooltip title={t('shell.signOut')}>
            <Button
              icon={<LogoutOutlined />}
              onClick={() => void signOut()}
              aria-label={t('shell.signOut')}
              data-testid="sign-out"
            >
              {isNarrow ? null : t('shell.signOut')}
            </Button>
          </Tooltip>
        </Header>
        <Content style={{ padding: isNarrow ? 12 : 24, minWidth: 0 }}>{children}</Content>
      </Layout>
    </Layout>
  );
}
