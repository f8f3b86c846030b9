import { Alert, App, Badge, Button, Form, Result, Space, Spin, Tabs, Tag, Typography, type FormInstance } from 'antd';
import { ArrowLeftOutlined, FileWordOutlined, ReloadOutlined, SaveOutlined, SolutionOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useAuth } from '../app/auth.tsx';
import { useI18n } from '../app/i18n.ts';
import { formatFen } from '../app/money-input.ts';
import { Link, navigate, setNavigationGuard, useLocation } from '../app/router.tsx';
import { useApiError } from '../app/use-api-error.tsx';
import {
  getCampaign,
  planDocumentUrl,
  updateCampaign,
  type CampaignView,
  type CatalogueItem,
} from '../modules/campaign/api/campaign-api.ts';
import {
  serverFieldToFormName,
  tabOfField,
  toCampaignUpdate,
  toFormValues,
  type CampaignFormValues,
  type EditorTab,
} from '../modules/campaign/campaign-form.ts';
import { statusColor, statusLabel } from '../modules/campaign/campaign-labels.ts';
import { ActivitiesTab } from '../modules/campaign/components/editor/activities-tab.tsx';
import { BasicInfoTab } from '../modules/campaign/components/editor/basic-info-tab.tsx';
import { BudgetPanel } from '../modules/campaign/components/editor/budget-panel.tsx';
import { CampaignHistory, ClosedCampaignAlert } from '../modules/campaign/components/campaign-status-panel.tsx';
import { CategoriesTab } from '../modules/campaign/components/editor/categories-tab.tsx';
import { PhasesTab } from '../modules/campaign/components/editor/phases-tab.tsx';
import { UnitPlansPanel } from '../modules/campaign/components/editor/unit-plans-panel.tsx';
import { ItemCatalogueModal } from '../modules/campaign/components/item-catalogue-modal.tsx';
import { useCampaignView, useCatalogue } from '../modules/campaign/hooks/use-campaigns.ts';
import { useLiveBudget, type LiveBudgetSources } from '../modules/campaign/hooks/use-live-budget.ts';
import { useUnits } from '../modules/org/hooks/use-units.ts';

const TABS: readonly EditorTab[] = ['basic', 'phases', 'activities', 'categories', 'budget', 'units'];

export function CampaignEditorPage({ idParam }: { idParam: string }) {
  const { t } = useI18n();
  const id = /^\d+$/.test(idParam) ? Number(idParam) : 0;
  const { data, error, isLoading, reload, setData } = useCampaignView(id);
  const showError = useApiError();
  const { notification } = App.useApp();
  const catalogue = useCatalogue();
  const location = useLocation();
  const tabParam = location.search.get('tab');
  const activeTab: EditorTab = TABS.includes(tabParam as EditorTab) ? (tabParam as EditorTab) : 'basic';
  // the form is rebuilt from the server's answer after a save or a reload, never merged into
  const [formKey, setFormKey] = useState(0);

  const setActiveTab = (tab: EditorTab) =>
    navigate(`/campaigns/${id}${tab === 'basic' ? '' : `?tab=${tab}`}`, { replace: true, force: true });

  if (error) {
    return (
      <Result
        status={error.status === 404 ? '404' : 'warning'}
        title={<span data-testid="page-error">{error.message}</span>}
        subTitle={error.status === 404 ? t('editor.notFoundHint') : undefined}
        extra={
          <Button type="primary" onClick={() => navigate('/campaigns')}>
            {t('editor.backToList')}
          </Button>
        }
      />
    );
  }
  if (!data || (isLoading && data.campaign.id !== id))
    return <Spin size="large" style={{ display: 'block', margin: '80px auto' }} />;

  return (
    <CampaignEditorForm
      key={`${data.campaign.id}-${formKey}`}
      view={data}
      catalogue={catalogue.data ?? []}
      onCatalogueChanged={catalogue.reload}
      activeTab={activeTab}
      onTabChange={setActiveTab}
      onSaved={(view) => {
        setData(view);
        setFormKey((n) => n + 1);
      }}
      onUnitPlansSaved={setData}
      onReload={async () => {
        // fetch first, then rebuild the form from the fresh version in one go
        try {
          const fresh = await getCampaign(id);
          setData(fresh);
          setFormKey((n) => n + 1);
          notification.destroy('api-error');
        } catch (cause) {
          showError(cause);
          reload();
        }
      }}
    />
  );
}

interface EditorFormProps {
  view: CampaignView;
  catalogue: CatalogueItem[];
  onCatalogueChanged(): void;
  activeTab: EditorTab;
  onTabChange(tab: EditorTab): void;
  onSaved(view: CampaignView): void;
  onUnitPlansSaved(view: CampaignView): void;
  onReload(): Promise<void>;
}

function CampaignEditorForm({
  view,
  catalogue,
  onCatalogueChanged,
  activeTab,
  onTabChange,
  onSaved,
  onUnitPlansSaved,
  onReload,
}: EditorFormProps) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const { units } = useUnits();
  const [form] = Form.useForm<CampaignFormValues>();
  const [initialValues] = useState(() => toFormValues(view.campaign));
  const [isDirty, setIsDirty] = useState(false);
  const [isSaving, setIsSaving] = useState(false);
  const [isStale, setIsStale] = useState(false);
  const [isCatalogueOpen, setIsCatalogueOpen] = useState(false);
  const { campaign, canEdit } = view;

  // the amounts shown live subscribe to the form themselves (LiveTotal, RowAmount, LiveBudgetPanel)
  const budgetSources: LiveBudgetSources = {
    form,
    catalogue,
    savedCategories: campaign.categories,
    matchingFunds: campaign.matchingFunds,
  };

  useEffect(() => {
    if (!isDirty) return;
    setNavigationGuard(() => window.confirm(t('editor.leaveConfirm')));
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      setNavigationGuard(null);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [isDirty, t]);

  const save = async () => {
    try {
      await form.validateFields();
    } catch (failure) {
      const first = (failure as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) onTabChange(tabOfField(first.name));
      message.error(t('editor.fixErrors'));
      return;
    }
    setIsSaving(true);
    try {
      const body = toCampaignUpdate(form.getFieldsValue(true) as CampaignFormValues, campaign.version);
      const saved = await updateCampaign(campaign.id, body);
      setIsDirty(false);
      setNavigationGuard(null);
      message.success(t('editor.saved'));
      onSaved(saved);
    } catch (error) {
      const apiError = showError(error, { form, toFormName: serverFieldToFormName });
      if (apiError?.code === 'STALE_VERSION') setIsStale(true);
      const firstField = apiError?.details.find((detail) => detail.field)?.field;
      const name = firstField ? serverFieldToFormName(firstField) : null;
      if (name) onTabChange(tabOfField(name));
    } finally {
      setIsSaving(false);
    }
  };

  const tabLabel = (key: EditorTab, list?: 'phases' | 'activities' | 'categories') => (
    <span data-testid={`tab-${key}`}>
      {t(`editor.tab.${key}`)}
      {list && <ListCountBadge form={form} list={list} />}
    </span>
  );

  return (
    <div>
      <div style={{ position: 'sticky', top: 0, zIndex: 10, background: '#f5f5f5', paddingBottom: 8, marginBottom: 8 }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space wrap align="center">
            <Link to="/campaigns" aria-label={t('editor.backToList')}>
              <ArrowLeftOutlined />
            </Link>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="editor-title">
              <LiveName form={form} fallback={campaign.name} />
            </Typography.Title>
            <Tag color={statusColor(campaign.status)}>{statusLabel(campaign.status, t)}</Tag>
            <Typography.Text type="secondary">
              {t('editor.organiserYear', { unit: campaign.organiserUnitName, year: campaign.year })}
            </Typography.Text>
          </Space>
          <Space wrap>
            <Typography.Text>
              {t('editor.totalLabel')}{' '}
              <strong className="wn-money" style={{ color: '#d4380d', fontSize: 16 }} data-testid="editor-total">
                <LiveTotal sources={budgetSources} />
              </strong>{' '}
              {t('common.yuan')}
            </Typography.Text>
            <Button
              icon={<SolutionOutlined />}
              onClick={() => navigate(`/campaigns/${campaign.id}/identification`)}
              data-testid="campaign-identification"
            >
              {t('ident.open')}
            </Button>
            <Button
              icon={<FileWordOutlined />}
              href={planDocumentUrl(campaign.id)}
              download
              data-testid="campaign-download"
              title={isDirty ? t('editor.downloadSavedOnly') : undefined}
            >
              {t('editor.download')}
            </Button>
            {canEdit && (
              <Button
                type="primary"
                icon={<SaveOutlined />}
                onClick={() => void save()}
                loading={isSaving}
                data-testid="campaign-save"
              >
                {isDirty ? t('editor.saveDirty') : t('common.save')}
              </Button>
            )}
          </Space>
        </Space>
      </div>
      <ClosedCampaignAlert view={view} onReopened={onSaved} />
      {!canEdit && campaign.status !== 'closed' && (
        <Alert
          type="info"
          showIcon
          title={t('editor.readOnly')}
          style={{ marginBottom: 12 }}
          data-testid="editor-read-only"
        />
      )}
      {isStale && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('error.stale')}
          description={t('editor.staleHelp')}
          data-testid="editor-stale"
          action={
            <Button icon={<ReloadOutlined />} onClick={() => void onReload()} data-testid="editor-reload">
              {t('editor.reload')}
            </Button>
          }
        />
      )}
      <div style={{ background: '#fff', padding: '0 16px 16px', borderRadius: 8 }}>
        <Form<CampaignFormValues>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          disabled={!canEdit}
          onValuesChange={() => setIsDirty(true)}
          scrollToFirstError={false}
        >
          <Tabs
            activeKey={activeTab}
            onChange={(key) => onTabChange(key as EditorTab)}
            items={[
              {
                key: 'basic',
                label: tabLabel('basic'),
                forceRender: true,
                children: (
                  <>
                    <BasicInfoTab organiserUnitName={campaign.organiserUnitName} />
                    <CampaignHistory campaignId={campaign.id} version={campaign.version} />
                  </>
                ),
              },
              {
                key: 'phases',
                label: tabLabel('phases', 'phases'),
                forceRender: true,
                children: <PhasesTab canEdit={canEdit} />,
              },
              {
                key: 'activities',
                label: tabLabel('activities', 'activities'),
                forceRender: true,
                children: <ActivitiesTab canEdit={canEdit} />,
              },
              {
                key: 'categories',
                label: tabLabel('categories', 'categories'),
                forceRender: true,
                children: (
                  <CategoriesTab
                    form={form}
                    catalogue={catalogue}
                    savedCategories={campaign.categories}
                    canEdit={canEdit}
                    canManageItems={can('items.manage')}
                    onManageItems={() => setIsCatalogueOpen(true)}
                  />
                ),
              },
              {
                key: 'budget',
                label: tabLabel('budget'),
                destroyOnHidden: true,
                children: <LiveBudgetPanel sources={budgetSources} hasUnsavedChanges={isDirty} />,
              },
              {
                key: 'units',
                label: tabLabel('units'),
                children: (
                  <UnitPlansPanel
                    view={view}
                    units={units}
                    canEditPlans={can('unitPlans.manage') && campaign.status !== 'closed'}
                    hasUnsavedCategories={isDirty}
                    onSaved={onUnitPlansSaved}
                  />
                ),
              },
            ]}
          />
        </Form>
      </div>
      <ItemCatalogueModal
        open={isCatalogueOpen}
        onClose={() => setIsCatalogueOpen(false)}
        items={catalogue}
        onChanged={onCatalogueChanged}
      />
    </div>
  );
}

function LiveTotal({ sources }: { sources: LiveBudgetSources }) {
  const { budget } = useLiveBudget(sources);
  return <>{budget ? formatFen(budget.grandTotalFen) : '—'}</>;
}

function LiveBudgetPanel({ sources, hasUnsavedChanges }: { sources: LiveBudgetSources; hasUnsavedChanges: boolean }) {
  const { budget, categories } = useLiveBudget(sources);
  return <BudgetPanel budget={budget} categories={categories} hasUnsavedChanges={hasUnsavedChanges} />;
}

function LiveName({ form, fallback }: { form: FormInstance<CampaignFormValues>; fallback: string }) {
  const name = Form.useWatch('name', form) as string | undefined;
  return <>{name?.trim() || fallback}</>;
}

function ListCountBadge({
  form,
  list,
}: {
  form: FormInstance<CampaignFormValues>;
  list: 'phases' | 'activities' | 'categories';
}) {
  const count = (Form.useWatch(list, { form, preserve: true }) as unknown[] | undefined)?.length ?? 0;
  return count > 0 ? <Badge count={count} color="#bfbfbf" style={{ marginLeft: 6 }} /> : null;
}
