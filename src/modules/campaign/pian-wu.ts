/**
 * 篇五 (a city civil-affairs bureau's Spring Festival plan) as data: 11 area-wide categories and
 * 3 point-visit categories, exactly as printed. Used by the demo and by the budget tests, which
 * must give 2,776,000.00 + 37,500.00 = 2,813,500.00 yuan.
 */
import type { CategoryLayer } from './campaign.ts';

export interface PlanCategorySpec {
  name: string;
  layer: CategoryLayer;
  plannedCount: number;
  countNote: string | null;
  cashYuan: number;
  giftYuan: number;
  /** the line total as the plan prints it, in yuan; null where the plan is unreadable (220xx) */
  printedTotalYuan: number | null;
}

export const PIAN_WU_NAME = '2027年春节慰问送温暖活动';
export const PIAN_WU_PURPOSE =
  '根据市委、市政府关于做好春节期间慰问送温暖活动的工作部署，坚持以人为本、为民解困、为民服务的民政工作宗旨，立足保障困难群体基本生活，切实帮助群众缓解困难，确保全市困难群众过上一个欢乐、祥和、安定的节日，促进我市社会和谐发展。';
export const PIAN_WU_REQUIREMENTS = [
  '加强领导。各有关单位要从讲政治高度，把重点优抚对象和各类救济对象的过节问题摆在当前重要工作的议事日程，抓紧时间筹划、部署，主要领导亲自抓。',
  '加强督促检查。市民政局加强对下拨各镇、场民政对象春节慰问物资的使用情况进行督促检查，确保基层按照“专款专用、重点使用”的原则，统筹解决民政对象节日的生活。',
  '及时反馈慰问活动情况。慰问活动结束后，各单位及时将慰问活动开展情况报告市民政局。',
].join('\n');

export const PIAN_WU_CATEGORIES: readonly PlanCategorySpec[] = [
  {
    name: '重点优抚对象',
    layer: 'general',
    plannedCount: 3726,
    countNote: null,
    cashYuan: 100,
    giftYuan: 0,
    printedTotalYuan: 372600,
  },
  {
    name: '城市低保人员',
    layer: 'general',
    plannedCount: 7500,
    countNote: null,
    cashYuan: 100,
    giftYuan: 0,
    printedTotalYuan: 750000,
  },
  {
    name: '农村低保人员',
    layer: 'general',
    plannedCount: 10572,
    countNote: null,
    cashYuan: 100,
    giftYuan: 0,
    printedTotalYuan: 1057200,
  },
  {
    name: '农村五保户',
    layer: 'general',
    plannedCount: 4171,
    countNote: null,
    cashYuan: 100,
    giftYuan: 0,
    printedTotalYuan: 417100,
  },
  {
    name: '孤儿',
    layer: 'general',
    plannedCount: 267,
    countNote: null,
    cashYuan: 100,
    giftYuan: 0,
    printedTotalYuan: 26700,
  },
  {
    name: '40%定救人员',
    layer: 'general',
    plannedCount: 37,
    countNote: null,
    cashYuan: 100,
    giftYuan: 0,
    printedTotalYuan: 3700,
  },
  {
    name: '一次性定救人员',
    layer: 'general',
    plannedCount: 220,
    countNote: null,
    cashYuan: 100,
    giftYuan: 0,
    printedTotalYuan: null,
  },
  {
    name: '麻风病人',
    layer: 'general',
    plannedCount: 49,
    countNote: null,
    cashYuan: 100,
    giftYuan: 0,
    printedTotalYuan: 4900,
  },
  {
    name: '六级以上伤残军人和红军失散人员',
    layer: 'general',
    plannedCount: 83,
    countNote: null,
    cashYuan: 300,
    giftYuan: 100,
    printedTotalYuan: 33200,
  },
  {
    name: '百岁老人',
    layer: 'general',
    plannedCount: 138,
    countNote: null,
    cashYuan: 300,
    giftYuan: 200,
    printedTotalYuan: 69000,
  },
  {
    name: '敬老院集中供养五保人员',
    layer: 'general',
    plannedCount: 196,
    countNote: null,
    cashYuan: 0,
    giftYuan: 100,
    printedTotalYuan: 19600,
  },
  {
    name: '重点优抚对象（点上）',
    layer: 'leaderVisit',
    plannedCount: 25,
    countNote: '每镇、原办事处各1人',
    cashYuan: 300,
    giftYuan: 200,
    printedTotalYuan: 12500,
  },
  {
    name: '城市低保户（点上）',
    layer: 'leaderVisit',
    plannedCount: 25,
    countNote: '每镇、原办事处各1人',
    cashYuan: 300,
    giftYuan: 200,
    printedTotalYuan: 12500,
  },
  {
    name: '农村低保户（点上）',
    layer: 'leaderVisit',
    plannedCount: 25,
    countNote: '每镇、原办事处各1人',
    cashYuan: 300,
    giftYuan: 200,
    printedTotalYuan: 12500,
  },
];

export const PIAN_WU_PHASES = [
  { name: '准备阶段', startsOn: '2026-12-01', endsOn: '2026-12-20', description: '调查摸底，确定慰问对象名单' },
  { name: '宣传阶段', startsOn: '2026-12-20', endsOn: '2027-01-10', description: '广泛宣传送温暖活动的意义' },
  {
    name: '慰问阶段',
    startsOn: '2027-01-10',
    endsOn: '2027-02-10',
    description: '面上慰问1月下旬；点上慰问以市委、市政府确定的时间为准',
  },
  { name: '总结阶段', startsOn: '2027-02-25', endsOn: '2027-03-05', description: '3月1日前以书面形式报送总结' },
];

export const PIAN_WU_ACTIVITIES = [
  {
    title: '面上慰问',
    description: '所需资金由市民政局按照确定的人数和标准拨付当地政府，由当地政府负责慰问；各镇、场可适当配套资金。',
    responsibleUnits: '市民政局、各镇（场）政府',
    dueOn: '2027-01-31',
  },
  {
    title: '点上慰问',
    description: '由市四套班子成员和挂点单位领导走访慰问，对象由镇确定后上报市民政局。',
    responsibleUnits: '市委办、市政府办、市民政局',
    dueOn: '2027-02-10',
  },
  {
    title: '督促检查与情况反馈',
    description: '对下拨慰问物资的使用情况进行督促检查，活动结束后报告开展情况。',
    responsibleUnits: '市民政局',
    dueOn: '2027-03-01',
  },
];
