/**
 * 名单识别 for one campaign: settings, quotas, nominations (with the home visit), public
 * recommendations, democratic review, review up the tree, progress and public notices.
 */
import { Alert, Button, Result, Space, Spin, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useAuth } from '../app/auth.tsx';
import { useI18n } from '../app/i18n.ts';
import { Link, navigate, useLocation } from '../app/router.tsx';
import { useApiData } from '../app/use-api-data.ts';
import { useCampaignView } from '../modules/campaign/hooks/use-campaigns.ts';
import { getSettings } from '../modules/identification/api/identification-api.ts';
import { DemocraticReviewTab } from '../modules/identification/components/democratic-review-tab.tsx';
import { NominationsTab } from '../modules/identification/components/nominations-tab.tsx';
import { NoticesTab } from '../modules/identification/components/notices-tab.tsx';
import { ProgressTab } from '../modules/identification/components/progress-tab.tsx';
import { QuotasTab } from '../modules/identification/components/quotas-tab.tsx';
import { RecommendationsTab } from '../modules/identification/components/recommendations-tab.tsx';
import { ReviewTab } from '../modules/identification/components/review-tab.tsx';
import { SettingsTab } from '../modules/identification/components/settings-tab.tsx';
import { useUnits } from '../modules/org/hooks/use-units.ts';

const TABS = [
  'settings',
  'quotas',
  'nominations',
  'recommendations',
  'democratic',
  'review',
  'progress',
  'notices',
] as const;
type IdentificationTab = (typeof TABS)[number];

export function IdentificationPage({ idParam }: { idParam: string }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const id = /^\d+$/.test(idParam) ? Number(idParam) : 0;
  const campaign = useCampaignView(id);
  const settings = useApiData((signal) => getSettings(id, signal), [id]);
  const { units } = useUnits();
  const location = useLocation();
  const tabParam = location.search.get('tab');
  const activeTab: IdentificationTab = TABS.includes(tabParam as IdentificationTab)
    ? (tabParam as IdentificationTab)
    : 'nominations';
  // bumped after any change to a name, so the progress table follows
  const [generation, setGeneration] = useState(0);
  const onChanged = () => setGeneration((n) => n + 1);
  const error = campaign.error ?? settings.error;
  if (error) {
    return (
      <Result
        status={error.status === 404 ? '404' : 'warning'}
        title={<span data-testid="page-error">{error.message}</span>}
        extra={
          <Button type="primary" onClick={() => navigate('/campaigns')}>
            {t('editor.backToList')}
          </Button>
        }
      />
    );
  }
  if (!campaign.data || !settings.data) return <Spin size="large" style={{ display: 'block', margin: '80px auto' }} />;

  const { campaign: view, canEdit } = campaign.data;
  // canEdit is false once the campaign is closed; the rest of the screens freeze with it
  const canManage = canEdit && can('campaigns.manage');
  const isOpen = view.status !== 'closed';
  const canWhileOpen = (permission: Parameters<typeof can>[0]) => isOpen && can(permission);
  const setTab = (tab: IdentificationTab) =>
    navigate(`/campaigns/${id}/identification?tab=${tab}`, { replace: true, force: true });
  const label = (tab: IdentificationTab) => <span data-testid={`ident-tab-${tab}`}>{t(`ident.tab.${tab}`)}</span>;

  return (
    <div>
      <Space wrap align="center" style={{ marginBottom: 12 }}>
        <Link to={`/campaigns/${id}`} aria-label={t('ident.backToCampaign')} data-testid="ident-back">
          <ArrowLeftOutlined />
        </Link>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="ident-title">
          {t('ident.title', { name: view.name })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('editor.organiserYear', { unit: view.organiserUnitName, year: view.year })}
        </Typography.Text>
      </Space>
      {!isOpen && (
        <Alert type="info" showIcon title={t('ident.closed')} style={{ marginBottom: 12 }} data-testid="ident-closed" />
      )}
      <div style={{ background: '#fff', padding: '0 16px 16px', borderRadius: 8 }}>
        <Tabs
          activeKey={activeTab}
          onChange={(key) => setTab(key as IdentificationTab)}
          destroyOnHidden
          items={[
            {
              key: 'settings',
              label: label('settings'),
              children: (
                <SettingsTab
                  campaignId={id}
                  settings={settings.data}
                  categories={view.categories}
                  canEdit={canManage}
                  onSaved={settings.setData}
                />
              ),
            },
            {
              key: 'quotas',
              label: label('quotas'),
              children: (
                <QuotasTab
                  campaignId={id}
                  organiserUnitId={view.organiserUnitId}
                  units={units}
                  categories={view.categories}
                  canEdit={canWhileOpen('quotas.manage')}
                  canTakePlan={canManage}
                />
              ),
            },
            {
              key: 'nominations',
              label: label('nominations'),
              children: (
                <NominationsTab
                  campaignId={id}
                  units={units}
                  categories={view.categories}
                  categorySettings={settings.data.categories}
                  canNominate={canWhileOpen('nominations.manage')}
                  canVerify={canWhileOpen('nominations.verify')}
                  canCorrect={canManage}
                  canOverride={canWhileOpen('nominations.review')}
                  showLate={isOpen && !canManage}
                  onChanged={onChanged}
                />
              ),
            },
            {
              key: 'recommendations',
              label: label('recommendations'),
              children: (
                <RecommendationsTab
                  campaignId={id}
                  categories={view.categories}
                  categorySettings={settings.data.categories}
                  canHandle={canWhileOpen('nominations.manage')}
                  onChanged={onChanged}
                />
              ),
            },
            {
              key: 'democratic',
              label: label('democratic'),
              children: (
                <DemocraticReviewTab campaignId={id} units={units} canRecord={canWhileOpen('nominations.manage')} />
              ),
            },
            {
              key: 'review',
              label: label('review'),
              children: (
                <ReviewTab
                  campaignId={id}
                  chainLabels={settings.data.reviewChain.map((step) => step.label)}
                  canReview={canWhileOpen('nominations.review')}
                  onChanged={onChanged}
                />
              ),
            },
            {
              key: 'progress',
              label: label('progress'),
              children: <ProgressTab campaignId={id} generation={generation} canBar={canManage} />,
            },
            {
              key: 'notices',
              label: label('notices'),
              children: <NoticesTab campaignId={id} canPublish={canManage} onChanged={onChanged} />,
            },
          ]}
        />
      </div>
    </div>
  );
}
