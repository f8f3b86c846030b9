/** 合并: choose which of the two records stays; the other's hardship records, categories and bars move to it. */
import { Alert, App, Card, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n.ts';
import { useSubmit } from '../../../app/use-submit.ts';
import { resolveDuplicate, type DuplicateSide, type VisiblePair } from '../api/registry-api.ts';
import { duplicateReasonLabel } from '../registry-labels.ts';
import { ContactLine } from './contact-line.tsx';

function SideCard({ side, isKept }: { side: DuplicateSide; isKept: boolean }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      style={{ width: 232, borderColor: isKept ? '#52c41a' : undefined, background: isKept ? '#f6ffed' : undefined }}
    >
      <Typography.Text strong style={{ fontSize: 16 }}>
        {side.name}
      </Typography.Text>
      <div style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{side.idMasked}</div>
      <Typography.Text type="secondary">
        {t('registry.duplicates.born', { date: side.birthDate })}
        <br />
        {side.unitName}
      </Typography.Text>
      <ContactLine side={side} />
      <div style={{ marginTop: 6 }}>
        <Typography.Text type={isKept ? 'success' : 'secondary'}>
          {isKept ? t('registry.merge.keep') : t('registry.merge.folded')}
        </Typography.Text>
      </div>
    </Card>
  );
}

export function MergeModal({ pair, onClose, onMerged }: { pair: VisiblePair; onClose(): void; onMerged(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [keepId, setKeepId] = useState<number>(pair.person.id);
  const { isBusy: isSaving, run } = useSubmit();

  const submit = async () => {
    await run(async () => {
      await resolveDuplicate(pair.id, 'merge', keepId);
      message.success(t('registry.merge.done'));
      onMerged();
    });
  };

  return (
    <Modal
      open
      title={t('registry.merge.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('registry.merge.ok')}
      confirmLoading={isSaving}
      okButtonProps={{ 'data-testid': 'merge-submit' } as Record<string, string>}
      width={640}
    >
      <Typography.Paragraph>
        {t('registry.merge.reason', { reason: duplicateReasonLabel(pair.reason, t) })}
      </Typography.Paragraph>
      <Typography.Paragraph strong>{t('registry.merge.choose')}</Typography.Paragraph>
      <Radio.Group
        value={keepId}
        onChange={(event) => setKeepId(event.target.value as number)}
        data-testid="merge-keep"
      >
        <Space align="start">
          {[pair.person, pair.other].map((side) => (
            <Radio key={side.id} value={side.id} data-testid={`merge-keep-${side.id}`}>
              <SideCard side={side} isKept={keepId === side.id} />
            </Radio>
          ))}
        </Space>
      </Radio.Group>
      <Alert type="warning" showIcon style={{ marginTop: 16 }} title={t('registry.merge.help')} />
    </Modal>
  );
}
