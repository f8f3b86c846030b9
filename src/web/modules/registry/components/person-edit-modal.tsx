import { App, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../../app/i18n.ts';
import { useApiError } from '../../../app/use-api-error.tsx';
import type { Unit } from '../../org/api/org-api.ts';
import { UnitPicker } from '../../org/components/unit-tree.tsx';
import { updatePerson, type HardshipCategory, type PersonDetail, type UpdatePersonInput } from '../api/registry-api.ts';
import { categoryOptions, personFieldToFormName } from './person-create-modal.tsx';

interface EditValues {
  name: string;
  phone?: string;
  relation: string;
  unitId: number;
  categoryIds: number[];
  address?: string;
  householdSize?: number | null;
}

function initialValues(person: PersonDetail, categories: HardshipCategory[]): EditValues {
  const idByName = new Map(categories.map((category) => [category.name, category.id]));
  return {
    name: person.name,
    phone: person.phone ?? '',
    relation: person.relation,
    unitId: person.unitId,
    categoryIds: person.categories.map((name) => idByName.get(name)).filter((id): id is number => id !== undefined),
    address: person.household.address ?? '',
    householdSize: person.household.size,
  };
}

/** Only what changed is sent, with the version the form started from (a concurrent edit answers 409). */
function changes(before: EditValues, after: EditValues, version: number): UpdatePersonInput {
  const patch: UpdatePersonInput = { version };
  const name = after.name.trim();
  if (name !== before.name) patch.name = name;
  const phone = after.phone?.trim() ?? '';
  if (phone !== (before.phone ?? '')) patch.phone = phone || null;
  const relation = after.relation.trim();
  if (relation !== before.relation) patch.relation = relation;
  if (after.unitId !== before.unitId) patch.unitId = after.unitId;
  const sameCategories =
    after.categoryIds.length === before.categoryIds.length &&
    after.categoryIds.every((id) => before.categoryIds.includes(id));
  if (!sameCategories) patch.categoryIds = after.categoryIds;
  const address = after.address?.trim() ?? '';
  if (address !== (before.address ?? '')) patch.address = address || null;
  const size = after.householdSize ?? null;
  if (size !== (before.householdSize ?? null)) patch.householdSize = size;
  return patch;
}

export function PersonEditModal({
  open,
  person,
  units,
  categories,
  onClose,
  onSaved,
  onStale,
}: {
  open: boolean;
  person: PersonDetail;
  units: Unit[];
  categories: HardshipCategory[];
  onClose(): void;
  onSaved(person: PersonDetail): void;
  onStale(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<EditValues>();
  const [isSaving, setIsSaving] = useState(false);
  const before = useMemo(() => initialValues(person, categories), [person, categories]);

  useEffect(() => {
    if (open) form.setFieldsValue(before);
  }, [open, before, form]);

  const options = useMemo(
    () => categoryOptions(categories.filter((category) => category.active || before.categoryIds.includes(category.id))),
    [categories, before],
  );

  const submit = async () => {
    const values = await form.validateFields();
    const patch = changes(before, values, person.version);
    if (Object.keys(patch).length === 1) {
      onClose();
      return;
    }
    setIsSaving(true);
    try {
      const saved = await updatePerson(person.id, patch);
      message.success(t('common.saved'));
      onSaved(saved);
    } catch (error) {
      const apiError = showError(error, { form, toFormName: personFieldToFormName });
      if (apiError?.code === 'STALE_VERSION') onStale();
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('registry.edit.title', { name: person.name })}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('common.save')}
      confirmLoading={isSaving}
      okButtonProps={{ 'data-testid': 'person-edit-submit' }}
      width={680}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical">
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('registry.col.name')}
              rules={[{ required: true, whitespace: true, message: t('registry.form.nameRequired') }]}
            >
              <Input maxLength={50} data-testid="person-edit-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label={t('registry.col.phone')}>
              <Input maxLength={30} inputMode="tel" data-testid="person-edit-phone" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="unitId"
              label={t('registry.col.unit')}
              rules={[{ required: true, message: t('registry.form.unitRequired') }]}
            >
              <UnitPicker units={units} testId="person-edit-unit" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="relation"
              label={t('registry.col.relation')}
              rules={[{ required: true, whitespace: true, message: t('registry.form.relationRequired') }]}
            >
              <Input maxLength={20} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="categoryIds" label={t('registry.col.categories')}>
          <Select mode="multiple" allowClear options={options} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={17}>
            <Form.Item name="address" label={t('registry.household.address')} extra={t('registry.edit.householdHelp')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={7}>
            <Form.Item name="householdSize" label={t('registry.household.size')}>
              <InputNumber min={1} max={50} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
