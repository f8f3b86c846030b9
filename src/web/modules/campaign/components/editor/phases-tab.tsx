import { Button, Card, Col, Empty, Form, Input, Row, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useI18n } from '../../../../app/i18n.ts';
import type { PhaseRow } from '../../campaign-form.ts';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** 篇四: 准备 → 宣传 → 慰问 → 总结, the phases nearly every plan has. */
const USUAL_PHASES = [
  'phases.usual.prepare',
  'phases.usual.publicise',
  'phases.usual.visit',
  'phases.usual.summarise',
] as const;

export function PhasesTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  return (
    <Form.List name="phases">
      {(fields, { add, remove }) => (
        <div style={{ maxWidth: 1000 }}>
          <Typography.Paragraph type="secondary">{t('phases.help')}</Typography.Paragraph>
          {fields.length === 0 && <Empty description={t('phases.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              style={{ marginBottom: 12 }}
              title={t('phases.numbered', { n: index + 1 })}
              data-testid={`phase-row-${index}`}
              extra={
                canEdit && (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    data-testid={`phase-remove-${index}`}
                  >
                    {t('common.remove')}
                  </Button>
                )
              }
            >
              <Row gutter={12}>
                <Col xs={24} md={8}>
                  <Form.Item
                    name={[field.name, 'name']}
                    label={t('phases.name')}
                    rules={[{ required: true, whitespace: true, message: t('phases.nameRequired') }]}
                  >
                    <Input
                      maxLength={60}
                      placeholder={t('phases.namePlaceholder')}
                      data-testid={`phase-${index}-name`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item
                    name={[field.name, 'startsOn']}
                    label={t('phases.startsOn')}
                    rules={[
                      { required: true, message: t('phases.dateRequired') },
                      { pattern: DATE_PATTERN, message: t('phases.dateInvalid') },
                    ]}
                  >
                    <Input type="date" data-testid={`phase-${index}-starts`} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item
                    name={[field.name, 'endsOn']}
                    label={t('phases.endsOn')}
                    dependencies={[['phases', field.name, 'startsOn']]}
                    rules={[
                      { required: true, message: t('phases.dateRequired') },
                      { pattern: DATE_PATTERN, message: t('phases.dateInvalid') },
                      ({ getFieldValue }) => ({
                        validator: async (_rule, value: string | undefined) => {
                          const phase = getFieldValue(['phases', field.name]) as PhaseRow | undefined;
                          if (value && phase?.startsOn && value < phase.startsOn)
                            throw new Error(t('phases.endBeforeStart'));
                        },
                      }),
                    ]}
                  >
                    <Input type="date" data-testid={`phase-${index}-ends`} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name={[field.name, 'description']} label={t('phases.description')} style={{ marginBottom: 0 }}>
                <Input.TextArea
                  autoSize={{ minRows: 1, maxRows: 6 }}
                  maxLength={2000}
                  placeholder={t('phases.descriptionPlaceholder')}
                />
              </Form.Item>
            </Card>
          ))}
          {canEdit && (
            <Space wrap>
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ name: '', startsOn: '', endsOn: '', description: '' })}
                data-testid="phase-add"
              >
                {t('phases.add')}
              </Button>
              {fields.length === 0 && (
                <Button
                  icon={<ThunderboltOutlined />}
                  onClick={() =>
                    USUAL_PHASES.forEach((key) => add({ name: t(key), startsOn: '', endsOn: '', description: '' }))
                  }
                >
                  {t('phases.addUsual')}
                </Button>
              )}
            </Space>
          )}
        </div>
      )}
    </Form.List>
  );
}
