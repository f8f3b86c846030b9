/**
 * The eligibility checklist of a category (篇三: serious illness or an accident, and in every case no
 * large savings), as the clerk ticks it when nominating. The server checks it again.
 */
import { Checkbox, Form, Typography } from 'antd';
import { useI18n } from '../../../app/i18n.ts';
import type { Criterion } from '../api/identification-api.ts';

export function ChecklistFields({ criteria }: { criteria: Criterion[] }) {
  const { t } = useI18n();
  if (criteria.length === 0) return null;
  const required = criteria.filter((criterion) => criterion.required);
  const grounds = criteria.filter((criterion) => !criterion.required);
  return (
    <div data-testid="checklist">
      <Typography.Text strong>{t('ident.checklist.title')}</Typography.Text>
      {grounds.length > 0 && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('ident.checklist.oneOf')}</Typography.Text>
          {grounds.map((criterion) => (
            <CriterionBox key={criterion.key} criterion={criterion} />
          ))}
        </div>
      )}
      {required.length > 0 && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('ident.checklist.all')}</Typography.Text>
          {required.map((criterion) => (
            <CriterionBox key={criterion.key} criterion={criterion} />
          ))}
        </div>
      )}
    </div>
  );
}

function CriterionBox({ criterion }: { criterion: Criterion }) {
  return (
    <Form.Item name={['checklist', criterion.key]} valuePropName="checked" style={{ marginBottom: 4 }}>
      <Checkbox data-testid={`checklist-${criterion.key}`}>{criterion.label}</Checkbox>
    </Form.Item>
  );
}

/** The answers as the API takes them: every criterion true or false. */
export function checklistAnswers(criteria: Criterion[], values: Record<string, boolean | undefined> | undefined) {
  return Object.fromEntries(criteria.map((criterion) => [criterion.key, values?.[criterion.key] === true]));
}
