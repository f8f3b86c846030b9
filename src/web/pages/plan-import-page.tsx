import { App, Button, Card, Col, Form, Input, InputNumber, Row, Space, Typography, Upload } from 'antd';
import { FileSearchOutlined, FileTextOutlined, RocketOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useAccount, useAuth } from '../app/auth.tsx';
import { useI18n } from '../app/i18n.ts';
import { navigate } from '../app/router.tsx';
import { useSubmit } from '../app/use-submit.ts';
import { importPlanText, lintPlanText, type PlanReading } from '../modules/campaign/api/campaign-api.ts';
import { defaultCampaignYear } from '../modules/campaign/campaign-labels.ts';
import { PlanLintResult } from '../modules/campaign/components/plan-lint-result.tsx';
import { UnitPicker } from '../modules/org/components/unit-tree.tsx';
import { useUnits } from '../modules/org/hooks/use-units.ts';

/** Reads a .txt as UTF-8; a file saved by Windows Notepad in GBK is read again as GB18030. */
async function readTextFile(file: File): Promise<string> {
  const read = (encoding: string) =>
    new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result ?? ''));
      reader.onerror = () => reject(reader.error ?? new Error('read failed'));
      reader.readAsText(file, encoding);
    });
  const utf8 = await read('utf-8');
  if (!utf8.includes('\uFFFD')) return utf8;
  const gb = await read('gb18030');
  return gb.includes('\uFFFD') ? utf8 : gb;
}

interface DraftValues {
  organiserUnitId: number;
  name?: string;
  year?: number;
}

export function PlanImportPage() {
  const { t } = useI18n();
  const account = useAccount();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { units } = useUnits();
  const [text, setText] = useState('');
  const [reading, setReading] = useState<PlanReading | null>(null);
  const [checkedText, setCheckedText] = useState<string | null>(null);
  const [form] = Form.useForm<DraftValues>();
  const { isBusy: isChecking, run: runCheck } = useSubmit();
  const { isBusy: isCreating, run: runCreate } = useSubmit(form);
  const canCreate = can('campaigns.manage');

  const check = async () => {
    if (!text.trim()) {
      message.warning(t('import.textRequired'));
      return;
    }
    await runCheck(async () => {
      const result = await lintPlanText(text);
      setReading(result);
      setCheckedText(text);
      if (result.title && !form.getFieldValue('name')) form.setFieldsValue({ name: result.title });
    });
  };

  const create = async () => {
    const values = await form.validateFields();
    await runCreate(async () => {
      const created = await importPlanText({
        text,
        organiserUnitId: values.organiserUnitId,
        name: values.name?.trim() || undefined,
        year: values.year ?? undefined,
      });
      message.success(t('import.created', { count: created.campaign.categories.length }));
      navigate(`/campaigns/${created.campaign.id}?tab=categories`);
    });
  };

  const isCheckedTextCurrent = checkedText !== null && checkedText === text;

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('import.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('import.help')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Input.TextArea
          value={text}
          onChange={(event) => setText(event.target.value)}
          autoSize={{ minRows: 10, maxRows: 24 }}
          placeholder={t('import.placeholder')}
          data-testid="plan-text"
          style={{ fontFamily: 'inherit' }}
        />
        <Space style={{ marginTop: 12 }} wrap>
          <Button
            type="primary"
            icon={<FileSearchOutlined />}
            onClick={() => void check()}
            loading={isChecking}
            data-testid="plan-check"
          >
            {t('import.check')}
          </Button>
          <Upload
            accept=".txt,text/plain"
            showUploadList={false}
            beforeUpload={(file) => {
              readTextFile(file)
                .then((content) => {
                  setText(content);
                  setReading(null);
                  message.success(t('import.fileRead', { name: file.name }));
                })
                .catch(() => message.error(t('import.fileFailed')));
              return false;
            }}
          >
            <Button icon={<FileTextOutlined />} data-testid="plan-upload">
              {t('import.upload')}
            </Button>
          </Upload>
          {text && (
            <Button
              onClick={() => {
                setText('');
                setReading(null);
                setCheckedText(null);
              }}
            >
              {t('import.clear')}
            </Button>
          )}
          <Typography.Text type="secondary">{t('import.charCount', { count: text.length })}</Typography.Text>
        </Space>
      </Card>

      {reading && (
        <Card size="small" title={t('import.resultTitle')} style={{ marginBottom: 16 }}>
          {!isCheckedTextCurrent && (
            <Typography.Paragraph type="warning">{t('import.textChanged')}</Typography.Paragraph>
          )}
          <PlanLintResult reading={reading} />
        </Card>
      )}

      {reading && canCreate && (
        <Card size="small" title={t('import.draftTitle')}>
          <Typography.Paragraph type="secondary">
            {reading.problems.length > 0 ? t('import.draftHelpProblems') : t('import.draftHelp')}
          </Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ organiserUnitId: account.unitId, year: defaultCampaignYear(), name: reading.title ?? '' }}
          >
            <Row gutter={12}>
              <Col xs={24} md={8}>
                <Form.Item
                  name="organiserUnitId"
                  label={t('campaign.organiser')}
                  rules={[{ required: true, message: t('campaign.organiserRequired') }]}
                >
                  <UnitPicker units={units} testId="import-organiser" />
                </Form.Item>
              </Col>
              <Col xs={24} md={11}>
                <Form.Item name="name" label={t('campaign.name')} extra={t('import.nameHelp')}>
                  <Input maxLength={120} data-testid="import-name" />
                </Form.Item>
              </Col>
              <Col xs={24} md={5}>
                <Form.Item
                  name="year"
                  label={t('campaign.year')}
                  rules={[{ type: 'integer', min: 2000, max: 2100, message: t('campaign.yearInvalid') }]}
                >
                  <InputNumber
                    min={2000}
                    max={2100}
                    precision={0}
                    style={{ width: '100%' }}
                    data-testid="import-year"
                  />
                </Form.Item>
              </Col>
            </Row>
            <Button
              type="primary"
              icon={<RocketOutlined />}
              onClick={() => void create().catch(() => undefined)}
              loading={isCreating}
              disabled={!isCheckedTextCurrent}
              data-testid="plan-create"
            >
              {t('import.create')}
            </Button>
          </Form>
        </Card>
      )}
    </div>
  );
}
