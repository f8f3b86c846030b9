/**
 * 推荐困难家庭 (篇八: "大家可推荐活动对象"): anyone, without signing in, recommends a family to a unit
 * of the campaign and gets a tracking code; the unit's clerk answers in the recommendation inbox, and
 * the answer is read back here by code.
 */
import { Alert, Button, Card, Descriptions, Form, Input, Result, Select, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../app/i18n.ts';
import { LanguageSwitch } from '../app/language-switch.tsx';
import { useApiData } from '../app/use-api-data.ts';
import { toApiError } from '../app/use-api-error.tsx';
import { useSubmit } from '../app/use-submit.ts';
import {
  getRecommendationForm,
  lookupRecommendation,
  submitRecommendation,
  type RecommendationInput,
} from '../modules/identification/api/identification-api.ts';

export function PublicRecommendPage({ campaignIdParam }: { campaignIdParam: string }) {
  const { t } = useI18n();
  const campaignId = /^\d+$/.test(campaignIdParam) ? Number(campaignIdParam) : 0;
  const info = useApiData((signal) => getRecommendationForm(campaignId, signal), [campaignId]);

  if (info.error) {
    return (
      <Result
        status={info.error.status === 404 ? '404' : 'warning'}
        title={<span data-testid="public-error">{info.error.message}</span>}
      />
    );
  }
  if (!info.data) return <Spin size="large" style={{ display: 'block', margin: '30vh auto' }} />;
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5', padding: '24px 12px' }}>
      <div style={{ maxWidth: 640, margin: '0 auto' }}>
        <Space style={{ width: '100%', justifyContent: 'flex-end', marginBottom: 12 }}>
          <LanguageSwitch />
        </Space>
        <Typography.Title level={3} style={{ textAlign: 'center' }} data-testid="recommend-title">
          {t('public.rec.title', { campaign: info.data.campaignName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t('public.rec.intro', { organiser: info.data.organiserName })}
        </Typography.Paragraph>
        <RecommendForm campaignId={campaignId} units={info.data.units} />
        <LookupCard />
      </div>
    </div>
  );
}

function RecommendForm({ campaignId, units }: { campaignId: number; units: { id: number; name: string }[] }) {
  const { t } = useI18n();
  const [form] = Form.useForm<RecommendationInput>();
  const { isBusy, run } = useSubmit(form);
  const [code, setCode] = useState<string | null>(null);

  const submit = async (values: RecommendationInput) => {
    await run(async () => {
      setCode(await submitRecommendation(campaignId, values));
      form.resetFields();
    });
  };

  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <Card title={t('public.rec.formTitle')} style={{ marginBottom: 16 }} data-testid="recommend-form">
      {code && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={<span data-testid="recommend-tracking">{t('public.rec.submitted', { code })}</span>}
        />
      )}
      <Form<RecommendationInput> form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item
          name="unitId"
          label={t('public.rec.unit')}
          rules={[{ required: true, message: t('public.rec.unitRequired') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            options={units.map((unit) => ({ value: unit.id, label: unit.name }))}
            data-testid="recommend-unit"
          />
        </Form.Item>
        <Form.Item name="familyName" label={t('public.rec.family')} rules={required(t('ident.nom.required'))}>
          <Input maxLength={50} data-testid="recommend-family" />
        </Form.Item>
        <Form.Item name="address" label={t('ident.rec.address')} rules={required(t('ident.nom.required'))}>
          <Input maxLength={200} data-testid="recommend-address" />
        </Form.Item>
        <Form.Item name="situation" label={t('ident.rec.situation')} rules={required(t('ident.nom.required'))}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="recommend-situation" />
        </Form.Item>
        <Form.Item name="recommenderName" label={t('public.rec.you')} rules={required(t('ident.nom.required'))}>
          <Input maxLength={50} data-testid="recommend-name" />
        </Form.Item>
        <Form.Item
          name="recommenderContact"
          label={t('public.rec.contact')}
          extra={t('public.rec.contactHelp')}
          rules={required(t('ident.nom.required'))}
        >
          <Input maxLength={100} data-testid="recommend-contact" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={isBusy} block data-testid="recommend-submit">
          {t('public.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function LookupCard() {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [result, setResult] = useState<{ status: string; note: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const lookup = async () => {
    setError(null);
    setResult(null);
    try {
      setResult(await lookupRecommendation(code.trim()));
    } catch (cause) {
      setError(toApiError(cause).message);
    }
  };

  return (
    <Card title={t('public.lookupTitle')} data-testid="recommend-lookup">
      <Space.Compact style={{ maxWidth: 360, width: '100%' }}>
        <Input
          value={code}
          onChange={(event) => setCode(event.target.value)}
          onPressEnter={() => void lookup()}
          placeholder={t('public.lookupPlaceholder')}
          maxLength={20}
          data-testid="recommend-lookup-code"
        />
        <Button type="primary" onClick={() => void lookup()} data-testid="recommend-lookup-submit">
          {t('public.lookup')}
        </Button>
      </Space.Compact>
      {error && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={error} />}
      {result && (
        <Descriptions
          column={1}
          size="small"
          style={{ marginTop: 12 }}
          data-testid="recommend-lookup-result"
          items={[
            {
              key: 'status',
              label: t('public.status'),
              children: ['open', 'accepted', 'declined'].includes(result.status)
                ? t(`ident.rec.status.${result.status as 'open' | 'accepted' | 'declined'}`)
                : result.status,
            },
            { key: 'note', label: t('public.answer'), children: result.note ?? t('public.notAnswered') },
          ]}
        />
      )}
    </Card>
  );
}
