/**
 * What the dry run found: the counts as cards, the first problem rows (coloured by kind), and for rows
 * already in the registry a per-row choice between leaving the record alone and updating it.
 */
import { Card, Col, Row, Select, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useI18n } from '../../../app/i18n.ts';
import type { DuplicatePolicy, ImportBatch, ImportCounts, ImportProblem } from '../api/registry-api.ts';
import { isRejectionKind, matchedPersonId, problemKindColor, problemKindLabel } from '../registry-labels.ts';

interface CountCard {
  key: keyof ImportCounts | 'skipped';
  label: string;
  value: number;
  color?: string;
}

export function ImportCountCards({ counts, phase }: { counts: ImportCounts; phase: 'preview' | 'result' }) {
  const { t } = useI18n();
  const cards: CountCard[] =
    phase === 'preview'
      ? [
          { key: 'rows', label: t('registry.import.count.rows'), value: counts.rows },
          { key: 'created', label: t('registry.import.count.toCreate'), value: counts.created, color: '#389e0d' },
          {
            key: 'duplicates',
            label: t('registry.import.count.duplicates'),
            value: counts.duplicates,
            color: '#d48806',
          },
          { key: 'rejected', label: t('registry.import.count.rejected'), value: counts.rejected, color: '#cf1322' },
          { key: 'flagged', label: t('registry.import.count.flagged'), value: counts.flagged, color: '#0958d9' },
        ]
      : [
          { key: 'rows', label: t('registry.import.count.rows'), value: counts.rows },
          { key: 'created', label: t('registry.import.count.created'), value: counts.created, color: '#389e0d' },
          { key: 'updated', label: t('registry.import.count.updated'), value: counts.updated, color: '#0958d9' },
          {
            key: 'skipped',
            label: t('registry.import.count.skipped'),
            value: Math.max(0, counts.duplicates - counts.updated),
            color: '#d48806',
          },
          { key: 'rejected', label: t('registry.import.count.rejected'), value: counts.rejected, color: '#cf1322' },
          { key: 'flagged', label: t('registry.import.count.flagged'), value: counts.flagged, color: '#0958d9' },
        ];
  return (
    <Row gutter={[12, 12]} data-testid={`import-counts-${phase}`}>
      {cards.map((card) => (
        <Col key={card.key} flex="1 1 150px">
          <Card size="small" data-testid={`import-count-${card.key}`} data-value={card.value}>
            <Statistic
              title={card.label}
              value={card.value}
              styles={{ content: { color: card.value > 0 ? card.color : undefined } }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export function ProblemsTable({
  batch,
  policy,
  choices,
  onChoice,
  isEditable,
}: {
  batch: ImportBatch;
  policy: DuplicatePolicy;
  choices: Record<string, DuplicatePolicy>;
  onChoice?(rowNumber: number, choice: DuplicatePolicy | null): void;
  isEditable: boolean;
}) {
  const { t, lang } = useI18n();
  const problemTotal = batch.counts.rejected + batch.counts.duplicates;

  const columns: TableColumnsType<ImportProblem> = [
    {
      title: t('registry.import.col.row'),
      dataIndex: 'rowNumber',
      key: 'row',
      width: 110,
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (row: number) => (
        <span data-testid={`import-problem-row-${row}`}>{t('registry.import.rowN', { row })}</span>
      ),
    },
    {
      title: t('registry.import.col.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 150,
      render: (kind: string) => <Tag color={problemKindColor(kind)}>{problemKindLabel(kind, t)}</Tag>,
    },
    {
      title: t('registry.import.col.reason'),
      key: 'reason',
      render: (_value, problem) => (
        <span data-testid={`import-problem-reason-${problem.rowNumber}`}>
          {lang === 'en' ? problem.reasonEn : problem.reason}
        </span>
      ),
    },
    {
      title: t('registry.import.col.handling'),
      key: 'handling',
      width: 300,
      render: (_value, problem) => {
        const personId = matchedPersonId(problem.matches);
        const seeRecord =
          personId === null ? null : (
            <a href={`/registry/people/${personId}`} target="_blank" rel="noreferrer">
              {t('registry.import.seeRecord')}
            </a>
          );
        if (problem.kind === 'duplicate-updated')
          return (
            <Space size={8} wrap>
              <Typography.Text type="success">{t('registry.import.updatedRow')}</Typography.Text>
              {seeRecord}
            </Space>
          );
        if (problem.kind !== 'duplicate-in-registry' || personId === null || !isEditable)
          return (
            <Space size={8} wrap>
              <Typography.Text type="secondary">
                {isRejectionKind(problem.kind) ? t('registry.import.notImported') : t('registry.import.skippedRow')}
              </Typography.Text>
              {seeRecord}
            </Space>
          );
        const key = String(problem.rowNumber);
        return (
          <Space size={8} wrap>
            <Select<DuplicatePolicy>
              size="small"
              style={{ width: 130 }}
              value={choices[key] ?? policy}
              onChange={(next) => onChoice?.(problem.rowNumber, next === policy ? null : next)}
              options={[
                { value: 'skip', label: t('registry.import.choice.skip') },
                { value: 'update', label: t('registry.import.choice.update') },
              ]}
              data-testid={`import-choice-${problem.rowNumber}`}
            />
            {seeRecord}
          </Space>
        );
      },
    },
  ];

  return (
    <div>
      <Table<ImportProblem>
        rowKey={(problem) => `${problem.rowNumber}-${problem.kind}`}
        size="small"
        dataSource={batch.problems}
        columns={columns}
        pagination={batch.problems.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        rowClassName={(problem) => (isRejectionKind(problem.kind) ? 'wn-problem-row' : '')}
        onRow={(problem) =>
          ({
            'data-testid': `import-problem-${problem.rowNumber}`,
            'data-kind': problem.kind,
          }) as HTMLAttributes<HTMLElement>
        }
        locale={{ emptyText: t('registry.import.noProblems') }}
        data-testid="import-problems"
      />
      {problemTotal > batch.problems.length && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="import-problems-more">
          {t('registry.import.firstProblems', { shown: batch.problems.length, total: problemTotal })}
        </Typography.Paragraph>
      )}
    </div>
  );
}
