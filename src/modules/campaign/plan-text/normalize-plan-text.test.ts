import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodePlanBytes, normalizePlanText, removePinyinGlosses, splitLines } from './normalize-plan-text.ts';

const SEED_PATH = path.resolve(process.cwd(), 'test/fixtures/spring-festival-plans.txt');

describe('normalizePlanText', () => {
  it('turns traditional characters into simplified ones', () => {
    expect(normalizePlanText('重點優撫對象3726人,安排慰問金100元/人,計372600元。')).toBe(
      '重点优抚对象3726人,安排慰问金100元/人,计372600元。',
    );
  });

  it('removes pinyin glosses after characters, tone marks included', () => {
    expect(normalizePlanText('春節(jié)慰問,市區(qū)政府,人數(shù)')).toBe('春节慰问,市区政府,人数');
    expect(removePinyinGlosses('女(nǚ)儿,绿(lǜ)色,双(shuāng)')).toBe('女儿,绿色,双');
  });

  it('keeps parentheses that are not pinyin', () => {
    expect(normalizePlanText('慰问品(折算金额),附件(PPT),志愿者(volunteer),(一)面上慰问')).toBe(
      '慰问品(折算金额),附件(PPT),志愿者(volunteer),(一)面上慰问',
    );
  });

  it('turns full-width digits and punctuation into half-width', () => {
    expect(normalizePlanText('重点优抚对象３７２６人，安排慰问金１００元／人：（点上）％')).toBe(
      '重点优抚对象3726人,安排慰问金100元/人:(点上)%',
    );
  });

  it('keeps circled list numbers apart from the text', () => {
    expect(normalizePlanText('①孤儿267人')).toBe('1、孤儿267人');
  });

  it('never joins or drops lines', () => {
    const text = 'a\r\nb\n\n春節(jié)\rc\n';
    expect(splitLines(normalizePlanText(text))).toHaveLength(splitLines(text).length);
    expect(normalizePlanText(text)).toBe('a\nb\n\n春节\nc\n');
  });

  it('keeps the line count of the seed file and puts 篇五 where it was', () => {
    const seed = readFileSync(SEED_PATH, 'utf8');
    const lines = splitLines(normalizePlanText(seed));
    expect(lines).toHaveLength(splitLines(seed).length);
    expect(lines[67]).toBe('春节慰问活动策划方案篇五');
    expect(lines[83]).toBe('7、一次性定救人员220人,安排慰问金100元/人,计220xx元。');
  });
});

describe('decodePlanBytes', () => {
  const text = '春节慰问活动策划方案\n重点优抚对象3726人';

  it('reads UTF-8 and strips the BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(decodePlanBytes(bytes)).toBe(text);
  });

  it('reads GBK when the bytes are not UTF-8', () => {
    const gbk = iconv.encode(text, 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect(decodePlanBytes(gbk)).toBe(text);
  });

  it('reads traditional characters encoded as GBK', () => {
    expect(decodePlanBytes(iconv.encode('慰問金100元/人', 'gbk'))).toBe('慰問金100元/人');
  });

  it('reads UTF-16 with a BOM', () => {
    expect(decodePlanBytes(iconv.encode(text, 'utf-16le', { addBOM: true }))).toBe(text);
  });
});
