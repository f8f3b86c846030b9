import { describe, expect, it } from 'vitest';
import { classifySearchQuery, nameSearchKeys } from './name-search.ts';

/** How the lead's query will match: initials and full pinyin by prefix. */
function matches(name: string, query: string): boolean {
  const keys = nameSearchKeys(name);
  const { kind, value } = classifySearchQuery(query);
  if (kind === 'initials') return keys.initials.startsWith(value) || keys.full.startsWith(value);
  if (kind === 'pinyin') return keys.full.startsWith(value);
  return false;
}

describe('nameSearchKeys', () => {
  it('gives initials and full pinyin without tones', () => {
    expect(nameSearchKeys('张伟')).toEqual({ initials: 'zw', full: 'zhangwei' });
    expect(nameSearchKeys('王小明')).toEqual({ initials: 'wxm', full: 'wangxiaoming' });
  });

  it('finds 张伟 by "zw", "zhangw" and "zhangwei"', () => {
    expect(matches('张伟', 'zw')).toBe(true);
    expect(matches('张伟', 'ZW')).toBe(true);
    expect(matches('张伟', 'zhangw')).toBe(true);
    expect(matches('张伟', 'zhangwei')).toBe(true);
    expect(matches('张伟', 'wz')).toBe(false);
    expect(matches('李伟', 'zw')).toBe(false);
  });

  it('reads compound surnames as one surname', () => {
    expect(nameSearchKeys('欧阳娜娜')).toEqual({ initials: 'oynn', full: 'ouyangnana' });
    expect(nameSearchKeys('尉迟恭')).toEqual({ initials: 'ycg', full: 'yuchigong' });
    expect(nameSearchKeys('长孙无忌').full).toBe('zhangsunwuji');
    expect(matches('欧阳娜娜', 'oynn')).toBe(true);
    expect(matches('欧阳娜娜', 'ouyang')).toBe(true);
  });

  it('uses surname readings for polyphonic surnames only at the head', () => {
    expect(nameSearchKeys('曾国藩')).toEqual({ initials: 'zgf', full: 'zengguofan' });
    expect(nameSearchKeys('单田芳')).toEqual({ initials: 'stf', full: 'shantianfang' });
    expect(nameSearchKeys('解放').full).toBe('xiefang');
    expect(nameSearchKeys('仇大山').full).toBe('qiudashan');
    expect(nameSearchKeys('查良镛').full).toBe('zhaliangyong');
    expect(nameSearchKeys('区志强').full).toBe('ouzhiqiang');
    expect(nameSearchKeys('王曾').full).toBe('wangceng');
  });

  it('writes ü as v, as pinyin keyboards do', () => {
    expect(nameSearchKeys('吕女')).toEqual({ initials: 'ln', full: 'lvnv' });
  });

  it('keeps letters and digits lower-case and drops punctuation and spaces', () => {
    expect(nameSearchKeys('Tom李')).toEqual({ initials: 'tl', full: 'tomli' });
    expect(nameSearchKeys('李A明')).toEqual({ initials: 'lam', full: 'liaming' });
    expect(nameSearchKeys('买买提·吐尔逊')).toEqual({ initials: 'mmttex', full: 'maimaitituerxun' });
    expect(nameSearchKeys(' 张 伟 ')).toEqual({ initials: 'zw', full: 'zhangwei' });
    expect(nameSearchKeys('ＡＢ张')).toEqual({ initials: 'az', full: 'abzhang' });
    expect(nameSearchKeys('')).toEqual({ initials: '', full: '' });
  });
});

describe('classifySearchQuery', () => {
  it('recognizes whole ID numbers, normalizing x', () => {
    expect(classifySearchQuery('11010519491231002x')).toEqual({ kind: 'id', value: '11010519491231002X' });
    expect(classifySearchQuery(' 110105 19491231 002X ')).toEqual({ kind: 'id', value: '11010519491231002X' });
  });

  it('recognizes the last 4 to 6 characters of an ID number', () => {
    expect(classifySearchQuery('002X')).toEqual({ kind: 'idSuffix', value: '002X' });
    expect(classifySearchQuery('1234')).toEqual({ kind: 'idSuffix', value: '1234' });
    expect(classifySearchQuery('31002x')).toEqual({ kind: 'idSuffix', value: '31002X' });
    expect(classifySearchQuery('123')).toMatchObject({ kind: 'hanzi' });
    expect(classifySearchQuery('1234567')).toMatchObject({ kind: 'hanzi' });
  });

  it('recognizes mobile numbers, also typed with full-width digits', () => {
    expect(classifySearchQuery('13800138000')).toEqual({ kind: 'phone', value: '13800138000' });
    expect(classifySearchQuery('１３８００１３８０００')).toEqual({ kind: 'phone', value: '13800138000' });
    expect(classifySearchQuery('23800138000')).toMatchObject({ kind: 'hanzi' });
  });

  it('reads up to 5 letters as initials and longer as pinyin', () => {
    expect(classifySearchQuery('ZW')).toEqual({ kind: 'initials', value: 'zw' });
    expect(classifySearchQuery('oyxm')).toEqual({ kind: 'initials', value: 'oyxm' });
    expect(classifySearchQuery('zhangwei')).toEqual({ kind: 'pinyin', value: 'zhangwei' });
    expect(classifySearchQuery('zhang wei')).toEqual({ kind: 'pinyin', value: 'zhangwei' });
  });

  it('reads anything else as a name', () => {
    expect(classifySearchQuery(' 张伟 ')).toEqual({ kind: 'hanzi', value: '张伟' });
    expect(classifySearchQuery('张w')).toEqual({ kind: 'hanzi', value: '张w' });
  });
});
