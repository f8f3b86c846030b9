/** The progress table's totals over all its units, above the table so no sideways scroll hides them. */
import { Card, Col, Row, Statistic } from 'antd';
import { useI18n } from '../../../app/i18n.ts';
import { useUnits } from '../../org/hooks/use-units.ts';
import type { ProgressRow } from '../api/identification-api.ts';
import { PROGRESS_TOTALS, progressTotals } from '../progress-totals.ts';

export function ProgressTotals({ rows }: { rows: ProgressRow[] }) {
  const { t } = useI18n();
  const { byId } = useUnits();
  const totals = progressTotals(rows, (unitId) => byId.get(unitId)?.path);
  return (
    <Row gutter={[8, 8]} style={{ marginBottom: 12 }} data-testid="progress-totals">
      {PROGRESS_TOTALS.map((key) => (
        <Col key={key} xs={8} sm={6} md={3}>
          <Card size="small">
            <Statistic title={t(`ident.progress.${key}`)} value={totals[key]} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
