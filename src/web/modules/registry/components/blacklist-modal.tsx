/**
 * 新增限制: bar a person (found by search) or a whole unit (e.g. one that sent false reports, 篇四)
 * until a date, with the reason. A unit cannot bar itself; a unit above it can.
 */
import { App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import { useEffect } from 'react';
import { useAccount } from '../../../app/auth.tsx';
import { useI18n } from '../../../app/i18n.ts';
import { useSubmit } from '../../../app/use-submit.ts';
import type { Unit } from '../../org/api/org-api.ts';
import { UnitPicker } from '../../org/components/unit-tree.tsx';
import { addBlacklistEntry, type BlacklistEntry } from '../api/registry-api.ts';
import { todayInShanghai } from '../registry-labels.ts';
import { PersonPicker } from './person-picker.tsx';

/** What antd's DatePicker hands the form (a dayjs object); only its formatting is needed here. */
interface PickedDate {
  format(template: string): string;
}

interface BlacklistValues {
  subjectKind: 'person' | 'unit';
  personId?: number;
  unitId?: number;
  reason: string;
  until?: PickedDate;
}

export function BlacklistModal({
  open,
  units,
  onClose,
  onAdded,
}: {
  open: boolean;
  units: Unit[];
  onClose(): void;
  onAdded(entry: BlacklistEntry): void;
}) {
  const { t } = useI18n();
  const account = useAccount();
  const { message } = App.useApp();
  const [form] = Form.useForm<BlacklistValues>();
  const { isBusy: isSaving, run } = useSubmit(form);
  const kind = Form.useWatch('subjectKind', form) ?? 'person';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ subjectKind: 'person' });
  }, [open, form]);

  const submit = async () => {
    const values = await form.validateFields();
    await run(async () => {
      const entry = await addBlacklistEntry({
        subjectKind: values.subjectKind,
        ...(values.subjectKind === 'person' ? { personId: values.personId } : { unitId: values.unitId }),
        reason: values.reason.trim(),
        until: values.until!.format('YYYY-MM-DD'),
      });
      message.success(t('registry.blacklist.added'));
      onAdded(entry);
    });
  };

  const today = todayInShanghai();
  return (
    <Modal
      open={open}
      title={t('registry.blacklist.addTitle')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('registry.blacklist.addOk')}
      confirmLoading={isSaving}
      okButtonProps={{ 'data-testid': 'blacklist-submit' } as Record<string, string>}
      width={600}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical">
        <Form.Item name="subjectKind" label={t('registry.blacklist.subjectKind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'person', label: t('registry.blacklist.kind.person') },
              { value: 'unit', label: t('registry.blacklist.kind.unit') },
            ]}
            data-testid="blacklist-kind"
          />
        </Form.Item>
        {kind === 'person' ? (
          <Form.Item
            name="personId"
            label={t('registry.blacklist.person')}
            rules={[{ required: true, message: t('registry.blacklist.personRequired') }]}
          >
            <PersonPicker testId="blacklist-person" />
          </Form.Item>
        ) : (
          <Form.Item
            name="unitId"
            label={t('registry.blacklist.unit')}
            rules={[{ required: true, message: t('registry.blacklist.unitRequired') }]}
            extra={t('registry.blacklist.unitHelp')}
          >
            <UnitPicker units={units.filter((unit) => unit.id !== account.unitId)} testId="blacklist-unit" />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('registry.blacklist.reason')}
          rules={[{ required: true, whitespace: true, message: t('registry.blacklist.reasonRequired') }]}
        >
          <Input.TextArea
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder={t('registry.blacklist.reasonPlaceholder')}
            data-testid="blacklist-reason"
          />
        </Form.Item>
        <Form.Item
          name="until"
          label={t('registry.blacklist.until')}
          rules={[{ required: true, message: t('registry.blacklist.untilRequired') }]}
          extra={t('registry.blacklist.untilHelp')}
        >
          <DatePicker
            style={{ width: 200 }}
            format="YYYY-MM-DD"
            disabledDate={(current: PickedDate) => current.format('YYYY-MM-DD') < today}
            data-testid="blacklist-until"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
