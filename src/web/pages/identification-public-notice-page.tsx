/**
 * The public notice (公示) of one unit's list, open to anyone without signing in: masked names,
 * categories and amounts, a form to object or to report a family that was left out, and a lookup
 * for the answer by tracking code. Prints as a poster for the village notice board.
 */
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Result,
  Select,
  Space,
  Spin,
  Table,
  Typography,
} from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useI18n } from '../app/i18n.ts';
import { LanguageSwitch } from '../app/language-switch.tsx';
import { useApiData } from '../app/use-api-data.ts';
import { toApiError } from '../app/use-api-error.tsx';
import {
  getPublicNotice,
  lookupObjection,
  submitObjection,
  type ObjectionStatus,
  type PublicNotice,
} from '../modules/identification/api/identification-api.ts';
import { ObjectionStatusText } from '../modules/identification/components/notices-tab.tsx';

const PRINT_CSS = `
@media print {
  @page { size: A4 portrait; margin: 16mm; }
  body, .wn-public { background: #fff !important; padding: 0 !important; }
  .wn-no-print { display: none !important; }
  .wn-poster { box-shadow: none !important; border: none !important; padding: 0 !important; max-width: none !important; }
  .wn-poster h1 { font-size: 28pt !important; }
  .wn-poster table { font-size: 14pt; }
  .wn-poster .ant-table-thead > tr > th, .wn-poster .ant-table-tbody > tr > td { padding: 6px 8px !important; }
  .wn-poster-page { page-break-after: always; }
}
`;

const LEFT_OUT = 'left-out';

export function PublicNoticePage({ noticeIdParam }: { noticeIdParam: string }) {
  const { t } = useI18n();
  const noticeId = /^\d+$/.test(noticeIdParam) ? Number(noticeIdParam) : 0;
  const notice = useApiData((signal) => getPublicNotice(noticeId, signal), [noticeId]);

  if (notice.error) {
    return (
      <Result
        status={notice.error.status === 404 ? '404' : 'warning'}
        title={
          <span data-testid="public-error">
            {notice.error.status === 404 ? t('public.notFound') : notice.error.message}
          </span>
        }
      />
    );
  }
  if (!notice.data) return <Spin size="large" style={{ display: 'block', margin: '30vh auto' }} />;
  const data = notice.data;

  return (
    <div className="wn-public" style={{ minHeight: '100vh', background: '#f5f5f5', padding: '24px 12px' }}>
      <style>{PRINT_CSS}</style>
      <div style={{ maxWidth: 860, margin: '0 auto' }}>
        <Space className="wn-no-print" style={{ width: '100%', justifyContent: 'flex-end', marginBottom: 12 }}>
          <LanguageSwitch />
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="public-print">
            {t('public.print')}
          </Button>
        </Space>
        <div
          className="wn-poster wn-poster-page"
          style={{ background: '#fff', padding: 32, borderRadius: 8, boxShadow: '0 1px 4px rgba(0,0,0,0.08)' }}
        >
          <Typography.Title
            level={1}
            style={{ textAlign: 'center', fontSize: 28, color: '#a8071a' }}
            data-testid="public-title"
          >
            {t('public.noticeTitle', { unit: data.unitName, campaign: data.campaignName })}
          </Typography.Title>
          <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('ident.quotas.unit')}>
              <span data-testid="public-unit">{data.unitName}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('public.period')}>
              <span data-testid="public-period">{data.period.textZh}</span>
            </Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            rowKey="nominationId"
            pagination={false}
            dataSource={data.entries}
            data-testid="public-entries"
            columns={[
              { title: '#', width: 56, render: (_value, _row, index) => index + 1 },
              { title: t('public.col.name'), dataIndex: 'maskedName' },
              { title: t('public.col.category'), dataIndex: 'category' },
              { title: t('public.col.amount'), dataIndex: 'amountYuan', align: 'right' },
            ]}
          />
          <Typography.Paragraph style={{ marginTop: 16, whiteSpace: 'pre-wrap' }} data-testid="public-how">
            {data.howToObject}
          </Typography.Paragraph>
        </div>
        <div className="wn-no-print" style={{ marginTop: 16, display: 'grid', gap: 16 }}>
          {data.isOpen ? (
            <ObjectionForm notice={data} />
          ) : (
            <Alert type="info" showIcon title={t('public.closed')} data-testid="public-closed" />
          )}
          <LookupBox />
        </div>
      </div>
    </div>
  );
}

interface ObjectionValues {
  about: number | typeof LEFT_OUT;
  text: string;
  contact?: string;
}

function ObjectionForm({ notice }: { notice: PublicNotice }) {
  const { t } = useI18n();
  const { notification } = App.useApp();
  const [form] = Form.useForm<ObjectionValues>();
  const [isBusy, setIsBusy] = useState(false);
  const [trackingCode, setTrackingCode] = useState<string | null>(null);

  const submit = async (values: ObjectionValues) => {
    setIsBusy(true);
    try {
      const code = await submitObjection(notice.id, {
        kind: values.about === LEFT_OUT ? 'left-out' : 'objection',
        nominationId: values.about === LEFT_OUT ? undefined : values.about,
        text: values.text.trim(),
        contact: values.contact?.trim() || undefined,
      });
      setTrackingCode(code);
      form.resetFields();
    } catch (error) {
      const apiError = toApiError(error);
      notification.error({
        key: 'api-error',
        title: t('error.title'),
        description: <div data-testid="api-error-message">{apiError.message}</div>,
      });
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Card title={t('public.objectTitle')} data-testid="public-objection">
      {trackingCode && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={<span data-testid="public-tracking">{t('public.submitted', { code: trackingCode })}</span>}
        />
      )}
      <Form<ObjectionValues> form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item
          name="about"
          label={t('public.about')}
          rules={[{ required: true, message: t('public.aboutRequired') }]}
        >
          <Select<number | typeof LEFT_OUT>
            options={[
              ...notice.entries.map((entry) => ({
                value: entry.nominationId,
                label: `${entry.maskedName}（${entry.category}）`,
              })),
              { value: LEFT_OUT, label: t('public.leftOut') },
            ]}
            data-testid="public-about"
          />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('public.text')}
          rules={[{ required: true, whitespace: true, message: t('public.textRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="public-text" />
        </Form.Item>
        <Form.Item name="contact" label={t('public.contact')}>
          <Input maxLength={100} data-testid="public-contact" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={isBusy} data-testid="public-submit">
          {t('public.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function LookupBox() {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [result, setResult] = useState<ObjectionStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const lookup = async (value: string) => {
    const trimmed = value.trim();
    if (!trimmed) return;
    setIsBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await lookupObjection(trimmed));
    } catch (cause) {
      setError(toApiError(cause).message);
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Card title={t('public.lookupTitle')} data-testid="public-lookup">
      <Space.Compact style={{ maxWidth: 360, width: '100%' }}>
        <Input
          value={code}
          onChange={(event) => setCode(event.target.value)}
          onPressEnter={() => void lookup(code)}
          placeholder={t('public.lookupPlaceholder')}
          maxLength={20}
          data-testid="public-lookup-code"
        />
        <Button type="primary" loading={isBusy} onClick={() => void lookup(code)} data-testid="public-lookup-submit">
          {t('public.lookup')}
        </Button>
      </Space.Compact>
      {error && (
        <Alert type="warning" showIcon style={{ marginTop: 12 }} title={error} data-testid="public-lookup-error" />
      )}
      {result && (
        <Descriptions column={1} size="small" style={{ marginTop: 12 }} data-testid="public-lookup-result">
          <Descriptions.Item label={t('ident.objections.kind')}>
            {t(`ident.objections.kind.${result.kind}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('public.status')}>
            <ObjectionStatusText status={result.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('public.answer')}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{result.answer ?? t('public.notAnswered')}</span>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
