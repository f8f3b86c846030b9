/** Loaded lazily: echarts is the biggest part of the bundle and only this tab needs it. */
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { formatFen } from '../../../../../modules/shared/money.ts';

echarts.use([PieChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartSlice {
  name: string;
  totalFen: number;
}

interface BudgetChartProps {
  slices: ChartSlice[];
  kind: 'pie' | 'bar';
  yuanLabel: string;
  /** for compact axis numbers: 100万 or 1M */
  locale: string;
}

export default function BudgetChart({ slices, kind, yuanLabel, locale }: BudgetChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const instance = echarts.init(container.current);
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(container.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const byName = new Map(slices.map((slice) => [slice.name, slice.totalFen]));
    // the chart draws floats; every number a person reads is formatted from integer fen
    const label = (name: string) => `${formatFen(byName.get(name) ?? 0)} ${yuanLabel}`;
    const compact = new Intl.NumberFormat(locale, { notation: 'compact' });
    const data = slices.map((slice) => ({ name: slice.name, value: slice.totalFen / 100 }));
    const option =
      kind === 'pie'
        ? {
            tooltip: { trigger: 'item' as const, formatter: (params: unknown) => tooltipText(params, label) },
            legend: { type: 'scroll' as const, orient: 'vertical' as const, right: 0, top: 'middle' as const },
            series: [
              {
                type: 'pie' as const,
                radius: ['35%', '70%'],
                center: ['38%', '50%'],
                data,
                label: { formatter: '{b}\n{d}%' },
              },
            ],
          }
        : {
            tooltip: {
              trigger: 'axis' as const,
              formatter: (params: unknown) => tooltipText(Array.isArray(params) ? params[0] : params, label),
            },
            grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
            xAxis: { type: 'value' as const, axisLabel: { formatter: (value: number) => compact.format(value) } },
            yAxis: { type: 'category' as const, data: slices.map((slice) => slice.name).reverse() },
            series: [
              { type: 'bar' as const, data: [...data].reverse(), barMaxWidth: 24, itemStyle: { color: '#d4380d' } },
            ],
          };
    chart.current?.setOption(option, { notMerge: true });
  }, [slices, kind, yuanLabel, locale]);

  return (
    <div
      ref={container}
      style={{ width: '100%', height: kind === 'bar' ? Math.max(160, slices.length * 34 + 48) : 300 }}
      data-testid="budget-chart"
    />
  );
}

function tooltipText(params: unknown, label: (name: string) => string): string {
  const name = (params as { name?: string } | undefined)?.name ?? '';
  const escaped = name.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return `${escaped}<br/>${label(name)}`;
}
