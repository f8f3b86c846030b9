/**
 * Turns plan text as people paste it (traditional characters, full-width digits, pinyin glosses
 * such as "節(jié)", GBK files from old Word exports) into plain simplified text with half-width
 * digits and punctuation, line for line, so that line numbers still point into the original.
 */
import iconv from 'iconv-lite';
import * as OpenCC from 'opencc-js';

const PINYIN_LETTERS = 'a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü';
const SYLLABLE = `[${PINYIN_LETTERS}]{1,6}`;
/**
 * "節(jié)" / "區(qū)": a Han character followed by a parenthesised pinyin gloss. Lower case and at most
 * six letters a syllable ("zhuang"), so "(PPT)" or "(volunteer)" after a character survive.
 */
const PINYIN_GLOSS = new RegExp(`(\\p{Script=Han})\\(\\s*${SYLLABLE}(?:\\s+${SYLLABLE})*\\s*\\)`, 'gu');
const CIRCLED_NUMBERS = /[\u2460-\u2473]/g;
const LINE_BREAK = /\r\n?/g;

let converter: OpenCC.ConverterFunction | null = null;

/** The converter builds its dictionaries on creation, so it is made once and only when needed. */
function simplify(text: string): string {
  const convert = converter ?? OpenCC.Converter({ from: 'hk', to: 'cn' });
  converter = convert;
  return convert(text);
}

/** ① … ⑳ as list markers; NFKC alone would glue "①重点" into "1重点". */
function expandCircledNumbers(text: string): string {
  return text.replace(CIRCLED_NUMBERS, (circled) => `${circled.charCodeAt(0) - 0x2460 + 1}、`);
}

export function removePinyinGlosses(text: string): string {
  return text.replace(PINYIN_GLOSS, '$1');
}

/**
 * NFKC (full-width → half-width), traditional → simplified, pinyin glosses removed. Line breaks
 * are unified to "\n" but never added or removed, so line N of the result is line N of the input.
 */
export function normalizePlanText(text: string): string {
  const unified = text.replace(LINE_BREAK, '\n');
  const halfWidth = expandCircledNumbers(unified).normalize('NFKC');
  return simplify(removePinyinGlosses(halfWidth));
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n?|\n/);
}

function hasUtf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function decodeUtf8Strict(bytes: Uint8Array): string | null {
  try {
    // TextDecoder drops a leading BOM by default.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** UTF-8 (BOM stripped); anything that is not valid UTF-8 is read as GBK (GB18030, its superset). */
export function decodePlanBytes(buf: Uint8Array): string {
  const utf16 = hasUtf16Bom(buf);
  if (utf16) return new TextDecoder(utf16).decode(buf);
  return decodeUtf8Strict(buf) ?? iconv.decode(buf, 'gb18030', { stripBOM: true });
}
