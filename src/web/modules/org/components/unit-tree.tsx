import { Empty, Input, Tag, Tree, TreeSelect, type GetRef, type TreeDataNode } from 'antd';
import { useEffect, useMemo, useRef, useState, type Key } from 'react';
import { useI18n, type Translate } from '../../../app/i18n.ts';
import type { Unit } from '../api/org-api.ts';
import { unitKindLabel } from '../unit-labels.ts';

interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

/** Roots are the units whose parent the account cannot see (its own unit, normally). */
export function buildUnitForest(units: Unit[]): UnitNode[] {
  const nodes = new Map(units.map((unit) => [unit.id, { unit, children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId === null ? undefined : nodes.get(node.unit.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sortNodes = (list: UnitNode[]) => {
    list.sort((a, b) => (a.unit.code ?? '').localeCompare(b.unit.code ?? '') || a.unit.id - b.unit.id);
    list.forEach((node) => sortNodes(node.children));
  };
  sortNodes(roots);
  return roots;
}

/** Ids of the unit and everything under it. */
export function subtreeIds(units: Unit[], rootId: number): Set<number> {
  const root = units.find((unit) => unit.id === rootId);
  if (!root) return new Set();
  return new Set(units.filter((unit) => unit.path.startsWith(root.path)).map((unit) => unit.id));
}

function matchesFilter(node: UnitNode, filter: string): boolean {
  if (!filter) return true;
  const { name, code } = node.unit;
  return (
    name.includes(filter) ||
    (code ?? '').includes(filter) ||
    node.children.some((child) => matchesFilter(child, filter))
  );
}

function toTreeData(nodes: UnitNode[], t: Translate, filter: string): TreeDataNode[] {
  return nodes
    .filter((node) => matchesFilter(node, filter))
    .map((node) => ({
      key: node.unit.id,
      title: (
        <span
          data-testid={`unit-node-${node.unit.id}`}
          style={node.unit.closedAt ? { color: '#999', textDecoration: 'line-through' } : undefined}
        >
          {node.unit.name}
          <span style={{ color: '#999', marginLeft: 6, fontSize: 12 }}>{unitKindLabel(node.unit.kind, t)}</span>
          {node.unit.closedAt && (
            <Tag style={{ marginLeft: 6 }} color="default">
              {t('units.closed')}
            </Tag>
          )}
        </span>
      ),
      children: toTreeData(node.children, t, filter),
    }));
}

interface UnitTreeProps {
  units: Unit[];
  selectedId: number | null;
  onSelect(id: number): void;
}

export function UnitTree({ units, selectedId, onSelect }: UnitTreeProps) {
  const { t } = useI18n();
  const [filter, setFilter] = useState('');
  const forest = useMemo(() => buildUnitForest(units), [units]);
  const treeData = useMemo(() => toTreeData(forest, t, filter.trim()), [forest, t, filter]);
  const [expanded, setExpanded] = useState<Key[] | null>(null);
  // open the top two levels at first; a whole district (300+ villages) stays folded
  const defaultExpanded = useMemo(
    () => forest.flatMap((root) => [root.unit.id, ...root.children.map((child) => child.unit.id)]),
    [forest],
  );
  const expandedKeys = filter.trim() ? units.map((unit) => unit.id) : (expanded ?? defaultExpanded);
  const treeRef = useRef<GetRef<typeof Tree>>(null);

  // a unit chosen by link (/units/123) may sit deep in a folded district: open its ancestors, scroll to it
  useEffect(() => {
    if (selectedId === null) return;
    const selected = units.find((unit) => unit.id === selectedId);
    if (!selected) return;
    const ancestors = selected.path
      .split('/')
      .filter(Boolean)
      .map(Number)
      .filter((id) => id !== selectedId);
    setExpanded((current) => {
      const base = current ?? defaultExpanded;
      const missing = ancestors.filter((id) => !base.includes(id));
      return missing.length === 0 ? current : [...base, ...missing];
    });
    const timer = window.setTimeout(() => treeRef.current?.scrollTo({ key: selectedId, align: 'auto' }), 50);
    return () => window.clearTimeout(timer);
  }, [selectedId, units, defaultExpanded]);

  if (units.length === 0) return <Empty description={t('units.emptyTree')} />;
  return (
    <div data-testid="unit-tree">
      <Input.Search
        allowClear
        placeholder={t('units.searchPlaceholder')}
        onChange={(event) => setFilter(event.target.value)}
        style={{ marginBottom: 8 }}
        data-testid="unit-tree-search"
      />
      <Tree
        ref={treeRef}
        showLine
        blockNode
        treeData={treeData}
        selectedKeys={selectedId === null ? [] : [selectedId]}
        expandedKeys={expandedKeys}
        onExpand={(keys) => setExpanded(keys)}
        onSelect={(keys) => {
          const key = keys[0];
          if (key !== undefined) onSelect(Number(key));
        }}
        height={560}
      />
    </div>
  );
}

interface UnitPickerProps {
  units: Unit[];
  value?: number | null;
  onChange?(value: number | null): void;
  /** these units and their subtrees cannot be chosen (moving a unit under itself) */
  excludeSubtreeOf?: number;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  testId?: string;
  style?: React.CSSProperties;
}

interface PickerNode {
  value: number;
  title: string;
  disabled?: boolean;
  children: PickerNode[];
}

/** Choose one open unit from the account's subtree. */
export function UnitPicker({
  units,
  value,
  onChange,
  excludeSubtreeOf,
  placeholder,
  allowClear,
  disabled,
  testId,
  style,
}: UnitPickerProps) {
  const { t } = useI18n();
  const treeData = useMemo(() => {
    const excluded = excludeSubtreeOf === undefined ? new Set<number>() : subtreeIds(units, excludeSubtreeOf);
    const open = units.filter((unit) => !unit.closedAt);
    const convert = (nodes: UnitNode[]): PickerNode[] =>
      nodes.map((node) => ({
        value: node.unit.id,
        title: `${node.unit.name}（${unitKindLabel(node.unit.kind, t)}）`,
        disabled: excluded.has(node.unit.id),
        children: convert(node.children),
      }));
    return convert(buildUnitForest(open));
  }, [units, excludeSubtreeOf, t]);

  return (
    <TreeSelect<number>
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeData={treeData}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      placeholder={placeholder ?? t('units.pickPlaceholder')}
      allowClear={allowClear}
      disabled={disabled}
      treeDefaultExpandAll={units.length <= 60}
      popupMatchSelectWidth={false}
      style={{ width: '100%', minWidth: 220, ...style }}
      data-testid={testId}
    />
  );
}
