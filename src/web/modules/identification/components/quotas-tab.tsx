/**
 * 名额: units below the organiser × the campaign's categories, typed in, shared by registered people,
 * or taken from the plan's 单位分配; a quota whose unit is behind the first deadline is marked with how
 * many are missing. The totals stay in view however wide the table scrolls.
 */
import {
  Alert,
  App,
  Button,
  Form,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { CalculatorOutlined, ProfileOutlined, SaveOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { useI18n, type Lang } from '../../../app/i18n.ts';
import { useApiData } from '../../../app/use-api-data.ts';
import { useSubmit } from '../../../app/use-submit.ts';
import type { CampaignCategory } from '../../campaign/api/campaign-api.ts';
import type { Unit } from '../../org/api/org-api.ts';
import {
  allocateQuotas,
  listQuotas,
  previewQuotasFromPlan,
  saveQuotas,
  takeQuotasFromPlan,
  type QuotaRow,
} from '../api/identification-api.ts';
import { deadlineDay } from '../progress-display.ts';
import { topmostFlags } from '../progress-totals.ts';

type Scope = 'leaves' | 'children';

const cellKey = (unitId: number, categoryId: number) => `${unitId}:${categoryId}`;

export function QuotasTab({
  campaignId,
  organiserUnitId,
  units,
  categories,
  canEdit,
  canTakePlan,
}: {
  campaignId: number;
  organiserUnitId: number;
  units: Unit[];
  categories: CampaignCategory[];
  canEdit: boolean;
  /** the organising unit: the plan's 单位分配 is its to turn into quotas */
  canTakePlan: boolean;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const quotas = useApiData((signal) => listQuotas(campaignId, signal), [campaignId]);
  const saved = useMemo(
    () => new Map((quotas.data ?? []).map((row) => [cellKey(row.unitId, row.categoryId), row])),
    [quotas.data],
  );
  const [scope, setScope] = useState<Scope>('leaves');
  const [values, setValues] = useState<Map<string, number>>(new Map());
  const { isBusy: isSaving, run } = useSubmit();
  const [isAllocateOpen, setIsAllocateOpen] = useState(false);
  const [isFromPlanOpen, setIsFromPlanOpen] = useState(false);

  useEffect(() => {
    if (!quotas.data) return;
    setValues(new Map(quotas.data.map((row) => [cellKey(row.unitId, row.categoryId), row.quota])));
  }, [quotas.data]);

  const rows = useMemo(() => {
    const organiser = units.find((unit) => unit.id === organiserUnitId);
    const open = units.filter((unit) => !unit.closedAt);
    // an account below the organiser sees only its own subtree: that is what it may share out
    const below = organiser
      ? open.filter((unit) => unit.id !== organiser.id && unit.path.startsWith(organiser.path))
      : open;
    const parents = new Set(open.map((unit) => unit.parentId));
    const inScope =
      scope === 'children'
        ? below.filter((unit) => unit.parentId === organiserUnitId)
        : below.filter((unit) => !parents.has(unit.id));
    const byId = new Map(inScope.map((unit) => [unit.id, { unitId: unit.id, unitName: unit.name, path: unit.path }]));
    for (const row of quotas.data ?? []) {
      if (!byId.has(row.unitId) && row.quota > 0)
        byId.set(row.unitId, { unitId: row.unitId, unitName: row.unitName, path: row.unitPath });
    }
    return [...byId.values()].sort((a, b) => a.path.localeCompare(b.path));
  }, [units, organiserUnitId, scope, quotas.data]);

  const setCell = (unitId: number, categoryId: number, quota: number | null) =>
    setValues((current) => new Map(current).set(cellKey(unitId, categoryId), quota ?? 0));

  const save = async () => {
    const entries = rows.flatMap((row) =>
      categories.map((category) => ({
        unitId: row.unitId,
        categoryId: category.id,
        quota: values.get(cellKey(row.unitId, category.id)) ?? 0,
      })),
    );
    if (entries.length === 0) return;
    await run(async () => {
      await saveQuotas(campaignId, entries);
      message.success(t('ident.quotas.saved'));
      quotas.reload();
    });
  };

  // a town's quota and its villages' shares of it are one allocation: the totals add the top-most units
  const topmost = topmostFlags(rows.map((row) => row.path));
  const total = (categoryId: number) =>
    rows.reduce(
      (sum, row, index) => sum + (topmost[index] ? (values.get(cellKey(row.unitId, categoryId)) ?? 0) : 0),
      0,
    );
  const rowTotal = (unitId: number) =>
    categories.reduce((sum, category) => sum + (values.get(cellKey(unitId, category.id)) ?? 0), 0);
  const grandTotal = categories.reduce((sum, category) => sum + total(category.id), 0);

  return (
    <div data-testid="ident-quotas">
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented<Scope>
          value={scope}
          onChange={setScope}
          options={[
            { value: 'leaves', label: t('ident.quotas.scope.leaves') },
            { value: 'children', label: t('ident.quotas.scope.children') },
          ]}
          data-testid="ident-quota-scope"
        />
        {canEdit && (
          <>
            <Button
              type="primary"
              icon={<SaveOutlined />}
              loading={isSaving}
              disabled={rows.length === 0 || categories.length === 0}
              onClick={() => void save()}
              data-testid="ident-quotas-save"
            >
              {t('ident.quotas.save')}
            </Button>
            <Button
              icon={<CalculatorOutlined />}
              disabled={rows.length === 0 || categories.length === 0}
              onClick={() => setIsAllocateOpen(true)}
              data-testid="ident-quotas-allocate"
            >
              {t('ident.quotas.allocate')}
            </Button>
          </>
        )}
        {canTakePlan && (
          <Button
            icon={<ProfileOutlined />}
            disabled={categories.length === 0}
            onClick={() => setIsFromPlanOpen(true)}
            data-testid="ident-quotas-from-plan"
          >
            {t('ident.quotas.fromPlan')}
          </Button>
        )}
        <Typography.Text strong data-testid="quota-grand-total">
          {t('ident.quotas.grandTotal', { n: grandTotal })}
        </Typography.Text>
      </Space>
      <Table
        size="small"
        rowKey="unitId"
        loading={quotas.isLoading}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50 } : false}
        locale={{ emptyText: t('ident.quotas.noUnits') }}
        scroll={{ x: 'max-content' }}
        data-testid="ident-quota-table"
        columns={[
          { title: t('ident.quotas.unit'), dataIndex: 'unitName', fixed: 'left' },
          ...categories.map((category) => ({
            key: String(category.id),
            title: category.name,
            render: (_value: unknown, row: { unitId: number }) => (
              <Space size={4}>
                <InputNumber
                  min={0}
                  precision={0}
                  value={values.get(cellKey(row.unitId, category.id)) ?? 0}
                  onChange={(next) => setCell(row.unitId, category.id, next)}
                  disabled={!canEdit}
                  style={{ width: 90 }}
                  data-testid={`quota-${row.unitId}-${category.id}`}
                />
                <LateMark row={saved.get(cellKey(row.unitId, category.id))} lang={lang} />
              </Space>
            ),
          })),
          {
            key: 'rowTotal',
            title: t('ident.quotas.rowTotal'),
            fixed: 'right' as const,
            align: 'right' as const,
            render: (_value: unknown, row: { unitId: number }) => <strong>{rowTotal(row.unitId)}</strong>,
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t('ident.quotas.total')}</strong>
            </Table.Summary.Cell>
            {categories.map((category, index) => (
              <Table.Summary.Cell key={category.id} index={index + 1}>
                <span data-testid={`quota-total-${category.id}`}>{total(category.id)}</span>
              </Table.Summary.Cell>
            ))}
            <Table.Summary.Cell index={categories.length + 1} align="right">
              <strong>{grandTotal}</strong>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <AllocateModal
        open={isAllocateOpen}
        categories={categories}
        onClose={() => setIsAllocateOpen(false)}
        onAllocate={async (categoryId, count) => {
          await allocateQuotas(campaignId, { categoryId, total: count, unitIds: rows.map((row) => row.unitId) });
          message.success(t('ident.quotas.allocated'));
          setIsAllocateOpen(false);
          quotas.reload();
        }}
      />
      {isFromPlanOpen && (
        <FromPlanModal
          campaignId={campaignId}
          onClose={() => setIsFromPlanOpen(false)}
          onDone={() => {
            setIsFromPlanOpen(false);
            quotas.reload();
          }}
        />
      )}
    </div>
  );
}

/** The saved quota's standing: marked when the first deadline has passed and the unit is below its share. */
function LateMark({ row, lang }: { row: QuotaRow | undefined; lang: Lang }) {
  const { t } = useI18n();
  const standing = row?.firstDeadline;
  if (!row || !standing?.isLate) return null;
  return (
    <Tooltip
      title={t('ident.quotas.lateHelp', {
        date: deadlineDay(standing.deadline, lang),
        required: standing.required,
        submitted: standing.submitted,
        missing: standing.missing,
      })}
    >
      <Tag color="error" data-testid={`quota-late-${row.unitId}-${row.categoryId}`}>
        {t('ident.quotas.late', { missing: standing.missing })}
      </Tag>
    </Tooltip>
  );
}

/** The confirmation of “take the plan's unit counts as quotas”: what will be set, and what stays. */
function FromPlanModal({ campaignId, onClose, onDone }: { campaignId: number; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const preview = useApiData((signal) => previewQuotasFromPlan(campaignId, signal), [campaignId]);
  const { isBusy, run } = useSubmit();
  const plan = preview.data;

  const take = async () => {
    await run(async () => {
      const result = await takeQuotasFromPlan(campaignId);
      message.success(t('ident.quotas.fromPlanDone', { n: result.changes.length }));
      onDone();
    });
  };

  return (
    <Modal
      open
      width={720}
      title={t('ident.quotas.fromPlanTitle')}
      onCancel={onClose}
      onOk={() => void take()}
      okText={t('ident.quotas.fromPlanOk')}
      confirmLoading={isBusy}
      okButtonProps={{ disabled: !plan || plan.changes.length === 0, 'data-testid': 'ident-from-plan-ok' }}
      data-testid="ident-from-plan"
    >
      <Typography.Paragraph type="secondary">{t('ident.quotas.fromPlanHelp')}</Typography.Paragraph>
      {!plan ? (
        <Spin />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {plan.changes.length === 0 ? (
            <Alert type="info" showIcon title={t('ident.quotas.fromPlanNone')} />
          ) : (
            <>
              <Typography.Text strong data-testid="ident-from-plan-count">
                {t('ident.quotas.fromPlanChanges', { n: plan.changes.length })}
                {plan.unchanged > 0 ? `；${t('ident.quotas.fromPlanUnchanged', { n: plan.unchanged })}` : ''}
              </Typography.Text>
              <Table
                size="small"
                rowKey={(row) => `${row.unitId}:${row.categoryId}`}
                dataSource={plan.changes}
                pagination={plan.changes.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
                scroll={{ x: 'max-content' }}
                data-testid="ident-from-plan-changes"
                columns={[
                  { title: t('ident.quotas.unit'), dataIndex: 'unitName', fixed: 'left' },
                  { title: t('ident.nom.category'), dataIndex: 'categoryName' },
                  {
                    title: t('ident.quotas.fromPlanFrom'),
                    dataIndex: 'from',
                    align: 'right',
                    render: (from: number | null) => from ?? '—',
                  },
                  { title: t('ident.quotas.fromPlanTo'), dataIndex: 'to', align: 'right' },
                ]}
              />
            </>
          )}
          {plan.keptAbovePlan.length > 0 && (
            <Alert
              type="warning"
              showIcon
              data-testid="ident-from-plan-kept"
              title={t('ident.quotas.fromPlanKept', { n: plan.keptAbovePlan.length })}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {plan.keptAbovePlan.map((kept) => (
                    <li key={`${kept.unitId}:${kept.categoryId}`}>
                      {t('ident.quotas.fromPlanKeptLine', {
                        unit: kept.unitName,
                        category: kept.categoryName,
                        planned: kept.planned,
                        taken: kept.taken,
                        quota: kept.quota ?? 0,
                      })}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
        </Space>
      )}
    </Modal>
  );
}

function AllocateModal({
  open,
  categories,
  onClose,
  onAllocate,
}: {
  open: boolean;
  categories: CampaignCategory[];
  onClose(): void;
  onAllocate(categoryId: number, total: number): Promise<void>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ categoryId: number; total: number }>();
  const { isBusy, run } = useSubmit(form);

  const submit = async () => {
    const values = await form.validateFields();
    await run(async () => {
      await onAllocate(values.categoryId, values.total);
    });
  };

  return (
    <Modal
      open={open}
      title={t('ident.quotas.allocateTitle')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={isBusy}
      okButtonProps={{ 'data-testid': 'ident-allocate-ok' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('ident.quotas.allocateHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="categoryId"
          label={t('ident.nom.category')}
          rules={[{ required: true, message: t('ident.nom.categoryRequired') }]}
        >
          <Select
            options={categories.map((category) => ({ value: category.id, label: category.name }))}
            data-testid="ident-allocate-category"
          />
        </Form.Item>
        <Form.Item
          name="total"
          label={t('ident.quotas.allocateTotal')}
          rules={[{ required: true, message: t('ident.nom.required') }]}
        >
          <InputNumber min={0} precision={0} data-testid="ident-allocate-total" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
