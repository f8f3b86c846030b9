/** 申报: one person from the registry into a category, with the checklist and the person's consent. */
import { App, Button, Checkbox, Form, Modal, Select, Space } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useAccount } from '../../../app/auth.tsx';
import { useI18n } from '../../../app/i18n.ts';
import { useSubmit } from '../../../app/use-submit.ts';
import type { CampaignCategory } from '../../campaign/api/campaign-api.ts';
import type { Unit } from '../../org/api/org-api.ts';
import { UnitPicker } from '../../org/components/unit-tree.tsx';
import { PersonPicker } from '../../registry/components/person-picker.tsx';
import { PersonCreateModal } from '../../registry/components/person-create-modal.tsx';
import { useCategories } from '../../registry/hooks/use-categories.ts';
import type { PersonSummary } from '../../registry/api/registry-api.ts';
import { useUnits } from '../../org/hooks/use-units.ts';
import { nominate, type CategorySetting } from '../api/identification-api.ts';
import { checklistAnswers, ChecklistFields } from './checklist-fields.tsx';

export interface NominationValues {
  personId: number;
  categoryId: number;
  unitId: number;
  consent: boolean;
  checklist?: Record<string, boolean>;
}

/** Person, category, the category's checklist and consent: shared by a nomination and a recommendation taken up. */
export function NominationFields({
  categories,
  categorySettings,
  units,
}: {
  categories: CampaignCategory[];
  categorySettings: CategorySetting[];
  /** absent: the unit is fixed (a recommendation's unit) */
  units?: Unit[];
}) {
  const { t } = useI18n();
  const form = Form.useFormInstance<NominationValues>();
  const categoryId = Form.useWatch('categoryId', form);
  const criteria = categorySettings.find((entry) => entry.categoryId === categoryId)?.criteria ?? [];
  const [isRegistering, setIsRegistering] = useState(false);
  const [registered, setRegistered] = useState<PersonSummary | null>(null);
  return (
    <>
      <Form.Item label={t('ident.nom.person')} required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="personId" noStyle rules={[{ required: true, message: t('ident.nom.personRequired') }]}>
            <PersonPicker testId="nominate-person" added={registered} />
          </Form.Item>
          <Button icon={<UserAddOutlined />} onClick={() => setIsRegistering(true)} data-testid="nominate-register">
            {t('ident.nom.register')}
          </Button>
        </Space.Compact>
      </Form.Item>
      {/* mounted only while open: a closed modal left in the page would be a second dialog */}
      {isRegistering && (
        <RegisterPersonModal
          onClose={() => setIsRegistering(false)}
          onCreated={(person) => {
            setIsRegistering(false);
            setRegistered(person);
            form.setFieldValue('personId', person.id);
            void form.validateFields(['personId']);
          }}
        />
      )}
      <Form.Item
        name="categoryId"
        label={t('ident.nom.category')}
        rules={[{ required: true, message: t('ident.nom.categoryRequired') }]}
      >
        <Select
          options={categories.map((category) => ({ value: category.id, label: category.name }))}
          data-testid="nominate-category"
        />
      </Form.Item>
      {units && (
        <Form.Item
          name="unitId"
          label={t('ident.nom.unit')}
          rules={[{ required: true, message: t('ident.nom.unitRequired') }]}
        >
          <UnitPicker units={units} testId="nominate-unit" />
        </Form.Item>
      )}
      <ChecklistFields criteria={criteria} />
      <Form.Item
        name="consent"
        valuePropName="checked"
        rules={[
          {
            validator: async (_rule, value: boolean | undefined) => {
              if (!value) throw new Error(t('ident.nom.consentRequired'));
            },
          },
        ]}
      >
        <Checkbox data-testid="nominate-consent">{t('ident.nom.consent')}</Checkbox>
      </Form.Item>
    </>
  );
}

/** 新登记: someone not in the registry yet is registered (as on the registry page) and chosen at once. */
function RegisterPersonModal({ onClose, onCreated }: { onClose(): void; onCreated(person: PersonSummary): void }) {
  const { units } = useUnits();
  const { categories } = useCategories();
  return <PersonCreateModal open onClose={onClose} units={units} categories={categories} onCreated={onCreated} />;
}

/** The values as the API takes them, the checklist complete for the chosen category. */
export function nominationBody(values: Omit<NominationValues, 'unitId'>, categorySettings: CategorySetting[]) {
  const criteria = categorySettings.find((entry) => entry.categoryId === values.categoryId)?.criteria ?? [];
  return {
    personId: values.personId,
    categoryId: values.categoryId,
    consent: values.consent === true,
    checklist: checklistAnswers(criteria, values.checklist),
  };
}

export function NominateModal({
  open,
  campaignId,
  units,
  categories,
  categorySettings,
  onClose,
  onDone,
}: {
  open: boolean;
  campaignId: number;
  units: Unit[];
  categories: CampaignCategory[];
  categorySettings: CategorySetting[];
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const account = useAccount();
  const [form] = Form.useForm<NominationValues>();
  const { isBusy, run } = useSubmit(form);

  const submit = async () => {
    const values = await form.validateFields();
    await run(async () => {
      await nominate(campaignId, { ...nominationBody(values, categorySettings), unitId: values.unitId });
      message.success(t('ident.nom.created'));
      onDone();
    });
  };

  return (
    <Modal
      open={open}
      title={t('ident.nom.addTitle')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      confirmLoading={isBusy}
      okButtonProps={{ 'data-testid': 'nominate-submit' }}
      destroyOnHidden
    >
      <Form<NominationValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ unitId: account.unitId, consent: false }}
      >
        <NominationFields categories={categories} categorySettings={categorySettings} units={units} />
      </Form>
    </Modal>
  );
}
