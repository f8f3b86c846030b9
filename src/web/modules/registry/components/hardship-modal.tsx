import { App, Form, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../../app/i18n.ts';
import { splitFieldPath } from '../../../app/use-api-error.tsx';
import { useSubmit } from '../../../app/use-submit.ts';
import { addHardshipRecord, type PersonDetail } from '../api/registry-api.ts';
import { HARDSHIP_SERVER_FIELDS, HardshipFields, toHardshipInput, type HardshipValues } from './hardship-fields.tsx';

/** A new dated entry on the hardship timeline; earlier entries are never changed. */
export function HardshipModal({
  open,
  person,
  onClose,
  onSaved,
}: {
  open: boolean;
  person: PersonDetail;
  onClose(): void;
  onSaved(person: PersonDetail): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<HardshipValues>();
  const { isBusy: isSaving, run } = useSubmit(form, (field) => {
    const name = HARDSHIP_SERVER_FIELDS[String(splitFieldPath(field)[0])];
    return name ? [name] : null;
  });

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = async () => {
    const values = await form.validateFields();
    const input = toHardshipInput(values);
    if (!input) {
      message.warning(t('registry.hardship.empty'));
      return;
    }
    await run(async () => {
      const saved = await addHardshipRecord(person.id, input);
      message.success(t('registry.hardship.added'));
      onSaved(saved);
    });
  };

  return (
    <Modal
      open={open}
      title={t('registry.hardship.addTitle', { name: person.name })}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('common.save')}
      confirmLoading={isSaving}
      okButtonProps={{ 'data-testid': 'hardship-submit' }}
      width={640}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('registry.hardship.addHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <HardshipFields prefix={[]} testIdPrefix="hardship" />
      </Form>
    </Modal>
  );
}
