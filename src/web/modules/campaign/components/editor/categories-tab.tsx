import {
  Button,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tooltip,
  Typography,
  type FormInstance,
  type FormListFieldData,
  type TableColumnsType,
} from 'antd';
import { DeleteOutlined, MinusCircleOutlined, PlusOutlined, ShoppingOutlined } from '@ant-design/icons';
import type { HTMLAttributes } from 'react';
import { useI18n } from '../../../../app/i18n.ts';
import { countRule, formatFen, yuanRule } from '../../../../app/money-input.ts';
import type { CampaignCategory, CatalogueItem } from '../../api/campaign-api.ts';
import { hasAnyStandard, newCategoryRow, type CampaignFormValues, type CategoryRow } from '../../campaign-form.ts';
import { LAYERS, layerLabel } from '../../campaign-labels.ts';
import { useLiveRowAmounts } from '../../hooks/use-live-budget.ts';

interface CategoriesTabProps {
  form: FormInstance<CampaignFormValues>;
  catalogue: CatalogueItem[];
  /** the saved standards: items keep the unit price they were set with */
  savedCategories: CampaignCategory[];
  canEdit: boolean;
  canManageItems: boolean;
  onManageItems(): void;
}

/**
 * Input cells depend only on their row's place in the form list: skipping their re-render keeps typing
 * fast on plans with dozens of categories (the Form.Items update themselves from the form store).
 */
const isSameRow = (record: FormListFieldData, previous: FormListFieldData) =>
  record.key === previous.key && record.name === previous.name;
const shouldInputCellUpdate = (record: FormListFieldData, previous: FormListFieldData) => !isSameRow(record, previous);

/** One row's per-person standard or total, recomputed from that row alone as it is typed. */
function RowAmount({
  form,
  index,
  catalogue,
  savedCategories,
  kind,
}: {
  form: FormInstance<CampaignFormValues>;
  index: number;
  catalogue: CatalogueItem[];
  savedCategories: CampaignCategory[];
  kind: 'perPerson' | 'total';
}) {
  const amounts = useLiveRowAmounts(form, index, catalogue, savedCategories);
  const text = amounts ? formatFen(kind === 'perPerson' ? amounts.perPersonFen : amounts.totalFen) : '—';
  return kind === 'perPerson' ? (
    <span className="wn-money" data-testid={`category-${index}-per-person`}>
      {text}
    </span>
  ) : (
    <strong className="wn-money" data-testid={`category-${index}-total`}>
      {text}
    </strong>
  );
}

export function CategoriesTab({
  form,
  catalogue,
  savedCategories,
  canEdit,
  canManageItems,
  onManageItems,
}: CategoriesTabProps) {
  const { t, lang } = useI18n();
  const itemOptions = catalogue.map((item) => ({
    value: item.id,
    label: `${item.name} ${item.spec}（${formatFen(item.unitPriceFen)}元/${item.unitLabel}）`,
  }));

  return (
    <Form.List name="categories">
      {(fields, { add, remove }) => {
        const columns: TableColumnsType<FormListFieldData> = [
          {
            title: '#',
            key: 'index',
            shouldCellUpdate: shouldInputCellUpdate,
            width: 44,
            render: (_value, _field, index) => index + 1,
          },
          {
            title: t('categories.name'),
            key: 'name',
            shouldCellUpdate: shouldInputCellUpdate,
            width: 170,
            render: (_value, field, index) => (
              <Form.Item
                name={[field.name, 'name']}
                style={{ margin: 0 }}
                rules={[
                  { required: true, whitespace: true, message: t('categories.nameRequired') },
                  ({ getFieldValue }) => ({
                    validator: async (_rule, value: string | undefined) => {
                      const name = (value ?? '').trim();
                      if (!name) return;
                      const rows = (getFieldValue('categories') ?? []) as CategoryRow[];
                      const twice = rows.filter((row) => (row.name ?? '').trim() === name).length > 1;
                      if (twice) throw new Error(t('categories.nameDuplicate'));
                    },
                  }),
                ]}
              >
                <Input
                  maxLength={60}
                  placeholder={t('categories.namePlaceholder')}
                  data-testid={`category-${index}-name`}
                />
              </Form.Item>
            ),
          },
          {
            title: t('categories.layer'),
            key: 'layer',
            shouldCellUpdate: shouldInputCellUpdate,
            width: 120,
            render: (_value, field, index) => (
              <Form.Item name={[field.name, 'layer']} style={{ margin: 0 }} rules={[{ required: true }]}>
                <Select
                  options={LAYERS.map((layer) => ({ value: layer, label: layerLabel(layer, t) }))}
                  data-testid={`category-${index}-layer`}
                />
              </Form.Item>
            ),
          },
          {
            title: t('categories.plannedCount'),
            key: 'plannedCount',
            shouldCellUpdate: shouldInputCellUpdate,
            width: 110,
            render: (_value, field, index) => (
              <Form.Item
                name={[field.name, 'plannedCount']}
                style={{ margin: 0 }}
                rules={[countRule(t, { isRequired: true })]}
              >
                <Input inputMode="numeric" suffix={t('common.persons')} data-testid={`category-${index}-count`} />
              </Form.Item>
            ),
          },
          {
            title: t('categories.cash'),
            key: 'cash',
            shouldCellUpdate: shouldInputCellUpdate,
            width: 130,
            render: (_value, field, index) => (
              <Form.Item
                name={[field.name, 'cashYuan']}
                style={{ margin: 0 }}
                dependencies={[
                  ['categories', field.name, 'giftYuan'],
                  ['categories', field.name, 'items'],
                ]}
                rules={[
                  yuanRule(t),
                  ({ getFieldValue }) => ({
                    validator: async () => {
                      const row = getFieldValue(['categories', field.name]) as CategoryRow | undefined;
                      if (row && !hasAnyStandard(row)) throw new Error(t('categories.standardRequired'));
                    },
                  }),
                ]}
              >
                <Input inputMode="decimal" suffix={t('common.yuan')} data-testid={`category-${index}-cash`} />
              </Form.Item>
            ),
          },
          {
            title: t('categories.gift'),
            key: 'gift',
            shouldCellUpdate: shouldInputCellUpdate,
            width: 130,
            render: (_value, field, index) => (
              <Form.Item name={[field.name, 'giftYuan']} style={{ margin: 0 }} rules={[yuanRule(t)]}>
                <Input inputMode="decimal" suffix={t('common.yuan')} data-testid={`category-${index}-gift`} />
              </Form.Item>
            ),
          },
          {
            title: t('categories.items'),
            key: 'items',
            width: 320,
            render: (_value, field, index) => (
              <Form.List name={[field.name, 'items']}>
                {(itemFields, itemOps) => (
                  <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                    {itemFields.map((itemField) => (
                      <Space key={itemField.key} align="start" size={4}>
                        <Form.Item
                          name={[itemField.name, 'itemId']}
                          style={{ margin: 0 }}
                          rules={[{ required: true, message: t('categories.itemRequired') }]}
                        >
                          <Select
                            options={itemOptions}
                            style={{ width: 200 }}
                            placeholder={t('categories.itemPick')}
                            showSearch={{ optionFilterProp: 'label' }}
                          />
                        </Form.Item>
                        <Form.Item
                          name={[itemField.name, 'quantity']}
                          style={{ margin: 0 }}
                          rules={[countRule(t, { isRequired: true, min: 1 })]}
                        >
                          <Input inputMode="numeric" style={{ width: 64 }} placeholder={t('categories.quantity')} />
                        </Form.Item>
                        {canEdit && (
                          <Button
                            type="text"
                            icon={<MinusCircleOutlined />}
                            onClick={() => itemOps.remove(itemField.name)}
                            aria-label={t('common.remove')}
                          />
                        )}
                      </Space>
                    ))}
                    {canEdit &&
                      (catalogue.length > 0 ? (
                        <Button
                          size="small"
                          type="dashed"
                          icon={<PlusOutlined />}
                          onClick={() => itemOps.add({ quantity: '1' })}
                          data-testid={`category-${index}-add-item`}
                        >
                          {t('categories.addItem')}
                        </Button>
                      ) : (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('categories.catalogueEmpty')}
                        </Typography.Text>
                      ))}
                  </Space>
                )}
              </Form.List>
            ),
          },
          {
            title: t('categories.perPerson'),
            key: 'perPerson',
            width: 110,
            align: 'right',
            shouldCellUpdate: shouldInputCellUpdate,
            render: (_value, _field, index) => (
              <RowAmount
                form={form}
                index={index}
                catalogue={catalogue}
                savedCategories={savedCategories}
                kind="perPerson"
              />
            ),
          },
          {
            title: t('categories.subtotal'),
            key: 'subtotal',
            width: 130,
            align: 'right',
            shouldCellUpdate: shouldInputCellUpdate,
            render: (_value, _field, index) => (
              <RowAmount
                form={form}
                index={index}
                catalogue={catalogue}
                savedCategories={savedCategories}
                kind="total"
              />
            ),
          },
        ];
        if (canEdit) {
          columns.push({
            title: '',
            key: 'actions',
            width: 56,
            fixed: 'right',
            render: (_value, field, index) => (
              <Tooltip title={t('categories.remove')}>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                  data-testid={`category-${index}-remove`}
                  aria-label={t('categories.remove')}
                />
              </Tooltip>
            ),
          });
        }

        return (
          <div>
            <Typography.Paragraph type="secondary">{t('categories.help')}</Typography.Paragraph>
            <Table<FormListFieldData>
              // cells skip re-renders (shouldCellUpdate); a new language or catalogue rebuilds the table
              key={`${lang}-${catalogue.length}-${canEdit}`}
              data-testid="category-table"
              rowKey="key"
              size="small"
              bordered
              pagination={false}
              dataSource={fields}
              columns={columns}
              scroll={{ x: 1180 }}
              onRow={(_field, index) => ({ 'data-testid': `category-row-${index}` }) as HTMLAttributes<HTMLElement>}
              expandable={{
                expandedRowRender: (field, index) => (
                  <Space align="start" wrap style={{ width: '100%' }}>
                    <Form.Item
                      name={[field.name, 'countNote']}
                      label={t('categories.countNote')}
                      style={{ margin: 0, width: 240 }}
                    >
                      <Input
                        maxLength={100}
                        placeholder={t('categories.countNotePlaceholder')}
                        data-testid={`category-${index}-count-note`}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'description']}
                      label={t('categories.description')}
                      style={{ margin: 0, minWidth: 480 }}
                    >
                      <Input.TextArea
                        autoSize={{ minRows: 1, maxRows: 6 }}
                        maxLength={2000}
                        placeholder={t('categories.descriptionPlaceholder')}
                      />
                    </Form.Item>
                  </Space>
                ),
                columnTitle: t('categories.more'),
                columnWidth: 56,
              }}
              locale={{ emptyText: <Empty description={t('categories.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            />
            {canEdit && (
              <Space style={{ marginTop: 12 }} wrap>
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add(newCategoryRow('general'))}
                  data-testid="category-add"
                >
                  {t('categories.addGeneral')}
                </Button>
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add(newCategoryRow('leaderVisit'))}
                  data-testid="category-add-leader"
                >
                  {t('categories.addLeaderVisit')}
                </Button>
                {canManageItems && (
                  <Button icon={<ShoppingOutlined />} onClick={onManageItems} data-testid="items-manage">
                    {t('items.manage')}
                  </Button>
                )}
              </Space>
            )}
          </div>
        );
      }}
    </Form.List>
  );
}
