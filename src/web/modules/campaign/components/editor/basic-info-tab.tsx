import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useI18n } from '../../../../app/i18n.ts';
import { CAMPAIGN_STATUSES, statusLabel } from '../../campaign-labels.ts';

export function BasicInfoTab({ organiserUnitName }: { organiserUnitName: string }) {
  const { t } = useI18n();
  return (
    <div style={{ maxWidth: 880 }}>
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Form.Item
            name="name"
            label={t('campaign.name')}
            rules={[{ required: true, whitespace: true, message: t('campaign.nameRequired') }]}
          >
            <Input maxLength={120} placeholder={t('campaign.namePlaceholder')} data-testid="campaign-name" />
          </Form.Item>
        </Col>
        <Col xs={12} md={5}>
          <Form.Item
            name="year"
            label={t('campaign.year')}
            rules={[{ required: true, type: 'integer', min: 2000, max: 2100, message: t('campaign.yearInvalid') }]}
          >
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} data-testid="campaign-year" />
          </Form.Item>
        </Col>
        <Col xs={12} md={5}>
          <Form.Item name="status" label={t('campaign.status')} rules={[{ required: true }]}>
            <Select
              options={CAMPAIGN_STATUSES.map((status) => ({ value: status, label: statusLabel(status, t) }))}
              data-testid="campaign-status"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('campaign.organiser')}>
        <Input value={organiserUnitName} disabled />
      </Form.Item>
      <Form.Item name="slogan" label={t('campaign.slogan')} extra={t('campaign.sloganHelp')}>
        <Input maxLength={200} data-testid="campaign-slogan" />
      </Form.Item>
      <Form.Item name="purpose" label={t('campaign.purpose')} extra={t('campaign.purposeHelp')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={8000} data-testid="campaign-purpose" />
      </Form.Item>
      <Form.Item name="requirements" label={t('campaign.requirements')} extra={t('campaign.requirementsHelp')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={8000} data-testid="campaign-requirements" />
      </Form.Item>
    </div>
  );
}
