/**
 * The demo's campaign: 篇五's categories and standards (2,813,500.00 yuan), with the plan's words
 * written for the district it is loaded for, 海门区, and its identification set up the way a
 * civil-affairs bureau would: deadlines, the registry category behind each campaign category, and a
 * checklist per category.
 */
import type { Criterion } from '../modules/identification/eligibility.ts';
import { PIAN_WU_CATEGORIES } from '../modules/campaign/pian-wu.ts';

export const HAIMEN_PLAN = {
  name: '海门区2027年春节慰问送温暖活动',
  slogan: '情暖万家 温暖过年',
  purpose:
    '根据区委、区政府关于做好春节期间慰问送温暖活动的工作部署，坚持以人为本、为民解困、为民服务的民政工作宗旨，立足保障困难群体基本生活，切实帮助群众缓解困难，确保全区困难群众过上一个欢乐、祥和、安定的节日，促进海门区社会和谐发展。',
  requirements: [
    '加强领导。各镇（街道）要从讲政治高度，把重点优抚对象和各类救助对象的过节问题摆在当前重要工作的议事日程，抓紧时间筹划、部署，主要领导亲自抓。',
    '加强督促检查。区民政局对下拨各镇（街道）民政对象春节慰问资金和物资的使用情况进行督促检查，确保基层按照“专款专用、重点使用”的原则，统筹解决民政对象节日的生活。',
    '及时反馈慰问活动情况。慰问活动结束后，各镇（街道）于3月1日前将慰问活动开展情况书面报告区民政局。',
  ].join('\n'),
  phases: [
    {
      name: '准备阶段',
      startsOn: '2026-12-01',
      endsOn: '2026-12-20',
      description: '各村（社区）调查摸底、入户核实，镇（街道）审核，12月20日前报区民政局审批',
    },
    {
      name: '宣传阶段',
      startsOn: '2026-12-20',
      endsOn: '2027-01-10',
      description: '名单在各村（社区）公示栏公示，广泛宣传送温暖活动的意义',
    },
    {
      name: '慰问阶段',
      startsOn: '2027-01-10',
      endsOn: '2027-02-10',
      description: '面上慰问1月下旬由各镇（街道）发放；点上慰问由区四套班子成员和挂钩单位领导走访',
    },
    {
      name: '总结阶段',
      startsOn: '2027-02-25',
      endsOn: '2027-03-05',
      description: '各镇（街道）3月1日前书面报送总结，区民政局汇总上报',
    },
  ],
  activities: [
    {
      title: '面上慰问',
      description:
        '所需资金由区民政局按照确定的人数和标准拨付各镇（街道），由镇（街道）负责慰问；各镇（街道）可适当配套资金。',
      responsibleUnits: '区民政局、各镇（街道）',
      dueOn: '2027-01-31',
    },
    {
      title: '点上慰问',
      description: '由区四套班子成员和挂钩单位领导走访慰问，对象由各镇（街道）确定后上报区民政局。',
      responsibleUnits: '区委办、区政府办、区民政局',
      dueOn: '2027-02-10',
    },
    {
      title: '督促检查与情况反馈',
      description: '对下拨各镇（街道）的慰问资金和物资使用情况进行督促检查，活动结束后报告开展情况。',
      responsibleUnits: '区民政局',
      dueOn: '2027-03-01',
    },
  ],
  /** 篇五's categories and standards; its point visits go to every town and street of 海门区 */
  categories: PIAN_WU_CATEGORIES.map((category) =>
    category.layer === 'leaderVisit' ? { ...category, countNote: '各镇（街道）1至2人，共25人' } : category,
  ),
};

/** 篇七: at least 70% of each unit's quota by the first date, the rest by the second. */
export const HAIMEN_DEADLINES = { firstDeadline: '2026-12-15', finalDeadline: '2026-12-20', firstDeadlineShare: 70 };

const DIBAO: Criterion[] = [
  { key: 'dibaoCard', label: '持有效低保证，当年已年审', required: true },
  { key: 'belowStandard', label: '家庭人均收入低于海门区最低生活保障标准', required: true },
];
const TEKUN: Criterion[] = [
  { key: 'tekunSupport', label: '已纳入特困人员救助供养（五保）', required: true },
  { key: 'noSupporter', label: '无劳动能力、无生活来源、无法定赡养抚养扶养义务人', required: true },
];
const YOUFU: Criterion[] = [
  { key: 'regularSubsidy', label: '享受定期定量补助（“三属”、在乡复员军人、伤残军人等）', required: true },
];

export interface DemoCategoryRule {
  registryCategory: string | null;
  minAge: number | null;
  criteria: Criterion[];
}

/** Per campaign category: the registry category a person must hold, the minimum age, the checklist. */
export const HAIMEN_CATEGORY_RULES: Record<string, DemoCategoryRule> = {
  重点优抚对象: { registryCategory: '重点优抚对象', minAge: null, criteria: YOUFU },
  城市低保人员: { registryCategory: '城市低保', minAge: null, criteria: DIBAO },
  农村低保人员: { registryCategory: '农村低保', minAge: null, criteria: DIBAO },
  农村五保户: { registryCategory: '特困人员', minAge: null, criteria: TEKUN },
  孤儿: {
    registryCategory: '孤儿',
    minAge: null,
    criteria: [
      { key: 'under18', label: '未满18周岁', required: true },
      { key: 'parentsGone', label: '父母双亡，或一方死亡另一方失踪', required: true },
    ],
  },
  '40%定救人员': {
    registryCategory: null,
    minAge: null,
    criteria: [{ key: 'fixedRelief', label: '列入40%定期定量救济名册', required: true }],
  },
  一次性定救人员: {
    registryCategory: null,
    minAge: null,
    criteria: [{ key: 'oneOffRelief', label: '经镇（街道）审核确定为一次性定救对象', required: true }],
  },
  麻风病人: {
    registryCategory: null,
    minAge: null,
    criteria: [{ key: 'registeredPatient', label: '在区疾控中心麻风病人名册内', required: true }],
  },
  六级以上伤残军人和红军失散人员: {
    registryCategory: '重点优抚对象',
    minAge: null,
    criteria: [{ key: 'disabilityLevel', label: '持残疾军人证，伤残等级六级以上，或为红军失散人员', required: true }],
  },
  百岁老人: {
    registryCategory: '百岁老人',
    minAge: 100,
    criteria: [{ key: 'residentAlive', label: '本人健在，户籍在海门区', required: true }],
  },
  敬老院集中供养五保人员: {
    registryCategory: '特困人员',
    minAge: null,
    criteria: [{ key: 'inCareHome', label: '在镇（街道）敬老院集中供养', required: true }, ...TEKUN.slice(0, 1)],
  },
  '重点优抚对象（点上）': { registryCategory: '重点优抚对象', minAge: null, criteria: YOUFU },
  '城市低保户（点上）': { registryCategory: '城市低保', minAge: null, criteria: DIBAO },
  '农村低保户（点上）': { registryCategory: '农村低保', minAge: null, criteria: DIBAO },
};
