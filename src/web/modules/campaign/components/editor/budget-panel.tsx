import { Alert, Card, Col, Empty, Row, Segmented, Space, Spin, Table, Typography, type TableColumnsType } from 'antd';
import { lazy, Suspense, useDeferredValue, useMemo, useState } from 'react';
import { useI18n } from '../../../../app/i18n.ts';
import { formatFen } from '../../../../app/money-input.ts';
import type { Budget, CampaignCategory } from '../../api/campaign-api.ts';
import { layerLabel } from '../../campaign-labels.ts';
import { AffordabilityCalculator } from './affordability-calculator.tsx';

const BudgetChart = lazy(() => import('./budget-chart.tsx'));

interface BudgetRow {
  key: string;
  kind: 'line' | 'subtotal' | 'total';
  name: string;
  count: number;
  cashFen?: number;
  giftFen?: number;
  itemsFen?: number;
  perPersonFen?: number;
  totalFen: number;
}

interface BudgetPanelProps {
  /** null while an amount typed is too large to add up */
  budget: Budget | null;
  categories: CampaignCategory[];
  hasUnsavedChanges: boolean;
}

export function BudgetPanel({ budget, categories, hasUnsavedChanges }: BudgetPanelProps) {
  const { t, lang } = useI18n();
  const [chartKind, setChartKind] = useState<'pie' | 'bar'>('bar');

  const rows = useMemo<BudgetRow[]>(() => {
    if (!budget) return [];
    const result: BudgetRow[] = [];
    for (const layer of budget.layers) {
      budget.lines
        .filter((line) => line.layer === layer.layer)
        .forEach((line, index) =>
          result.push({
            key: `line-${line.categoryId}-${index}`,
            kind: 'line',
            name: line.name,
            count: line.count,
            cashFen: line.cashFen,
            giftFen: line.giftFen,
            itemsFen: line.itemsFen,
            perPersonFen: line.perPersonFen,
            totalFen: line.totalFen,
          }),
        );
      result.push({
        key: `subtotal-${layer.layer}`,
        kind: 'subtotal',
        name: t('budget.layerSubtotal', { layer: layerLabel(layer.layer, t) }),
        count: layer.count,
        totalFen: layer.totalFen,
      });
    }
    result.push({
      key: 'total',
      kind: 'total',
      name: t('budget.grandTotal'),
      count: budget.totalCount,
      totalFen: budget.grandTotalFen,
    });
    return result;
  }, [budget, t]);

  const slices = useMemo(
    () =>
      (budget?.lines ?? [])
        .filter((line) => line.totalFen > 0)
        .map((line) => ({ name: line.name, totalFen: line.totalFen })),
    [budget],
  );
  // the chart redraws after the figures, at low priority, so typing never waits for it
  const chartSlices = useDeferredValue(slices);

  if (!budget) return <Alert type="error" showIcon title={t('budget.overflow')} />;

  const money = (fen: number | undefined) => (fen === undefined ? '' : formatFen(fen));
  const columns: TableColumnsType<BudgetRow> = [
    {
      title: t('budget.category'),
      dataIndex: 'name',
      key: 'name',
      // the name and the amount stay in view while the columns between them scroll
      fixed: 'left',
      render: (name: string, row) => (row.kind === 'line' ? name : <strong>{name}</strong>),
    },
    {
      title: t('budget.count'),
      dataIndex: 'count',
      key: 'count',
      align: 'right',
      render: (count: number) => count.toLocaleString('zh-CN'),
    },
    {
      title: t('budget.cash'),
      dataIndex: 'cashFen',
      key: 'cash',
      align: 'right',
      className: 'wn-money',
      render: money,
    },
    {
      title: t('budget.gift'),
      dataIndex: 'giftFen',
      key: 'gift',
      align: 'right',
      className: 'wn-money',
      render: money,
    },
    {
      title: t('budget.items'),
      dataIndex: 'itemsFen',
      key: 'items',
      align: 'right',
      className: 'wn-money',
      render: money,
    },
    {
      title: t('budget.perPerson'),
      dataIndex: 'perPersonFen',
      key: 'perPerson',
      align: 'right',
      className: 'wn-money',
      render: money,
    },
    {
      title: t('budget.amount'),
      dataIndex: 'totalFen',
      key: 'total',
      align: 'right',
      fixed: 'right',
      className: 'wn-money',
      render: (fen: number, row) =>
        row.kind === 'line' ? (
          formatFen(fen)
        ) : (
          <strong
            data-testid={
              row.kind === 'total' ? 'budget-table-total' : `budget-subtotal-${row.key.replace('subtotal-', '')}`
            }
          >
            {formatFen(fen)}
          </strong>
        ),
    },
  ];

  return (
    <div>
      {hasUnsavedChanges && <Alert type="info" showIcon title={t('budget.liveNotice')} style={{ marginBottom: 12 }} />}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Card size="small">
            <Typography.Text type="secondary">{t('budget.grandTotal')}</Typography.Text>
            <div style={{ fontSize: 28, fontWeight: 600, color: '#d4380d' }}>
              <span className="wn-money" data-testid="budget-grand-total">
                {formatFen(budget.grandTotalFen)}
              </span>
              <span style={{ fontSize: 16, marginLeft: 4 }}>{t('common.yuan')}</span>
            </div>
            <Typography.Text type="secondary">
              {t('budget.totalCount', { count: budget.totalCount.toLocaleString('zh-CN') })}
            </Typography.Text>
          </Card>
        </Col>
        {budget.layers.map((layer) => (
          <Col xs={12} md={4} key={layer.layer}>
            <Card size="small">
              <Typography.Text type="secondary">{layerLabel(layer.layer, t)}</Typography.Text>
              <div style={{ fontSize: 18, fontWeight: 600 }} className="wn-money">
                {formatFen(layer.totalFen)}
              </div>
              <Typography.Text type="secondary">
                {t('budget.personsShort', { count: layer.count.toLocaleString('zh-CN') })}
              </Typography.Text>
            </Card>
          </Col>
        ))}
        {budget.matchingTotalFen > 0 && (
          <Col xs={12} md={4}>
            <Card size="small">
              <Typography.Text type="secondary">{t('budget.matching')}</Typography.Text>
              <div style={{ fontSize: 18, fontWeight: 600 }} className="wn-money" data-testid="budget-matching-total">
                {formatFen(budget.matchingTotalFen)}
              </div>
              <Typography.Text type="secondary">
                {t('budget.overall')} {formatFen(budget.overallFen)}
              </Typography.Text>
            </Card>
          </Col>
        )}
      </Row>
      {budget.lines.length === 0 ? (
        <Empty description={t('budget.empty')} />
      ) : (
        <Table<BudgetRow>
          data-testid="budget-table"
          size="small"
          bordered
          pagination={false}
          rowKey="key"
          dataSource={rows}
          columns={columns}
          scroll={{ x: 760 }}
          onRow={(row) =>
            row.kind === 'line' ? {} : { style: { background: row.kind === 'total' ? '#fff7e6' : '#fafafa' } }
          }
        />
      )}
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={t('budget.chartTitle')}
            extra={
              <Segmented
                disabled={false}
                size="small"
                value={chartKind}
                onChange={(value) => setChartKind(value as 'pie' | 'bar')}
                options={[
                  { value: 'bar', label: t('budget.chartBar') },
                  { value: 'pie', label: t('budget.chartPie') },
                ]}
              />
            }
          >
            {slices.length === 0 ? (
              <Empty description={t('budget.chartEmpty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Suspense fallback={<Spin />}>
                <BudgetChart
                  slices={chartSlices}
                  kind={chartKind}
                  yuanLabel={t('common.yuan')}
                  locale={lang === 'en' ? 'en-US' : 'zh-CN'}
                />
              </Suspense>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <AffordabilityCalculator categories={categories} />
          </Space>
        </Col>
      </Row>
    </div>
  );
}
