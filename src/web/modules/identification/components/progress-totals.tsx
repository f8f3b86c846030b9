/** The progress table's totals over all its units, above the table so no sideways scroll hides them. */
import { Card, Col, Row, Statistic } from 'antd';
import { useI18n } from '../../../app/i18n.ts';
import type { ProgressRow } from '../api/identification-api.ts';

const TOTALS = ['quota', 'submitted', 'verified', 'approved', 'noticed', 'final', 'removed'] as const;

export function ProgressTotals({ rows }: { rows: ProgressRow[] }) {
  const { t } = useI18n();
  return (
    <Row gutter={[8, 8]} style={{ marginBottom: 12 }} data-testid="progress-totals">
      {TOTALS.map((key) => (
        <Col key={key} xs={8} sm={6} md={3}>
          <Card size="small">
            <Statistic
              title={t(`ident.progress.${key}`)}
              value={rows.reduce((sum, row) => sum + row[key], 0)}
              data-testid={`progress-total-${key}`}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
