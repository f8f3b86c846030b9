import { Card, Col, Form, Input, Row, Select, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../../app/i18n.ts';
import { formatFen, parseYuanInput, yuanProblemMessage, fenToYuanInput } from '../../../../app/money-input.ts';
import { householdsAffordable, perPersonFen } from '../../budget-view.ts';
import type { CampaignCategory } from '../../api/campaign-api.ts';

/**
 * 篇八: "暂定对象30—50户,视经费情况决定" — when the money decides the scale, how many households does it
 * serve at a given standard, and what is left over. Computed here with the shared pure function.
 */
export function AffordabilityCalculator({ categories }: { categories: CampaignCategory[] }) {
  const { t } = useI18n();
  const [available, setAvailable] = useState('');
  const [standard, setStandard] = useState('');

  const availableParse = parseYuanInput(available);
  const standardParse = parseYuanInput(standard);
  const availableError =
    available.trim() && !availableParse.isValid ? yuanProblemMessage(availableParse.problem, t) : null;
  let standardError = standard.trim() && !standardParse.isValid ? yuanProblemMessage(standardParse.problem, t) : null;
  if (!standardError && standardParse.isValid && standardParse.fen === 0) standardError = t('afford.standardZero');
  const result =
    availableParse.isValid && standardParse.isValid && standardParse.fen > 0
      ? householdsAffordable(availableParse.fen, standardParse.fen)
      : null;

  const standards = categories
    .map((category) => ({ name: category.name, fen: perPersonFen(category) }))
    .filter((entry) => entry.fen > 0);

  return (
    <Card size="small" title={t('afford.title')} data-testid="affordability">
      <Typography.Paragraph type="secondary">{t('afford.help')}</Typography.Paragraph>
      <Form layout="vertical" component="div" disabled={false}>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              label={t('afford.available')}
              validateStatus={availableError ? 'error' : undefined}
              help={availableError}
            >
              <Input
                value={available}
                onChange={(event) => setAvailable(event.target.value)}
                inputMode="decimal"
                suffix={t('common.yuan')}
                placeholder="100000"
                data-testid="afford-available"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label={t('afford.standard')}
              validateStatus={standardError ? 'error' : undefined}
              help={standardError}
            >
              <Input
                value={standard}
                onChange={(event) => setStandard(event.target.value)}
                inputMode="decimal"
                suffix={t('afford.perHousehold')}
                placeholder="2000"
                data-testid="afford-standard"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('afford.fromCategory')}>
              <Select
                placeholder={t('afford.fromCategoryPlaceholder')}
                disabled={standards.length === 0}
                options={standards.map((entry, index) => ({
                  value: index,
                  label: `${entry.name}：${formatFen(entry.fen)}${t('common.yuan')}`,
                }))}
                onChange={(index: number) => {
                  const entry = standards[index];
                  if (entry) setStandard(fenToYuanInput(entry.fen));
                }}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Row gutter={12}>
        <Col span={8}>
          <Statistic
            title={t('afford.households')}
            value={result ? result.households : '—'}
            suffix={result ? t('afford.householdUnit') : undefined}
            data-testid="afford-households"
          />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('afford.spent')}
            value={result ? formatFen(result.spentFen) : '—'}
            suffix={result ? t('common.yuan') : undefined}
            data-testid="afford-spent"
          />
        </Col>
        <Col span={8}>
          <Statistic
            title={t('afford.remainder')}
            value={result ? formatFen(result.remainderFen) : '—'}
            suffix={result ? t('common.yuan') : undefined}
            data-testid="afford-remainder"
          />
        </Col>
      </Row>
    </Card>
  );
}
