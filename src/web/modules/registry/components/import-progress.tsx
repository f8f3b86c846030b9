/**
 * Live progress of a running import, fed by the server-sent counts. While checking, the number of rows
 * in the file is not known yet, so the bar only moves; while writing, the preview told how many rows
 * there are and the bar shows the share done.
 */
import { Card, Progress, Space, Spin, Typography } from 'antd';
import { useI18n } from '../../../app/i18n.ts';
import type { ImportCounts } from '../api/registry-api.ts';

export function ImportProgress({
  phase,
  counts,
  totalRows,
  fileName,
}: {
  phase: 'preview' | 'commit';
  counts: ImportCounts | null;
  /** rows in the file, known once the preview is done */
  totalRows: number | null;
  fileName: string;
}) {
  const { t } = useI18n();
  const rows = counts?.rows ?? 0;
  const percent = counts && totalRows && totalRows > 0 ? Math.min(99, Math.floor((rows / totalRows) * 100)) : null;

  return (
    <Card data-testid="import-progress" data-phase={phase}>
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        <Space>
          <Spin size="small" />
          <Typography.Text strong>
            {phase === 'preview' ? t('registry.import.checking', { file: fileName }) : t('registry.import.writing')}
          </Typography.Text>
        </Space>
        <Progress
          percent={percent ?? 100}
          status="active"
          showInfo={percent !== null}
          strokeColor={percent === null ? '#91caff' : undefined}
          data-testid="import-progress-bar"
        />
        <Typography.Text data-testid="import-progress-rows">
          {!counts
            ? t('registry.import.starting')
            : totalRows
              ? t('registry.import.rowsOf', {
                  rows: rows.toLocaleString('zh-CN'),
                  total: totalRows.toLocaleString('zh-CN'),
                })
              : t('registry.import.rowsRead', { rows: rows.toLocaleString('zh-CN') })}
        </Typography.Text>
        {counts && (
          <Typography.Text type="secondary">
            {phase === 'preview'
              ? t('registry.import.liveCountsPreview', {
                  created: counts.created,
                  duplicates: counts.duplicates,
                  rejected: counts.rejected,
                })
              : t('registry.import.liveCountsCommit', {
                  created: counts.created,
                  updated: counts.updated,
                  rejected: counts.rejected,
                })}
          </Typography.Text>
        )}
        <Typography.Text type="secondary">{t('registry.import.canLeave')}</Typography.Text>
      </Space>
    </Card>
  );
}
