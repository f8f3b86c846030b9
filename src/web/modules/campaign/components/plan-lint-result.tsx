import { Alert, Card, Col, List, Row, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useI18n } from '../../../app/i18n.ts';
import { formatFen } from '../../../app/money-input.ts';
import type { PlanReading } from '../api/campaign-api.ts';
import { layerLabel } from '../campaign-labels.ts';

type PlanItem = PlanReading['items'][number];
type PlanTotal = PlanReading['totals'][number];

/** What the server read from a pasted plan: every line redone in fen, disagreements in red with their line. */
export function PlanLintResult({ reading }: { reading: PlanReading }) {
  const { t, lang } = useI18n();
  const problemLines = new Set(reading.problems.map((problem) => problem.line));
  const money = (fen: number | null) =>
    fen === null ? <Typography.Text type="secondary">{t('lint.notStated')}</Typography.Text> : formatFen(fen);

  const itemColumns: TableColumnsType<PlanItem> = [
    { title: t('lint.line'), dataIndex: 'line', key: 'line', width: 70 },
    { title: t('lint.category'), dataIndex: 'category', key: 'category' },
    {
      title: t('lint.layer'),
      dataIndex: 'layer',
      key: 'layer',
      width: 100,
      render: (layer: PlanItem['layer']) => layerLabel(layer, t),
    },
    { title: t('lint.count'), dataIndex: 'count', key: 'count', align: 'right', width: 90 },
    {
      title: t('lint.cash'),
      dataIndex: 'cashFen',
      key: 'cash',
      align: 'right',
      className: 'wn-money',
      render: (fen: number) => formatFen(fen),
    },
    {
      title: t('lint.gift'),
      dataIndex: 'giftFen',
      key: 'gift',
      align: 'right',
      className: 'wn-money',
      render: (fen: number) => formatFen(fen),
    },
    {
      title: t('lint.perPerson'),
      dataIndex: 'perPersonFen',
      key: 'perPerson',
      align: 'right',
      className: 'wn-money',
      render: (fen: number) => formatFen(fen),
    },
    {
      title: t('lint.stated'),
      dataIndex: 'statedFen',
      key: 'stated',
      align: 'right',
      className: 'wn-money',
      render: money,
    },
    {
      title: t('lint.computed'),
      dataIndex: 'computedFen',
      key: 'computed',
      align: 'right',
      className: 'wn-money',
      render: (fen: number, item) =>
        problemLines.has(item.line) ? (
          <Typography.Text type="danger" strong>
            {formatFen(fen)}
          </Typography.Text>
        ) : (
          formatFen(fen)
        ),
    },
  ];

  const totalColumns: TableColumnsType<PlanTotal> = [
    { title: t('lint.line'), dataIndex: 'line', key: 'line', width: 70 },
    {
      title: t('lint.totalKind'),
      key: 'kind',
      render: (_v, total) =>
        total.kind === 'grand-total'
          ? t('lint.grandTotal')
          : t('lint.subtotal', { layer: total.layer ? layerLabel(total.layer, t) : '' }),
    },
    {
      title: t('lint.stated'),
      dataIndex: 'statedFen',
      key: 'stated',
      align: 'right',
      className: 'wn-money',
      render: money,
    },
    {
      title: t('lint.computed'),
      dataIndex: 'computedFen',
      key: 'computed',
      align: 'right',
      className: 'wn-money',
      render: (fen: number) => formatFen(fen),
    },
  ];

  const rowProps = (line: number) =>
    ({
      'data-testid': `lint-row-${line}`,
      'data-problem': problemLines.has(line) ? 'true' : 'false',
    }) as HTMLAttributes<HTMLElement>;

  return (
    <div data-testid="lint-result">
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Card size="small">
            <Typography.Text type="secondary">{t('lint.total')}</Typography.Text>
            <div style={{ fontSize: 26, fontWeight: 600, color: '#d4380d' }}>
              <span className="wn-money" data-testid="lint-total">
                {formatFen(reading.totalFen)}
              </span>
              <span style={{ fontSize: 15, marginLeft: 4 }}>{t('common.yuan')}</span>
            </div>
            <Typography.Text type="secondary">{t('lint.itemCount', { count: reading.items.length })}</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={16}>
          {reading.problems.length === 0 ? (
            <Alert type="success" showIcon title={t('lint.noProblems')} data-testid="lint-ok" />
          ) : (
            <Alert
              type="error"
              showIcon
              title={t('lint.problemCount', { count: reading.problems.length })}
              data-testid="lint-problems"
              description={
                <List
                  size="small"
                  dataSource={reading.problems}
                  renderItem={(problem) => (
                    <List.Item style={{ padding: '2px 0' }} data-testid={`lint-problem-${problem.line}`}>
                      <Tag color="red">{t('lint.lineN', { line: problem.line })}</Tag>
                      {lang === 'en' ? problem.message : problem.messageZh}
                    </List.Item>
                  )}
                />
              }
            />
          )}
        </Col>
      </Row>
      {reading.title && (
        <Typography.Paragraph>
          {t('lint.title')}：<strong data-testid="lint-title">{reading.title}</strong>
        </Typography.Paragraph>
      )}
      <Table<PlanItem>
        data-testid="lint-items"
        size="small"
        bordered
        rowKey="line"
        pagination={false}
        dataSource={reading.items}
        columns={itemColumns}
        rowClassName={(item) => (problemLines.has(item.line) ? 'wn-problem-row' : '')}
        onRow={(item) => rowProps(item.line)}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('lint.noItems') }}
      />
      {reading.totals.length > 0 && (
        <Table<PlanTotal>
          style={{ marginTop: 12 }}
          size="small"
          bordered
          rowKey={(total) => `${total.line}-${total.kind}`}
          pagination={false}
          dataSource={reading.totals}
          columns={totalColumns}
          rowClassName={(total) => (problemLines.has(total.line) ? 'wn-problem-row' : '')}
          onRow={(total) => rowProps(total.line)}
        />
      )}
    </div>
  );
}
