/**
 * The fields of one hardship record (cause, monthly income in yuan, illness, disability, notes), for
 * the new-person form and the "add a record" form. The income is typed in yuan and sent in fen.
 */
import { Col, Form, Input, Row } from 'antd';
import { useI18n } from '../../../app/i18n.ts';
import { parseYuanInput, yuanRule } from '../../../app/money-input.ts';
import type { HardshipInput } from '../api/registry-api.ts';

export interface HardshipValues {
  cause?: string;
  monthlyIncomeYuan?: string;
  illness?: string;
  disability?: string;
  notes?: string;
}

/** Form name → server field, for placing server errors ("hardship.monthlyIncomeFen" → income). */
export const HARDSHIP_SERVER_FIELDS: Record<string, keyof HardshipValues> = {
  cause: 'cause',
  monthlyIncomeFen: 'monthlyIncomeYuan',
  illness: 'illness',
  disability: 'disability',
  notes: 'notes',
};

function text(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed ? trimmed : null;
}

/** null when nothing was filled in: no empty record in the timeline. */
export function toHardshipInput(values: HardshipValues | undefined): HardshipInput | null {
  if (!values) return null;
  const income = parseYuanInput(values.monthlyIncomeYuan);
  const input: HardshipInput = {
    cause: text(values.cause),
    monthlyIncomeFen: income.isValid ? income.fen : null,
    illness: text(values.illness),
    disability: text(values.disability),
    notes: text(values.notes),
  };
  return Object.values(input).every((value) => value === null) ? null : input;
}

export function HardshipFields({ prefix, testIdPrefix }: { prefix: (string | number)[]; testIdPrefix: string }) {
  const { t } = useI18n();
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={14}>
          <Form.Item name={[...prefix, 'cause']} label={t('registry.hardship.cause')}>
            <Input
              maxLength={200}
              placeholder={t('registry.hardship.causePlaceholder')}
              data-testid={`${testIdPrefix}-cause`}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item
            name={[...prefix, 'monthlyIncomeYuan']}
            label={t('registry.hardship.income')}
            rules={[yuanRule(t)]}
            extra={t('registry.hardship.incomeHelp')}
          >
            <Input inputMode="decimal" suffix={t('common.yuan')} data-testid={`${testIdPrefix}-income`} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name={[...prefix, 'illness']} label={t('registry.hardship.illness')}>
            <Input maxLength={200} data-testid={`${testIdPrefix}-illness`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={[...prefix, 'disability']} label={t('registry.hardship.disability')}>
            <Input maxLength={200} data-testid={`${testIdPrefix}-disability`} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={[...prefix, 'notes']} label={t('registry.hardship.notes')}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} data-testid={`${testIdPrefix}-notes`} />
      </Form.Item>
    </>
  );
}
