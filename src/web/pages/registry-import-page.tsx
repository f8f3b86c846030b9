/**
 * 批量导入: upload an .xlsx or .csv, watch the server check it (dry run), read what it found, choose how
 * to treat people already registered, commit, and download the rows that were not imported. The
 * batch id sits in the address (?batch=12), so a reload or a later visit finds the same import.
 */
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Input,
  Progress,
  Radio,
  Result,
  Space,
  Steps,
  Table,
  Typography,
  Upload,
} from 'antd';
import {
  CheckCircleOutlined,
  CloudUploadOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  InboxOutlined,
  ReloadOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { useAuth } from '../app/auth.tsx';
import { useI18n } from '../app/i18n.ts';
import { Link, navigate, useLocation } from '../app/router.tsx';
import { useApiError } from '../app/use-api-error.tsx';
import type { Unit } from '../modules/org/api/org-api.ts';
import { useUnits } from '../modules/org/hooks/use-units.ts';
import {
  commitImport,
  IMPORT_TEMPLATE_URL,
  importErrorsUrl,
  uploadImportFile,
  type DuplicatePolicy,
  type ImportBatch,
} from '../modules/registry/api/registry-api.ts';
import { ImportCountCards, ProblemsTable } from '../modules/registry/components/import-preview.tsx';
import { ImportProgress } from '../modules/registry/components/import-progress.tsx';
import { useImportBatch } from '../modules/registry/hooks/use-import-batch.ts';

const ACCEPT = '.xlsx,.csv';

export function RegistryImportPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  if (!can('registry.import'))
    return <Result status="403" title={t('error.forbidden')} subTitle={t('registry.import.noPermission')} />;
  return <RegistryImport />;
}

function RegistryImport() {
  const { t } = useI18n();
  const { search } = useLocation();
  const batchParam = Number(search.get('batch'));
  const batchId = Number.isInteger(batchParam) && batchParam > 0 ? batchParam : null;
  const { batch, live, error, follow } = useImportBatch(batchId);

  const isCommitPhase = batch !== null && batch.duplicatePolicy !== null;
  const current = batchId === null ? 0 : batch?.status === 'committed' ? 3 : isCommitPhase ? 2 : 1;

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('registry.import.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('registry.import.subtitle')}</Typography.Text>
        </div>
        <Space>
          <Button icon={<UnorderedListOutlined />} onClick={() => navigate('/registry')}>
            {t('registry.backToList')}
          </Button>
        </Space>
      </Space>
      <Steps
        current={current}
        status={batch?.status === 'failed' ? 'error' : undefined}
        size="small"
        style={{ margin: '16px 0 20px', maxWidth: 760 }}
        items={[
          { title: t('registry.import.step.upload') },
          { title: t('registry.import.step.preview') },
          { title: t('registry.import.step.commit') },
        ]}
        data-testid="import-steps"
      />
      {batchId === null ? (
        <UploadStep />
      ) : error ? (
        <Result
          status={error.status === 404 ? '404' : 'warning'}
          title={error.message}
          extra={
            <Button type="primary" onClick={() => navigate('/registry/import')}>
              {t('registry.import.uploadAgain')}
            </Button>
          }
        />
      ) : !batch ? (
        <Card loading />
      ) : (
        <BatchView batch={batch} live={live?.counts ?? null} onFollow={follow} />
      )}
    </div>
  );
}

// ——— step 1: template and upload ———

function UploadStep() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useApiError();
  const [uploading, setUploading] = useState<{ name: string; percent: number } | null>(null);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 960 }}>
      <Card size="small" title={t('registry.import.templateTitle')}>
        <Typography.Paragraph style={{ marginBottom: 8 }}>{t('registry.import.templateHelp')}</Typography.Paragraph>
        <ul style={{ margin: '0 0 12px', paddingLeft: 20, color: 'rgba(0,0,0,0.65)' }}>
          <li>{t('registry.import.ruleRequired')}</li>
          <li>{t('registry.import.ruleIdText')}</li>
          <li>{t('registry.import.ruleUnitCode')}</li>
          <li>{t('registry.import.ruleDuplicates')}</li>
        </ul>
        <Space wrap>
          <Button icon={<FileExcelOutlined />} href={IMPORT_TEMPLATE_URL} download data-testid="import-template">
            {t('registry.import.downloadTemplate')}
          </Button>
        </Space>
        <UnitCodes />
      </Card>
      <Card size="small" title={t('registry.import.uploadTitle')}>
        <div data-testid="import-upload">
          <Upload.Dragger
            accept={ACCEPT}
            multiple={false}
            showUploadList={false}
            disabled={uploading !== null}
            beforeUpload={(file) => {
              const lower = file.name.toLowerCase();
              if (!lower.endsWith('.xlsx') && !lower.endsWith('.csv')) {
                message.error(t('registry.import.wrongType', { name: file.name }));
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={({ file, onProgress, onSuccess, onError }) => {
              const upload = file as File;
              setUploading({ name: upload.name, percent: 0 });
              uploadImportFile(upload, {
                language: lang,
                onProgress: (percent) => {
                  onProgress?.({ percent });
                  setUploading({ name: upload.name, percent });
                },
              })
                .then((batch) => {
                  onSuccess?.(batch);
                  setUploading(null);
                  navigate(`/registry/import?batch=${batch.id}`);
                })
                .catch((cause: unknown) => {
                  onError?.(cause instanceof Error ? cause : new Error(String(cause)));
                  setUploading(null);
                  showError(cause);
                });
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('registry.import.dropText')}</p>
            <p className="ant-upload-hint">{t('registry.import.dropHint')}</p>
          </Upload.Dragger>
        </div>
        {uploading && (
          <div style={{ marginTop: 12 }} data-testid="import-uploading">
            <Typography.Text>
              {uploading.percent >= 100
                ? t('registry.import.uploaded', { name: uploading.name })
                : t('registry.import.uploading', { name: uploading.name })}
            </Typography.Text>
            <Progress percent={Math.floor(uploading.percent)} status="active" />
          </div>
        )}
      </Card>
    </Space>
  );
}

/** Where a clerk finds the 单位代码 for the file: the codes of the units they may import into. */
function UnitCodes() {
  const { t } = useI18n();
  const { units, isLoading } = useUnits();
  const [filter, setFilter] = useState('');
  const rows = useMemo(
    () =>
      units
        .filter((unit) => unit.code && !unit.closedAt)
        .filter((unit) => !filter.trim() || unit.name.includes(filter.trim()) || unit.code!.includes(filter.trim())),
    [units, filter],
  );
  return (
    <Collapse
      ghost
      size="small"
      style={{ marginTop: 8 }}
      items={[
        {
          key: 'codes',
          label: t('registry.import.unitCodesTitle'),
          children: (
            <div style={{ maxWidth: 520 }}>
              <Input.Search
                allowClear
                size="small"
                placeholder={t('units.searchPlaceholder')}
                onChange={(event) => setFilter(event.target.value)}
                style={{ marginBottom: 8 }}
              />
              <Table<Unit>
                rowKey="id"
                size="small"
                loading={isLoading}
                dataSource={rows}
                pagination={rows.length > 8 ? { pageSize: 8, showSizeChanger: false, size: 'small' } : false}
                columns={[
                  { title: t('registry.col.unit'), dataIndex: 'name', key: 'name' },
                  {
                    title: t('registry.import.unitCode'),
                    dataIndex: 'code',
                    key: 'code',
                    width: 160,
                    render: (code: string) => <Typography.Text copyable>{code}</Typography.Text>,
                  },
                ]}
                locale={{ emptyText: t('registry.import.noUnitCodes') }}
              />
            </div>
          ),
        },
      ]}
    />
  );
}

// ——— steps 2 and 3: progress, preview, result ———

function BatchView({
  batch,
  live,
  onFollow,
}: {
  batch: ImportBatch;
  live: ImportBatch['counts'] | null;
  onFollow(batch: ImportBatch): void;
}) {
  const { t } = useI18n();
  const showError = useApiError();
  const [policy, setPolicy] = useState<DuplicatePolicy>('skip');
  const [choices, setChoices] = useState<Record<string, DuplicatePolicy>>({});
  const [isCommitting, setIsCommitting] = useState(false);

  useEffect(() => {
    setPolicy('skip');
    setChoices({});
  }, [batch.id]);

  const fileLine = (
    <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }} data-testid="import-file-name">
      <FileExcelOutlined /> {batch.fileName}
    </Typography.Paragraph>
  );

  if (batch.status === 'uploaded' || batch.status === 'previewing')
    return <ImportProgress phase="preview" counts={live} totalRows={null} fileName={batch.fileName} />;
  if (batch.status === 'committing')
    return (
      <ImportProgress
        phase="commit"
        counts={live}
        totalRows={batch.counts.rows > 0 ? batch.counts.rows : null}
        fileName={batch.fileName}
      />
    );

  if (batch.status === 'failed') {
    return (
      <div style={{ maxWidth: 960 }}>
        {fileLine}
        <Alert
          type="error"
          showIcon
          title={batch.duplicatePolicy ? t('registry.import.commitFailed') : t('registry.import.failed')}
          description={
            <span data-testid="import-error-message" style={{ fontSize: 15 }}>
              {batch.errorMessage ?? t('registry.import.failedUnknown')}
            </span>
          }
          data-testid="import-failed"
          style={{ marginBottom: 16 }}
        />
        <Button
          type="primary"
          icon={<CloudUploadOutlined />}
          onClick={() => navigate('/registry/import')}
          data-testid="import-upload-again"
        >
          {t('registry.import.uploadAgain')}
        </Button>
      </div>
    );
  }

  if (batch.status === 'committed') {
    const hasProblems = batch.counts.rejected + batch.counts.duplicates > 0;
    return (
      <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="import-result">
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleOutlined />}
          title={t('registry.import.doneTitle', { created: batch.counts.created, updated: batch.counts.updated })}
          description={fileLine}
        />
        <ImportCountCards counts={batch.counts} phase="result" />
        {batch.counts.flagged > 0 && (
          <Alert
            type="info"
            showIcon
            title={t('registry.import.flaggedNote', { count: batch.counts.flagged })}
            action={<Link to="/registry/duplicates">{t('registry.import.reviewDuplicates')}</Link>}
          />
        )}
        {hasProblems && (
          <Card size="small" title={t('registry.import.problemRows')}>
            <ProblemsTable batch={batch} policy={policy} choices={{}} isEditable={false} />
          </Card>
        )}
        <Space wrap>
          {hasProblems && (
            <Button
              icon={<DownloadOutlined />}
              href={importErrorsUrl(batch.id)}
              download
              data-testid="import-errors-download"
            >
              {t('registry.import.downloadErrors')}
            </Button>
          )}
          <Button
            type="primary"
            icon={<UnorderedListOutlined />}
            onClick={() => navigate('/registry')}
            data-testid="import-back-to-registry"
          >
            {t('registry.import.backToRegistry')}
          </Button>
          <Button icon={<CloudUploadOutlined />} onClick={() => navigate('/registry/import')}>
            {t('registry.import.another')}
          </Button>
        </Space>
      </Space>
    );
  }

  // previewed: what the file would do, and the choices before committing
  const counts = batch.counts;
  if (isCommitting)
    return <ImportProgress phase="commit" counts={null} totalRows={counts.rows} fileName={batch.fileName} />;
  const hasRegistryDuplicates = batch.problems.some((problem) => problem.kind === 'duplicate-in-registry');
  const willUpdate = policy === 'update' || Object.values(choices).includes('update');
  const canCommit = counts.created > 0 || (counts.duplicates > 0 && willUpdate);

  const commit = async () => {
    setIsCommitting(true);
    try {
      onFollow(await commitImport(batch.id, policy, choices));
    } catch (error) {
      const apiError = showError(error);
      if (apiError?.code === 'IMPORT_NOT_READY' || apiError?.code === 'IMPORT_BUSY') onFollow(batch);
    } finally {
      setIsCommitting(false);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="import-preview">
      <div>
        {fileLine}
        <ImportCountCards counts={counts} phase="preview" />
      </div>
      {counts.rows === 0 && <Alert type="warning" showIcon title={t('registry.import.emptyFile')} />}
      {batch.extraColumns.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={t('registry.import.extraColumns', { columns: batch.extraColumns.join('、') })}
          data-testid="import-extra-columns"
        />
      )}
      {counts.rejected + counts.duplicates > 0 && (
        <Card
          size="small"
          title={t('registry.import.problemRows')}
          extra={
            <Button
              size="small"
              type="link"
              icon={<DownloadOutlined />}
              href={importErrorsUrl(batch.id)}
              download
              data-testid="import-errors-download-preview"
            >
              {t('registry.import.downloadErrors')}
            </Button>
          }
        >
          <ProblemsTable
            batch={batch}
            policy={policy}
            choices={choices}
            isEditable
            onChoice={(row, choice) =>
              setChoices((current) => {
                const next = { ...current };
                if (choice === null) delete next[String(row)];
                else next[String(row)] = choice;
                return next;
              })
            }
          />
        </Card>
      )}
      {counts.duplicates > 0 && (
        <Card size="small" title={t('registry.import.policyTitle')}>
          <Radio.Group
            value={policy}
            onChange={(event) => setPolicy(event.target.value as DuplicatePolicy)}
            data-testid="import-policy"
          >
            <Space orientation="vertical">
              <Radio value="skip" data-testid="import-policy-skip">
                {t('registry.import.policySkip')}
              </Radio>
              <Radio value="update" data-testid="import-policy-update">
                {t('registry.import.policyUpdate')}
              </Radio>
            </Space>
          </Radio.Group>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            {hasRegistryDuplicates ? t('registry.import.policyHelpRows') : t('registry.import.policyHelp')}
          </Typography.Paragraph>
        </Card>
      )}
      <Card size="small">
        <Space wrap align="center">
          <Button
            type="primary"
            size="large"
            icon={<CheckCircleOutlined />}
            onClick={() => void commit()}
            loading={isCommitting}
            disabled={!canCommit}
            data-testid="import-commit"
          >
            {t('registry.import.commit')}
          </Button>
          <Typography.Text type="secondary">
            {canCommit
              ? `${t('registry.import.commitHelp', { created: counts.created.toLocaleString('zh-CN') })}${
                  willUpdate ? t('registry.import.commitHelpUpdate') : ''
                }${counts.rejected > 0 ? t('registry.import.commitHelpRejected') : ''}`
              : t('registry.import.nothingToImport')}
          </Typography.Text>
          <Button icon={<ReloadOutlined />} onClick={() => navigate('/registry/import')}>
            {t('registry.import.chooseOther')}
          </Button>
        </Space>
      </Card>
    </Space>
  );
}
