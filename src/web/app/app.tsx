import { App as AntApp, Button, ConfigProvider, Result, Spin, type ConfigProviderProps } from 'antd';
import * as enUSModule from 'antd/es/locale/en_US.js';
import * as zhCNModule from 'antd/es/locale/zh_CN.js';
import { useEffect, type ReactNode } from 'react';
import { AccountsPage } from '../pages/accounts-page.tsx';
import { AuditPage } from '../pages/audit-page.tsx';
import { CampaignEditorPage } from '../pages/campaign-editor-page.tsx';
import { CampaignsPage } from '../pages/campaigns-page.tsx';
import { ChangePasswordPage } from '../pages/change-password-page.tsx';
import { identificationRoute, publicRoute } from '../pages/identification-routes.tsx';
import { PlanImportPage } from '../pages/plan-import-page.tsx';
import { registryRoute } from '../pages/registry-routes.tsx';
import { SignInPage } from '../pages/sign-in-page.tsx';
import { UnitsPage } from '../pages/units-page.tsx';
import { AuthProvider, useAuth } from './auth.tsx';
import { I18nProvider, useI18n } from './i18n.ts';
import { matchPath, navigate, useLocation } from './router.tsx';
import { AppShell } from './shell.tsx';

type AntLocale = NonNullable<ConfigProviderProps['locale']>;

/**
 * antd's es/ locale files are ES modules, but TypeScript reads the package as CommonJS and adds one
 * `default` level too many; unwrap until the locale object itself.
 */
function unwrapLocale(module: unknown): AntLocale {
  let value = module as { locale?: string; default?: unknown };
  while (value && !value.locale && value.default) value = value.default as typeof value;
  return value as AntLocale;
}

const zhCN = unwrapLocale(zhCNModule);
const enUS = unwrapLocale(enUSModule);

export function Root() {
  return (
    <I18nProvider>
      <ThemedApp />
    </I18nProvider>
  );
}

function ThemedApp() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { borderRadius: 6 } }}>
      <AntApp>
        <AuthProvider>
          <Routes />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

const SIGN_IN_PATH = '/login';

function Routes() {
  const { status, account } = useAuth();
  const location = useLocation();
  const { pathname } = location;
  const next = location.search.get('next');
  // public pages (公示) are for everyone: no sign-in, no shell
  const publicPage = publicRoute(pathname);
  const isPublic = publicPage !== null;

  useEffect(() => {
    if (isPublic) return;
    if (status === 'signedOut' && pathname !== SIGN_IN_PATH) {
      const back = location.href === '/' ? '' : `?next=${encodeURIComponent(location.href)}`;
      navigate(`${SIGN_IN_PATH}${back}`, { replace: true, force: true });
    }
    if (status === 'signedIn' && pathname === SIGN_IN_PATH) {
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/campaigns', {
        replace: true,
        force: true,
      });
    }
    if (status === 'signedIn' && pathname === '/') navigate('/campaigns', { replace: true, force: true });
  }, [status, pathname, next, location.href, isPublic]);

  if (publicPage) return publicPage;
  if (status === 'loading') return <Spin size="large" style={{ display: 'block', margin: '30vh auto' }} />;
  if (status === 'signedOut' || !account) return <SignInPage />;
  if (account.mustChangePassword) return <ChangePasswordPage />;
  return <AppShell>{routePage(pathname)}</AppShell>;
}

function routePage(pathname: string): ReactNode {
  if (pathname === '/' || pathname === SIGN_IN_PATH || pathname === '/campaigns') return <CampaignsPage />;
  const campaign = matchPath('/campaigns/:id', pathname);
  if (campaign) return <CampaignEditorPage key={campaign.id} idParam={campaign.id!} />;
  if (pathname === '/plans/import') return <PlanImportPage />;
  if (pathname === '/units') return <UnitsPage unitIdParam={null} />;
  const unit = matchPath('/units/:id', pathname);
  if (unit) return <UnitsPage unitIdParam={unit.id!} />;
  if (pathname === '/accounts') return <AccountsPage />;
  if (pathname === '/audit') return <AuditPage />;
  const registry = registryRoute(pathname);
  if (registry) return registry;
  const identification = identificationRoute(pathname);
  if (identification) return identification;
  return <NotFound />;
}

function NotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.text')}
      extra={
        <Button type="primary" onClick={() => navigate('/campaigns')}>
          {t('notFound.back')}
        </Button>
      }
    />
  );
}
