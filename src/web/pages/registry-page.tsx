/**
 * 困难对象登记库: search (name, pinyin initials, ID number or its last 4, phone), filter by unit and
 * category, sort and page on the server (by "has more": the registry is too large to count on every
 * keystroke). The filters live in the address, so coming back from a person finds the same list.
 */
import { App, Button, Card, Dropdown, Empty, Input, Result, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import {
  CloudUploadOutlined,
  DownOutlined,
  FileExcelOutlined,
  LeftOutlined,
  PlusOutlined,
  RightOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { queryString } from '../app/api-client.ts';
import { useAuth } from '../app/auth.tsx';
import { useI18n } from '../app/i18n.ts';
import { Link, navigate, useLocation } from '../app/router.tsx';
import { useApiData } from '../app/use-api-data.ts';
import { useUnits } from '../modules/org/hooks/use-units.ts';
import {
  exportUrl,
  searchPeople,
  type PeopleQuery,
  type PersonSort,
  type PersonSummary,
  type SortOrder,
} from '../modules/registry/api/registry-api.ts';
import { CategoriesModal } from '../modules/registry/components/categories-modal.tsx';
import { PersonCreateModal } from '../modules/registry/components/person-create-modal.tsx';
import { UnitFilter } from '../modules/registry/components/unit-filter.tsx';
import { useCategories } from '../modules/registry/hooks/use-categories.ts';
import { sexLabel } from '../modules/registry/registry-labels.ts';

type TableSorter = Parameters<NonNullable<TableProps<PersonSummary>['onChange']>>[2];

const PAGE_SIZES = [20, 50, 100] as const;
const SORTS: readonly PersonSort[] = ['name', 'birthDate', 'unit', 'createdAt'];

interface ListState {
  q: string;
  unitId?: number;
  categoryId?: number;
  sort: PersonSort;
  order: SortOrder;
  page: number;
  pageSize: number;
}

function positive(value: string | null): number | undefined {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : undefined;
}

function readState(search: URLSearchParams): ListState {
  const sort = search.get('sort') as PersonSort | null;
  const pageSize = positive(search.get('pageSize'));
  return {
    q: search.get('q') ?? '',
    unitId: positive(search.get('unitId')),
    categoryId: positive(search.get('categoryId')),
    sort: sort && SORTS.includes(sort) ? sort : 'name',
    order: search.get('order') === 'desc' ? 'desc' : 'asc',
    page: positive(search.get('page')) ?? 1,
    pageSize: pageSize && (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : 20,
  };
}

function writeState(state: ListState): void {
  navigate(
    `/registry${queryString({
      q: state.q.trim() || undefined,
      unitId: state.unitId,
      categoryId: state.categoryId,
      sort: state.sort === 'name' ? undefined : state.sort,
      order: state.order === 'asc' ? undefined : state.order,
      page: state.page === 1 ? undefined : state.page,
      pageSize: state.pageSize === 20 ? undefined : state.pageSize,
    })}`,
    { replace: true },
  );
}

/** The sort menu's choices: a column and a direction each, with the direction a clerk expects. */
type SortChoiceKey = 'name-asc' | 'birthDate-asc' | 'birthDate-desc' | 'unit-asc' | 'createdAt-desc';
const SORT_CHOICES: { key: SortChoiceKey; sort: PersonSort; order: SortOrder }[] = [
  { key: 'name-asc', sort: 'name', order: 'asc' },
  { key: 'birthDate-asc', sort: 'birthDate', order: 'asc' },
  { key: 'birthDate-desc', sort: 'birthDate', order: 'desc' },
  { key: 'unit-asc', sort: 'unit', order: 'asc' },
  { key: 'createdAt-desc', sort: 'createdAt', order: 'desc' },
];

export function RegistryPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  if (!can('registry.read'))
    return <Result status="403" title={t('error.forbidden')} subTitle={t('registry.noPermission')} />;
  return <RegistryList />;
}

function RegistryList() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { modal } = App.useApp();
  const { search } = useLocation();
  const state = readState(search);
  const { units } = useUnits();
  const categories = useCategories();
  const [text, setText] = useState(state.q);
  const [isCreateOpen, setIsCreateOpen] = useState(false);
  const [isCategoriesOpen, setIsCategoriesOpen] = useState(false);

  // the address is the truth: a back button or a pasted link changes the box too
  useEffect(() => setText(state.q), [state.q]);

  const query: PeopleQuery = {
    q: state.q,
    unitId: state.unitId,
    categoryId: state.categoryId,
    sort: state.sort,
    order: state.order,
    page: state.page,
    pageSize: state.pageSize,
  };
  const { data, error, isLoading, reload } = useApiData(
    (signal) => searchPeople(query, signal),
    [state.q, state.unitId, state.categoryId, state.sort, state.order, state.page, state.pageSize],
  );

  const update = (patch: Partial<ListState>) => writeState({ ...state, page: 1, ...patch });
  const goToPage = (page: number) => {
    writeState({ ...state, page });
    window.scrollTo({ top: 0 });
  };
  const hasFilters = !!state.q || state.unitId !== undefined || state.categoryId !== undefined;
  const people = data?.people ?? [];

  const exportFull = () => {
    modal.confirm({
      title: t('registry.export.fullTitle'),
      content: t('registry.export.fullText'),
      okText: t('registry.export.fullOk'),
      cancelText: t('common.cancel'),
      onOk: () => {
        const link = document.createElement('a');
        link.href = exportUrl({ unitId: state.unitId, fullIdNumbers: true });
        link.download = '';
        document.body.appendChild(link);
        link.click();
        link.remove();
      },
    });
  };

  const sortOrderOf = (key: PersonSort) =>
    state.sort === key ? (state.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;

  const columns: TableColumnsType<PersonSummary> = [
    {
      title: t('registry.col.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrderOf('name'),
      width: 120,
      render: (name: string, person) => (
        <Link to={`/registry/people/${person.id}`} data-testid={`person-link-${person.id}`}>
          {name}
        </Link>
      ),
    },
    {
      title: t('registry.col.idNumber'),
      dataIndex: 'idMasked',
      key: 'idMasked',
      width: 190,
      render: (masked: string) => (
        <span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{masked}</span>
      ),
    },
    {
      title: t('registry.col.sexAge'),
      key: 'sexAge',
      width: 100,
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_value, person) => `${sexLabel(person.sex, t)} · ${t('registry.ageN', { age: person.age })}`,
    },
    {
      title: t('registry.col.birthDate'),
      dataIndex: 'birthDate',
      key: 'birthDate',
      responsive: ['xl'],
      sorter: true,
      sortOrder: sortOrderOf('birthDate'),
      width: 120,
    },
    {
      title: t('registry.col.phone'),
      dataIndex: 'phone',
      key: 'phone',
      width: 130,
      render: (phone: string | null) => phone ?? '',
    },
    {
      title: t('registry.col.unit'),
      dataIndex: 'unitName',
      key: 'unit',
      sorter: true,
      sortOrder: sortOrderOf('unit'),
      ellipsis: true,
    },
    {
      title: t('registry.col.categories'),
      dataIndex: 'categories',
      key: 'categories',
      render: (names: string[]) => (
        <Space size={[0, 4]} wrap>
          {names.map((name) => (
            <Tag key={name} color="volcano">
              {name}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];

  const onTableChange = (sorter: TableSorter) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = single?.columnKey as PersonSort | undefined;
    if (!single?.order || !key || !SORTS.includes(key)) {
      update({ sort: 'name', order: 'asc' });
      return;
    }
    update({ sort: key, order: single.order === 'descend' ? 'desc' : 'asc' });
  };

  const currentSortKey = `${state.sort}-${state.order}`;
  const sortOptions: { value: string; label: string }[] = SORT_CHOICES.map((choice) => ({
    value: choice.key,
    label: t(`registry.sort.${choice.key}`),
  }));
  if (!SORT_CHOICES.some((choice) => choice.key === currentSortKey))
    sortOptions.push({ value: currentSortKey, label: t('registry.sort.custom') });

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('registry.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('registry.subtitle')}</Typography.Text>
        </div>
        <Space wrap>
          {can('categories.manage') && (
            <Button
              icon={<SettingOutlined />}
              onClick={() => setIsCategoriesOpen(true)}
              data-testid="registry-categories"
            >
              {t('registry.categories.button')}
            </Button>
          )}
          {can('registry.revealId') ? (
            <Space.Compact>
              <Button
                icon={<FileExcelOutlined />}
                href={exportUrl({ unitId: state.unitId })}
                download
                data-testid="registry-export"
              >
                {t('registry.export.button')}
              </Button>
              <Dropdown
                menu={{
                  items: [{ key: 'full', label: t('registry.export.full') }],
                  onClick: exportFull,
                }}
              >
                <Button
                  icon={<DownOutlined />}
                  aria-label={t('registry.export.more')}
                  data-testid="registry-export-more"
                />
              </Dropdown>
            </Space.Compact>
          ) : (
            <Button
              icon={<FileExcelOutlined />}
              href={exportUrl({ unitId: state.unitId })}
              download
              data-testid="registry-export"
            >
              {t('registry.export.button')}
            </Button>
          )}
          {can('registry.import') && (
            <Button
              icon={<CloudUploadOutlined />}
              onClick={() => navigate('/registry/import')}
              data-testid="registry-import"
            >
              {t('registry.importButton')}
            </Button>
          )}
          {can('registry.write') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setIsCreateOpen(true)}
              data-testid="registry-create"
            >
              {t('registry.create.button')}
            </Button>
          )}
        </Space>
      </Space>

      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size={[12, 8]}>
          <Input.Search
            allowClear
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              if (!event.target.value && state.q) update({ q: '' });
            }}
            onSearch={(value) => update({ q: value.trim() })}
            placeholder={t('registry.searchPlaceholder')}
            enterButton={t('common.search')}
            style={{ width: 360 }}
            data-testid="registry-search"
          />
          <UnitFilter
            units={units}
            value={state.unitId ?? null}
            onChange={(unitId) => update({ unitId: unitId ?? undefined })}
            placeholder={t('registry.filter.allUnits')}
            style={{ width: 240 }}
            testId="registry-unit-filter"
          />
          <Select<number>
            allowClear
            value={state.categoryId}
            onChange={(categoryId) => update({ categoryId })}
            placeholder={t('registry.filter.allCategories')}
            options={categories.categories.map((category) => ({
              value: category.id,
              label: category.active ? category.name : `${category.name}（${t('registry.categories.inactive')}）`,
            }))}
            style={{ width: 180 }}
            data-testid="registry-category-filter"
          />
          <Select<string>
            value={currentSortKey}
            onChange={(key) => {
              const choice = SORT_CHOICES.find((candidate) => candidate.key === key);
              if (choice) update({ sort: choice.sort, order: choice.order });
            }}
            options={sortOptions}
            style={{ width: 170 }}
            data-testid="registry-sort"
          />
          {hasFilters && (
            <Button
              type="link"
              onClick={() => writeState({ ...state, q: '', unitId: undefined, categoryId: undefined, page: 1 })}
            >
              {t('registry.filter.clear')}
            </Button>
          )}
        </Space>
      </Card>

      {error ? (
        <Result status="warning" title={error.message} extra={<Button onClick={reload}>{t('common.retry')}</Button>} />
      ) : !isLoading && people.length === 0 && state.page === 1 && !hasFilters ? (
        <Card data-testid="registry-empty">
          <Empty description={t('registry.empty')}>
            <Space>
              {can('registry.import') && (
                <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => navigate('/registry/import')}>
                  {t('registry.importButton')}
                </Button>
              )}
              {can('registry.write') && (
                <Button icon={<PlusOutlined />} onClick={() => setIsCreateOpen(true)}>
                  {t('registry.create.button')}
                </Button>
              )}
            </Space>
          </Empty>
        </Card>
      ) : (
        <>
          <Table<PersonSummary>
            rowKey="id"
            loading={isLoading}
            dataSource={people}
            columns={columns}
            pagination={false}
            onChange={(_pagination, _filters, sorter) => onTableChange(sorter)}
            showSorterTooltip={false}
            locale={{ emptyText: <Empty description={t('registry.noMatch')} /> }}
            scroll={{ x: 880 }}
            style={{ background: '#fff', borderRadius: 8 }}
            data-testid="registry-table"
          />
          <Space style={{ width: '100%', justifyContent: 'flex-end', marginTop: 12 }} wrap>
            <Typography.Text type="secondary" data-testid="registry-page-number">
              {t('registry.pageN', { page: state.page })}
            </Typography.Text>
            <Button
              icon={<LeftOutlined />}
              disabled={state.page <= 1 || isLoading}
              onClick={() => goToPage(state.page - 1)}
              data-testid="registry-prev"
            >
              {t('registry.prev')}
            </Button>
            <Button
              disabled={!data?.hasMore || isLoading}
              onClick={() => goToPage(state.page + 1)}
              data-testid="registry-next"
            >
              {t('registry.next')} <RightOutlined />
            </Button>
            <Select<number>
              value={state.pageSize}
              onChange={(pageSize) => update({ pageSize })}
              options={PAGE_SIZES.map((size) => ({ value: size, label: t('registry.perPage', { size }) }))}
              style={{ width: 110 }}
            />
          </Space>
        </>
      )}

      <PersonCreateModal
        open={isCreateOpen}
        onClose={() => setIsCreateOpen(false)}
        units={units}
        categories={categories.categories}
        onCreated={(person) => {
          setIsCreateOpen(false);
          navigate(`/registry/people/${person.id}`);
        }}
      />
      <CategoriesModal
        open={isCategoriesOpen}
        categories={categories.categories}
        isLoading={categories.isLoading}
        onClose={() => setIsCategoriesOpen(false)}
        onChanged={categories.reload}
      />
    </div>
  );
}
