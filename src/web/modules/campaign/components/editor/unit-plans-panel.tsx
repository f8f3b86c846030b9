import { Alert, App, Button, Empty, Input, Popconfirm, Space, Table, Typography, type TableColumnsType } from 'antd';
import { SaveOutlined, ShareAltOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import type { MatchingFund, UnitPlan } from '../../../../../modules/campaign/campaign.ts';
import { useI18n } from '../../../../app/i18n.ts';
import {
  countInputOrZero,
  fenToYuanInput,
  formatFen,
  parseCountInput,
  parseYuanInput,
  yuanInputToFenOrZero,
} from '../../../../app/money-input.ts';
import { useSubmit } from '../../../../app/use-submit.ts';
import type { Unit } from '../../../org/api/org-api.ts';
import { distributeUnitPlans, saveUnitPlans, type CampaignView } from '../../api/campaign-api.ts';
import { computeBudgetSafe, multiplyFenSafe } from '../../budget-view.ts';

interface UnitPlansPanelProps {
  view: CampaignView;
  units: Unit[];
  canEditPlans: boolean;
  hasUnsavedCategories: boolean;
  onSaved(view: CampaignView): void;
}

interface FundInput {
  amount: string;
  note: string;
}

const cellKey = (unitId: number, categoryId: number) => `${unitId}:${categoryId}`;

function countsFrom(plans: UnitPlan[]): Record<string, string> {
  return Object.fromEntries(plans.map((plan) => [cellKey(plan.unitId, plan.categoryId), String(plan.plannedCount)]));
}

function fundsFrom(funds: MatchingFund[]): Record<number, FundInput> {
  return Object.fromEntries(
    funds.map((fund) => [
      fund.unitId,
      { amount: fund.amountFen ? fenToYuanInput(fund.amountFen) : '', note: fund.note ?? '' },
    ]),
  );
}

/** 名额分配 (篇七) and 配套资金 (篇五): planned counts per lower unit and category, and what each unit adds. */
export function UnitPlansPanel({ view, units, canEditPlans, hasUnsavedCategories, onSaved }: UnitPlansPanelProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { campaign } = view;
  const [counts, setCounts] = useState<Record<string, string>>(() => countsFrom(campaign.unitPlans));
  const [funds, setFunds] = useState<Record<number, FundInput>>(() => fundsFrom(campaign.matchingFunds));
  const [isDirty, setIsDirty] = useState(false);
  const { isBusy, run } = useSubmit();

  // a new version from the server (this panel's save, the editor's save, a reload) replaces local input
  useEffect(() => {
    setCounts(countsFrom(campaign.unitPlans));
    setFunds(fundsFrom(campaign.matchingFunds));
    setIsDirty(false);
  }, [campaign.version, campaign.unitPlans, campaign.matchingFunds]);

  const categories = useMemo(() => [...campaign.categories].sort((a, b) => a.sort - b.sort), [campaign.categories]);
  const rowsUnits = useMemo(() => {
    const planned = new Set([
      ...campaign.unitPlans.map((plan) => plan.unitId),
      ...campaign.matchingFunds.map((fund) => fund.unitId),
    ]);
    const byId = new Map(units.map((unit) => [unit.id, unit]));
    const children = units.filter((unit) => unit.parentId === campaign.organiserUnitId && !unit.closedAt);
    const extra = [...planned]
      .filter((id) => !children.some((unit) => unit.id === id))
      .map(
        (id) =>
          byId.get(id) ??
          ({
            id,
            name:
              campaign.unitPlans.find((p) => p.unitId === id)?.unitName ??
              campaign.matchingFunds.find((f) => f.unitId === id)?.unitName ??
              `#${id}`,
          } as Unit),
      );
    return [...children, ...extra];
  }, [units, campaign]);
  const childUnitIds = useMemo(
    () => units.filter((unit) => unit.parentId === campaign.organiserUnitId && !unit.closedAt).map((unit) => unit.id),
    [units, campaign.organiserUnitId],
  );

  const localPlans: UnitPlan[] = useMemo(
    () =>
      Object.entries(counts)
        .filter(([, value]) => value.trim() !== '')
        .map(([key, value]) => {
          const [unitId, categoryId] = key.split(':').map(Number) as [number, number];
          return {
            unitId,
            categoryId,
            plannedCount: countInputOrZero(value),
            unitName: rowsUnits.find((unit) => unit.id === unitId)?.name ?? '',
          };
        }),
    [counts, rowsUnits],
  );
  const localFunds: MatchingFund[] = useMemo(
    () =>
      Object.entries(funds)
        .filter(([, fund]) => fund.amount.trim() !== '' || fund.note.trim() !== '')
        .map(([unitId, fund]) => ({
          unitId: Number(unitId),
          unitName: '',
          amountFen: yuanInputToFenOrZero(fund.amount),
          note: fund.note.trim() || null,
        })),
    [funds],
  );
  const budget = useMemo(
    () => computeBudgetSafe(categories, localPlans, localFunds),
    [categories, localPlans, localFunds],
  );
  const perPerson = new Map((budget?.lines ?? []).map((line) => [line.categoryId, line.perPersonFen]));

  const invalidCells = Object.entries(counts).filter(
    ([, value]) => value.trim() !== '' && !parseCountInput(value).isValid,
  );
  const invalidFunds = Object.entries(funds).filter(
    ([, fund]) => fund.amount.trim() !== '' && !parseYuanInput(fund.amount).isValid,
  );

  const setCount = (unitId: number, categoryId: number, value: string) => {
    setCounts((current) => ({ ...current, [cellKey(unitId, categoryId)]: value }));
    setIsDirty(true);
  };
  const setFund = (unitId: number, patch: Partial<FundInput>) => {
    setFunds((current) => ({ ...current, [unitId]: { amount: '', note: '', ...current[unitId], ...patch } }));
    setIsDirty(true);
  };

  const save = async () => {
    if (invalidCells.length > 0 || invalidFunds.length > 0) {
      message.error(t('unitPlans.fixInputs'));
      return;
    }
    await run(async () => {
      const saved = await saveUnitPlans(campaign.id, {
        version: campaign.version,
        plans: localPlans.map(({ unitId, categoryId, plannedCount }) => ({ unitId, categoryId, plannedCount })),
        matchingFunds: localFunds.map(({ unitId, amountFen, note }) => ({ unitId, amountFen, note })),
      });
      message.success(t('unitPlans.saved'));
      onSaved(saved);
    });
  };

  const distribute = async () => {
    await run(async () => {
      const saved = await distributeUnitPlans(campaign.id, { version: campaign.version, unitIds: childUnitIds });
      message.success(t('unitPlans.distributed', { units: childUnitIds.length }));
      onSaved(saved);
    });
  };

  if (categories.length === 0) return <Empty description={t('unitPlans.noCategories')} />;
  if (rowsUnits.length === 0)
    return <Empty description={t('unitPlans.noUnits', { unit: campaign.organiserUnitName })} />;

  const unitSum = (categoryId: number) =>
    localPlans.filter((plan) => plan.categoryId === categoryId).reduce((n, plan) => n + plan.plannedCount, 0);
  const columns: TableColumnsType<Unit> = [
    { title: t('unitPlans.unit'), key: 'unit', fixed: 'left', width: 160, render: (_v, unit) => unit.name },
    ...categories.map((category) => ({
      title: (
        <div>
          <div>{category.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {t('unitPlans.planned', { count: category.plannedCount })}
          </Typography.Text>
        </div>
      ),
      key: `category-${category.id}`,
      width: 120,
      render: (_v: unknown, unit: Unit) => {
        const value = counts[cellKey(unit.id, category.id)] ?? '';
        const isValid = value.trim() === '' || parseCountInput(value).isValid;
        return (
          <Input
            value={value}
            inputMode="numeric"
            status={isValid ? undefined : 'error'}
            title={isValid ? undefined : t('count.format')}
            disabled={!canEditPlans}
            onChange={(event) => setCount(unit.id, category.id, event.target.value)}
            data-testid={`unit-plan-${unit.id}-${category.id}`}
          />
        );
      },
    })),
    {
      title: t('unitPlans.matching'),
      key: 'matching',
      width: 140,
      render: (_v, unit) => {
        const value = funds[unit.id]?.amount ?? '';
        const parsed = parseYuanInput(value);
        return (
          <Input
            value={value}
            inputMode="decimal"
            suffix={t('common.yuan')}
            status={value.trim() === '' || parsed.isValid ? undefined : 'error'}
            disabled={!canEditPlans}
            onChange={(event) => setFund(unit.id, { amount: event.target.value })}
            data-testid={`unit-fund-${unit.id}`}
          />
        );
      },
    },
    {
      title: t('unitPlans.note'),
      key: 'note',
      width: 160,
      render: (_v, unit) => (
        <Input
          value={funds[unit.id]?.note ?? ''}
          maxLength={200}
          disabled={!canEditPlans}
          onChange={(event) => setFund(unit.id, { note: event.target.value })}
        />
      ),
    },
    {
      title: t('unitPlans.unitTotal'),
      key: 'total',
      width: 140,
      align: 'right',
      fixed: 'right',
      render: (_v, unit) => {
        const plans = localPlans.filter((plan) => plan.unitId === unit.id);
        const count = plans.reduce((n, plan) => n + plan.plannedCount, 0);
        const fen = plans.reduce(
          (n, plan) => n + multiplyFenSafe(perPerson.get(plan.categoryId) ?? 0, plan.plannedCount),
          0,
        );
        return (
          <span className="wn-money">
            {t('budget.personsShort', { count })} · {formatFen(fen)}
          </span>
        );
      },
    },
  ];

  const mismatches = budget?.unitPlanMismatches ?? [];
  const plannedTotal = localPlans.reduce((n, plan) => n + plan.plannedCount, 0);
  const plannedFen = localPlans.reduce(
    (n, plan) => n + multiplyFenSafe(perPerson.get(plan.categoryId) ?? 0, plan.plannedCount),
    0,
  );

  return (
    <div data-testid="unit-plans">
      <Typography.Paragraph type="secondary">{t('unitPlans.help')}</Typography.Paragraph>
      {hasUnsavedCategories && (
        <Alert type="warning" showIcon title={t('unitPlans.unsavedCategories')} style={{ marginBottom: 12 }} />
      )}
      {mismatches.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="unit-plan-mismatches"
          title={t('unitPlans.mismatchTitle')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {mismatches.map((mismatch) => (
                <li key={mismatch.categoryId}>
                  {t('unitPlans.mismatch', {
                    name: mismatch.name,
                    planned: mismatch.plannedCount,
                    sum: mismatch.unitSum,
                  })}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Table<Unit>
        size="small"
        bordered
        rowKey="id"
        pagination={rowsUnits.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        dataSource={rowsUnits}
        columns={columns}
        scroll={{ x: 160 + categories.length * 120 + 440 }}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t('unitPlans.sum')}</strong>
            </Table.Summary.Cell>
            {categories.map((category, index) => {
              const sum = unitSum(category.id);
              const isOff = localPlans.some((plan) => plan.categoryId === category.id) && sum !== category.plannedCount;
              return (
                <Table.Summary.Cell index={index + 1} key={category.id}>
                  <span style={{ color: isOff ? '#cf1322' : undefined, fontWeight: 600 }}>
                    {sum} / {category.plannedCount}
                  </span>
                </Table.Summary.Cell>
              );
            })}
            <Table.Summary.Cell index={categories.length + 1}>
              <span className="wn-money">{formatFen(budget?.matchingTotalFen ?? 0)}</span>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={categories.length + 2} />
            <Table.Summary.Cell index={categories.length + 3} align="right">
              <span className="wn-money" data-testid="unit-plans-total">
                {t('budget.personsShort', { count: plannedTotal })} · {formatFen(plannedFen)}
              </span>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      {canEditPlans && (
        <Space style={{ marginTop: 12 }} wrap>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            onClick={() => void save()}
            loading={isBusy}
            disabled={!isDirty}
            data-testid="unit-plans-save"
          >
            {t('unitPlans.save')}
          </Button>
          <Popconfirm
            title={t('unitPlans.distributeConfirm', { units: childUnitIds.length })}
            onConfirm={() => distribute()}
            disabled={childUnitIds.length === 0}
          >
            <Button
              icon={<ShareAltOutlined />}
              loading={isBusy}
              disabled={childUnitIds.length === 0}
              data-testid="unit-plans-distribute"
            >
              {t('unitPlans.distribute')}
            </Button>
          </Popconfirm>
          {isDirty && <Typography.Text type="warning">{t('unitPlans.unsaved')}</Typography.Text>}
        </Space>
      )}
    </div>
  );
}
