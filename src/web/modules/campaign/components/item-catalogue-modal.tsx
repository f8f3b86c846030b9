import { App, Button, Col, Form, Input, Modal, Row, Table, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n.ts';
import { fenToYuanInput, formatFen, parseYuanInput, yuanRule } from '../../../app/money-input.ts';
import { useSubmit } from '../../../app/use-submit.ts';
import { createItem, updateItem, type CatalogueItem } from '../api/campaign-api.ts';

interface ItemFormValues {
  name: string;
  spec: string;
  unitLabel: string;
  priceYuan: string;
}

/** The in-kind catalogue (大米 20斤/袋, 食用油 5L/桶): what a category's standard can include. */
export function ItemCatalogueModal({
  open,
  onClose,
  items,
  onChanged,
}: {
  open: boolean;
  onClose(): void;
  items: CatalogueItem[];
  onChanged(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemFormValues>();
  const [editingId, setEditingId] = useState<number | null>(null);
  const { isBusy: isSaving, run } = useSubmit(form, (field) => [field === 'unitPriceFen' ? 'priceYuan' : field]);

  const startEdit = (item: CatalogueItem | null) => {
    setEditingId(item?.id ?? null);
    form.setFieldsValue(
      item
        ? { name: item.name, spec: item.spec, unitLabel: item.unitLabel, priceYuan: fenToYuanInput(item.unitPriceFen) }
        : { name: '', spec: '', unitLabel: '', priceYuan: '' },
    );
  };

  const submit = async () => {
    const values = await form.validateFields();
    const price = parseYuanInput(values.priceYuan);
    if (!price.isValid) return;
    const input = {
      name: values.name.trim(),
      spec: values.spec.trim(),
      unitLabel: values.unitLabel.trim(),
      unitPriceFen: price.fen,
    };
    await run(async () => {
      if (editingId === null) await createItem(input);
      else await updateItem(editingId, input);
      message.success(t('common.saved'));
      startEdit(null);
      onChanged();
    });
  };

  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('items.title')} width={760} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('items.help')}</Typography.Paragraph>
      <Table<CatalogueItem>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={items}
        locale={{ emptyText: t('items.empty') }}
        columns={[
          { title: t('items.name'), dataIndex: 'name' },
          { title: t('items.spec'), dataIndex: 'spec' },
          { title: t('items.unitLabel'), dataIndex: 'unitLabel' },
          {
            title: t('items.price'),
            dataIndex: 'unitPriceFen',
            align: 'right',
            render: (fen: number) => formatFen(fen),
          },
          {
            title: '',
            key: 'edit',
            width: 60,
            render: (_v, item) => (
              <Button
                type="link"
                icon={<EditOutlined />}
                onClick={() => startEdit(item)}
                aria-label={t('common.edit')}
              />
            ),
          },
        ]}
        scroll={{ y: 240 }}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {editingId === null ? t('items.add') : t('items.edit')}
      </Typography.Title>
      <Form form={form} layout="vertical" initialValues={{ name: '', spec: '', unitLabel: '', priceYuan: '' }}>
        <Row gutter={8}>
          <Col span={7}>
            <Form.Item
              name="name"
              label={t('items.name')}
              rules={[{ required: true, whitespace: true, message: t('items.nameRequired') }]}
            >
              <Input maxLength={60} placeholder="大米" data-testid="item-name" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="spec"
              label={t('items.spec')}
              rules={[{ required: true, whitespace: true, message: t('items.specRequired') }]}
            >
              <Input maxLength={60} placeholder="20斤/袋" data-testid="item-spec" />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item
              name="unitLabel"
              label={t('items.unitLabel')}
              rules={[{ required: true, whitespace: true, message: t('items.unitLabelRequired') }]}
            >
              <Input maxLength={10} placeholder="袋" data-testid="item-unit" />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="priceYuan" label={t('items.price')} rules={[yuanRule(t, { isRequired: true })]}>
              <Input inputMode="decimal" suffix={t('common.yuan')} placeholder="80" data-testid="item-price" />
            </Form.Item>
          </Col>
        </Row>
        <Button
          type="primary"
          onClick={() => void submit().catch(() => undefined)}
          loading={isSaving}
          data-testid="item-submit"
        >
          {editingId === null ? t('items.add') : t('common.save')}
        </Button>
        {editingId !== null && (
          <Button style={{ marginLeft: 8 }} onClick={() => startEdit(null)}>
            {t('common.cancel')}
          </Button>
        )}
      </Form>
    </Modal>
  );
}
