import { App, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { useAccount } from '../../../app/auth.tsx';
import { useI18n } from '../../../app/i18n.ts';
import { useSubmit } from '../../../app/use-submit.ts';
import type { Unit } from '../../org/api/org-api.ts';
import { UnitPicker } from '../../org/components/unit-tree.tsx';
import { createCampaign, type CampaignView } from '../api/campaign-api.ts';
import { defaultCampaignYear } from '../campaign-labels.ts';

interface CreateValues {
  name: string;
  year: number;
  organiserUnitId: number;
  slogan?: string;
}

export function CreateCampaignModal({
  open,
  onClose,
  units,
  onCreated,
}: {
  open: boolean;
  onClose(): void;
  units: Unit[];
  onCreated(view: CampaignView): void;
}) {
  const { t } = useI18n();
  const account = useAccount();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const { isBusy: isSaving, run } = useSubmit(form);

  // fresh defaults each time the dialog opens; never overwrite what the user typed meanwhile
  useEffect(() => {
    if (!open) return;
    const year = defaultCampaignYear();
    form.resetFields();
    form.setFieldsValue({ name: t('campaigns.defaultName', { year, unit: account.unitName }), year, slogan: '' });
  }, [open, form, t, account.unitName]);

  // the unit list may arrive after the dialog opened: then propose the account's own unit
  useEffect(() => {
    if (!open || units.length === 0 || form.getFieldValue('organiserUnitId')) return;
    const hasOwnUnit = units.some((unit) => unit.id === account.unitId);
    form.setFieldsValue({ organiserUnitId: hasOwnUnit ? account.unitId : units[0]?.id });
  }, [open, units, account.unitId, form]);

  const submit = async () => {
    const values = await form.validateFields();
    await run(async () => {
      const view = await createCampaign({
        name: values.name.trim(),
        year: values.year,
        organiserUnitId: values.organiserUnitId,
        slogan: values.slogan?.trim() || null,
      });
      message.success(t('campaigns.created'));
      onCreated(view);
    });
  };

  return (
    <Modal
      open={open}
      title={t('campaigns.createTitle')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('campaigns.createOk')}
      confirmLoading={isSaving}
      okButtonProps={{ 'data-testid': 'campaign-create-submit', disabled: units.length === 0 }}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('campaigns.createHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="name"
          label={t('campaign.name')}
          rules={[{ required: true, whitespace: true, message: t('campaign.nameRequired') }]}
        >
          <Input maxLength={120} data-testid="campaign-create-name" />
        </Form.Item>
        <Form.Item
          name="year"
          label={t('campaign.year')}
          rules={[{ required: true, type: 'integer', min: 2000, max: 2100, message: t('campaign.yearInvalid') }]}
        >
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} data-testid="campaign-create-year" />
        </Form.Item>
        <Form.Item
          name="organiserUnitId"
          label={t('campaign.organiser')}
          rules={[{ required: true, message: t('campaign.organiserRequired') }]}
          extra={t('campaigns.organiserHelp')}
        >
          <UnitPicker units={units} testId="campaign-create-organiser" />
        </Form.Item>
        <Form.Item name="slogan" label={t('campaign.slogan')}>
          <Input maxLength={200} placeholder={t('campaign.sloganPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
