/**
 * Registry people for the demo: plausible names, valid (but fictitious) resident ID numbers with
 * correct check digits, phones, addresses and hardship categories, generated from a fixed seed so
 * every demo looks the same. Written as a CSV and loaded through the real import pipeline.
 */
import { computeCheckCharacter } from '../modules/registry/id-number.ts';

export const SURNAMES = [
  '张',
  '王',
  '李',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '朱',
  '高',
  '胡',
  '郭',
  '何',
  '沈',
  '施',
  '顾',
  '曹',
  '陆',
  '季',
  '茅',
  '龚',
  '倪',
  '欧阳',
  '曾',
  '单',
];
export const GIVEN = [
  '伟',
  '芳',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '建国',
  '国平',
  '玉兰',
  '志强',
  '海燕',
  '红梅',
  '德明',
];
/**
 * The registry categories of a village's people, how common each is, and the ages that fit it (as of
 * the campaign's winter): no orphan of 56, no centenarian under 100, employees of working age.
 */
export const CATEGORY_PROFILES: readonly { category: string; weight: number; minAge: number; maxAge: number }[] = [
  { category: '农村低保', weight: 30, minAge: 30, maxAge: 88 },
  { category: '城市低保', weight: 8, minAge: 30, maxAge: 85 },
  { category: '低保边缘', weight: 10, minAge: 30, maxAge: 80 },
  { category: '特困人员', weight: 12, minAge: 60, maxAge: 92 },
  { category: '重点优抚对象', weight: 12, minAge: 62, maxAge: 95 },
  { category: '残疾人', weight: 6, minAge: 19, maxAge: 75 },
  { category: '困难职工', weight: 8, minAge: 25, maxAge: 58 },
  { category: '空巢老人', weight: 8, minAge: 70, maxAge: 92 },
  { category: '留守儿童', weight: 3, minAge: 4, maxAge: 15 },
  { category: '孤儿', weight: 2, minAge: 3, maxAge: 16 },
  { category: '百岁老人', weight: 1, minAge: 100, maxAge: 104 },
];
/** Ages are counted back from the winter of 2026: a birth year this far back gives that age or one less. */
const REFERENCE_YEAR = 2026;

const HARDSHIPS = [
  '因病致贫，常年服药',
  '独居老人，子女在外',
  '家庭主要劳动力残疾',
  '单亲家庭，子女上学',
  '意外事故致家庭困难',
  '年老体弱，无固定收入',
];
/** Where the general reasons do not fit the person (a child is not 年老体弱). */
const HARDSHIP_OF: Record<string, string> = {
  留守儿童: '父母均在外务工，随祖父母生活',
  孤儿: '父母双亡，由祖父母抚养',
  百岁老人: '高龄，需专人照料',
  困难职工: '所在企业停产，本人待岗，子女上学',
};

/** A small deterministic generator (mulberry32): the same demo every time. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)]!;
}

function pickWeighted<T extends { weight: number }>(next: () => number, list: readonly T[]): T {
  let left = next() * list.reduce((sum, entry) => sum + entry.weight, 0);
  for (const entry of list) {
    left -= entry.weight;
    if (left < 0) return entry;
  }
  return list[list.length - 1]!;
}

export function fictitiousIdNumber(next: () => number, regionCode: string, birthYear: number): string {
  const month = String(1 + Math.floor(next() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(next() * 28)).padStart(2, '0');
  const sequence = String(Math.floor(next() * 999)).padStart(3, '0');
  const first17 = `${regionCode}${birthYear}${month}${day}${sequence}`;
  return first17 + computeCheckCharacter(first17);
}

export function demoRegistryCsv(
  villages: { code: string; name: string }[],
  perVillage: number,
  seed = 20270101,
): string {
  const next = random(seed);
  const lines = ['姓名,身份证号,联系电话,单位代码,类别,住址,家庭人口,困难情况'];
  const used = new Set<string>();
  for (const village of villages) {
    for (let i = 0; i < perVillage; i += 1) {
      const name = pick(next, SURNAMES) + pick(next, GIVEN);
      const profile = pickWeighted(next, CATEGORY_PROFILES);
      // the oldest still count as 100 on the day before their birthday
      const age = profile.minAge + Math.floor(next() * (profile.maxAge - profile.minAge + 1));
      const birthYear = REFERENCE_YEAR - age - (profile.minAge >= 100 ? 1 : 0);
      // people keep the region code of their birth registration: old 海门 320684 as well as 320614
      const region = next() < 0.6 ? '320684' : '320614';
      let idNumber = fictitiousIdNumber(next, region, birthYear);
      while (used.has(idNumber)) idNumber = fictitiousIdNumber(next, region, birthYear);
      used.add(idNumber);
      const categories = [profile.category, ...(age >= 19 && next() < 0.15 ? ['残疾人'] : [])];
      const phone = `13${Math.floor(100_000_000 + next() * 899_999_999)}`;
      const address = `${village.name}${1 + Math.floor(next() * 30)}组${1 + Math.floor(next() * 60)}号`;
      const size = 1 + Math.floor(next() * 5);
      lines.push(
        [
          name,
          idNumber,
          phone,
          village.code,
          [...new Set(categories)].join('、'),
          address,
          size,
          HARDSHIP_OF[profile.category] ?? pick(next, HARDSHIPS),
        ].join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
