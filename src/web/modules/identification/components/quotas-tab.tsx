/**
 * 名额: units below the organiser × the campaign's categories, typed in or shared by registered people;
 * a quota whose unit is behind the first deadline is marked with how many are missing.
 */
import { App, Button, Form, InputNumber, Modal, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { CalculatorOutlined, SaveOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { useI18n, type Lang } from '../../../app/i18n.ts';
import { useApiData } from '../../../app/use-api-data.ts';
import { useSubmit } from '../../../app/use-submit.ts';
import type { CampaignCategory } from '../../campaign/api/campaign-api.ts';
import type { Unit } from '../../org/api/org-api.ts';
import { allocateQuotas, listQuotas, saveQuotas, type QuotaRow } from '../api/identification-api.ts';
import { deadlineDay } from '../progress-display.ts';

type Scope = 'leaves' | 'children';

const cellKey = (unitId: number, categoryId: number) => `${unitId}:${categoryId}`;

export function QuotasTab({
  campaignId,
  organiserUnitId,
  units,
  categories,
  canEdit,
}: {
  campaignId: number;
  organiserUnitId: number;
  units: Unit[];
  categories: CampaignCategory[];
  canEdit: boolean;
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

  const total = (categoryId: number) =>
    rows.reduce((sum, row) => sum + (values.get(cellKey(row.unitId, categoryId)) ?? 0), 0);

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
