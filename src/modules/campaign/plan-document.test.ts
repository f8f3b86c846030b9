import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { computeBudget } from './budget.ts';
import type { Campaign, CampaignCategory } from './campaign.ts';
import {
  PIAN_WU_ACTIVITIES,
  PIAN_WU_CATEGORIES,
  PIAN_WU_NAME,
  PIAN_WU_PHASES,
  PIAN_WU_PURPOSE,
  PIAN_WU_REQUIREMENTS,
} from './pian-wu.ts';
import { chineseNumeral, formatDateRange, planDocumentFileName, renderPlanDocument } from './plan-document.ts';

function pianWuCampaign(): Campaign {
  const categories: CampaignCategory[] = PIAN_WU_CATEGORIES.map((spec, index) => ({
    id: index + 1,
    name: spec.name,
    layer: spec.layer,
    plannedCount: spec.plannedCount,
    countNote: spec.countNote,
    cashFen: spec.cashYuan * 100,
    giftFen: spec.giftYuan * 100,
    items: [],
    description: null,
    sort: index,
  }));
  const pointCategories = categories.filter((category) => category.layer === 'leaderVisit');
  return {
    ...emptyCampaign(),
    name: PIAN_WU_NAME,
    slogan: '送温暖迎新春',
    purpose: PIAN_WU_PURPOSE,
    requirements: PIAN_WU_REQUIREMENTS,
    organiserUnitName: '市民政局',
    phases: PIAN_WU_PHASES.map((phase, index) => ({ id: index + 1, sort: index, ...phase })),
    activities: PIAN_WU_ACTIVITIES.map((activity, index) => ({ id: index + 1, sort: index, ...activity })),
    categories,
    unitPlans: pointCategories.flatMap((category) => [
      { unitId: 11, unitName: '甲镇', categoryId: category.id, plannedCount: 13 },
      { unitId: 12, unitName: '乙镇', categoryId: category.id, plannedCount: 12 },
    ]),
    matchingFunds: [{ unitId: 11, unitName: '甲镇', amountFen: 5_000_000, note: '镇财政配套' }],
  };
}

function emptyCampaign(): Campaign {
  return {
    id: 1,
    name: '',
    slogan: null,
    purpose: null,
    requirements: null,
    year: 2027,
    status: 'draft',
    organiserUnitId: 1,
    organiserUnitName: '',
    phases: [],
    activities: [],
    categories: [],
    unitPlans: [],
    matchingFunds: [],
    version: 1,
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
  };
}

async function render(campaign: Campaign): Promise<Buffer> {
  return renderPlanDocument(campaign, computeBudget(campaign.categories, campaign.unitPlans, campaign.matchingFunds));
}

/** Reads one entry of a zip archive through its central directory (stored or deflated entries only). */
function readZipEntry(zip: Buffer, name: string): string {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('no end of central directory');
  const entries = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i += 1) {
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const entryName = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (entryName === name) {
      const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
      const data = zip.subarray(dataStart, dataStart + compressedSize);
      return (method === 0 ? data : inflateRawSync(data)).toString('utf8');
    }
    offset += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${name} not in archive`);
}

/** The visible text of document.xml, runs joined, so assertions do not depend on run boundaries. */
function visibleText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('');
}

describe('renderPlanDocument', () => {
  it('renders 篇五 as a .docx with every section, category, amount and date', async () => {
    const buffer = await render(pianWuCampaign());
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');

    const xml = readZipEntry(buffer, 'word/document.xml');
    const text = visibleText(xml);
    expect(text).toContain('2027年春节慰问送温暖活动实施方案');
    expect(text).toContain('——送温暖迎新春');
    for (const heading of [
      '一、指导思想',
      '二、慰问对象',
      '三、慰问标准及资金',
      '四、时间安排',
      '五、工作要求',
      '六、责任单位',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('（一）面上慰问');
    expect(text).toContain('（二）点上慰问');
    for (const category of PIAN_WU_CATEGORIES) expect(text).toContain(category.name);
    expect(text).toContain('面上慰问小计');
    expect(text).toContain('2,776,000.00');
    expect(text).toContain('37,500.00');
    expect(text).toContain('所需总资金2,813,500.00元');
    expect(text).toContain('372,600.00');
    expect(text).toContain('各单位配套资金共50,000.00元，其中：甲镇50,000.00元（镇财政配套）');
    expect(text).toContain('共投入资金2,863,500.00元');
    expect(text).toContain('甲镇');
    expect(text).toContain('乙镇');
    expect(text).toContain('2026年12月1日至12月20日');
    expect(text).toContain('2026年12月20日至2027年1月10日');
    expect(text).toContain('2027年2月25日至3月5日');
    expect(text).toContain('（一）加强领导。');
    expect(text).toContain('（三）及时反馈慰问活动情况。');
    expect(text).toContain('责任单位：市民政局、各镇（场）政府。');
    expect(text).toContain('完成时限：2027年1月31日前。');
    expect(text).not.toContain('（未填写）');

    expect(xml).toContain('w:eastAsia="仿宋"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(xml).toContain('<w:tblBorders>');
    expect(readZipEntry(buffer, 'word/fontTable.xml')).toContain('<w:altName w:val="宋体"/>');
  });

  it('writes in-kind items with spec and quantity', async () => {
    const campaign = pianWuCampaign();
    const [first] = campaign.categories;
    if (!first) throw new Error('no category');
    first.items = [
      { itemId: 1, name: '大米', spec: '20斤/袋', unitLabel: '袋', quantity: 2, unitPriceFen: 5000 },
      { itemId: 2, name: '食用油', spec: '5L/桶', unitLabel: '桶', quantity: 1, unitPriceFen: 6000 },
    ];
    const text = visibleText(readZipEntry(await render(campaign), 'word/document.xml'));
    expect(text).toContain('大米20斤/袋×2、食用油5L/桶×1');
    expect(text).toContain('260.00');
  });

  it('renders an empty campaign without throwing', async () => {
    const buffer = await render(emptyCampaign());
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    const text = visibleText(readZipEntry(buffer, 'word/document.xml'));
    expect(text).toContain('慰问活动实施方案');
    expect(text).toContain('六、责任单位');
    expect(text.match(/（未填写）/g)?.length).toBe(6);
  });
});

describe('plan document helpers', () => {
  it('numbers in Chinese', () => {
    expect([1, 6, 10, 11, 20, 23].map(chineseNumeral)).toEqual(['一', '六', '十', '十一', '二十', '二十三']);
  });

  it('writes date ranges the way plans do', () => {
    expect(formatDateRange('2026-12-01', '2026-12-20')).toBe('2026年12月1日至12月20日');
    expect(formatDateRange('2026-12-20', '2027-01-10')).toBe('2026年12月20日至2027年1月10日');
    expect(formatDateRange('2027-01-10', '2027-01-10')).toBe('2027年1月10日');
  });

  it('makes a safe file name', () => {
    expect(planDocumentFileName({ name: PIAN_WU_NAME })).toBe('2027年春节慰问送温暖活动-实施方案.docx');
    expect(planDocumentFileName({ name: ' a/b:c*?"<>| 2027 ' })).toBe('abc_2027-实施方案.docx');
    expect(planDocumentFileName({ name: '' })).toBe('慰问活动-实施方案.docx');
  });
});
