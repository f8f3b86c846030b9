import { Button, Card, Col, Empty, Form, Input, Row, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../../../app/i18n.ts';

export function ActivitiesTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  return (
    <Form.List name="activities">
      {(fields, { add, remove }) => (
        <div style={{ maxWidth: 1000 }}>
          <Typography.Paragraph type="secondary">{t('activities.help')}</Typography.Paragraph>
          {fields.length === 0 && <Empty description={t('activities.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              style={{ marginBottom: 12 }}
              title={t('activities.numbered', { n: index + 1 })}
              data-testid={`activity-row-${index}`}
              extra={
                canEdit && (
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                    {t('common.remove')}
                  </Button>
                )
              }
            >
              <Row gutter={12}>
                <Col xs={24} md={10}>
                  <Form.Item
                    name={[field.name, 'title']}
                    label={t('activities.title')}
                    rules={[{ required: true, whitespace: true, message: t('activities.titleRequired') }]}
                  >
                    <Input
                      maxLength={200}
                      placeholder={t('activities.titlePlaceholder')}
                      data-testid={`activity-${index}-title`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={9}>
                  <Form.Item
                    name={[field.name, 'responsibleUnits']}
                    label={t('activities.responsibleUnits')}
                    rules={[{ required: true, whitespace: true, message: t('activities.responsibleUnitsRequired') }]}
                  >
                    <Input
                      maxLength={400}
                      placeholder={t('activities.responsibleUnitsPlaceholder')}
                      data-testid={`activity-${index}-units`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={5}>
                  <Form.Item
                    name={[field.name, 'dueOn']}
                    label={t('activities.dueOn')}
                    rules={[{ pattern: /^(\d{4}-\d{2}-\d{2})?$/, message: t('phases.dateInvalid') }]}
                  >
                    <Input type="date" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name={[field.name, 'description']}
                label={t('activities.description')}
                style={{ marginBottom: 0 }}
              >
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 8 }} maxLength={4000} />
              </Form.Item>
            </Card>
          ))}
          {canEdit && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ title: '', responsibleUnits: '', dueOn: '', description: '' })}
              data-testid="activity-add"
            >
              {t('activities.add')}
            </Button>
          )}
        </div>
      )}
    </Form.List>
  );
}
