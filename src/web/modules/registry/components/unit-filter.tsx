/**
 * 单位 filter for the registry: the account's subtree as a searchable tree, opened one level so a
 * district organiser sees the towns at once (the villages stay folded until a town is opened).
 */
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../../app/i18n.ts';
import type { Unit } from '../../org/api/org-api.ts';
import { buildUnitForest } from '../../org/components/unit-tree.tsx';

interface FilterNode {
  value: number;
  title: string;
  children: FilterNode[];
}

type Forest = ReturnType<typeof buildUnitForest>;

export function UnitFilter({
  units,
  value,
  onChange,
  placeholder,
  testId,
  style,
}: {
  units: Unit[];
  value: number | null;
  onChange(value: number | null): void;
  placeholder?: string;
  testId?: string;
  style?: React.CSSProperties;
}) {
  const { t } = useI18n();
  const forest = useMemo(() => buildUnitForest(units), [units]);
  const treeData = useMemo(() => {
    const convert = (nodes: Forest): FilterNode[] =>
      nodes.map((node) => ({
        value: node.unit.id,
        title: node.unit.closedAt ? `${node.unit.name}（${t('units.closed')}）` : node.unit.name,
        children: convert(node.children),
      }));
    return convert(forest);
  }, [forest, t]);
  const expanded = useMemo(() => forest.map((root) => root.unit.id), [forest]);

  return (
    <TreeSelect<number>
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeData={treeData}
      value={value ?? undefined}
      onChange={(next) => onChange(next ?? null)}
      placeholder={placeholder}
      allowClear
      treeDefaultExpandedKeys={expanded}
      popupMatchSelectWidth={false}
      style={style}
      data-testid={testId}
    />
  );
}
