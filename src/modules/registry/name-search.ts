/**
 * Search keys for names, so that a clerk can find 张伟 by typing "zw" or "zhangw" on a phone
 * without switching input methods, and a classifier for what was typed in the search box.
 */
import { pinyin } from 'pinyin-pro';
import { normalizeIdNumber } from './id-number.ts';

export interface NameSearchKeys {
  /** first letter of each syllable (and of each run of letters or digits): 张伟 → "zw" */
  initials: string;
  /** whole pinyin without tones or spaces, ü written v: 吕布 → "lvbu" */
  full: string;
}

export type SearchQueryKind = 'id' | 'idSuffix' | 'phone' | 'initials' | 'pinyin' | 'hanzi';

export interface SearchQuery {
  kind: SearchQueryKind;
  value: string;
}

/** Up to this many letters a query is read as initials ("zw", "oyxm"), beyond it as pinyin. */
export const MAX_INITIALS_QUERY_LENGTH = 5;

const WORD_CHARACTER = /[a-z0-9]/;

// Names repeat a lot (张伟, 王芳 …): an import of a million rows asks pinyin-pro far fewer times.
const keyCache = new Map<string, NameSearchKeys>();
const KEY_CACHE_LIMIT = 200_000;

export function nameSearchKeys(name: string): NameSearchKeys {
  const cached = keyCache.get(name);
  if (cached) return cached;
  const keys = computeNameSearchKeys(name);
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
  keyCache.set(name, keys);
  return keys;
}

function computeNameSearchKeys(name: string): NameSearchKeys {
  // Surname mode on the head only: 曾/单/解/仇 take their surname readings (zeng, shan, xie,
  // qiu) and compound surnames such as 欧阳 or 尉迟 are recognized, while the given name keeps
  // its ordinary reading.
  const syllables = pinyin(name.normalize('NFKC'), {
    type: 'all',
    mode: 'surname',
    surname: 'head',
    toneType: 'none',
    v: true,
  });
  let initials = '';
  let full = '';
  let inWord = false;
  for (const syllable of syllables) {
    if (syllable.isZh && syllable.pinyin) {
      const reading = syllable.pinyin.toLowerCase();
      initials += reading[0] ?? '';
      full += reading;
      inWord = false;
      continue;
    }
    const character = syllable.origin.toLowerCase();
    if (!WORD_CHARACTER.test(character)) {
      inWord = false;
      continue;
    }
    if (!inWord) initials += character;
    full += character;
    inWord = true;
  }
  return { initials, full };
}

/**
 * What a search box query is: a whole ID number, the end of one (4–6 characters, as read off a
 * card or a list), a mobile number, pinyin initials, full pinyin, or anything else (a name).
 */
export function classifySearchQuery(q: string): SearchQuery {
  const compact = q.normalize('NFKC').replace(/\s+/g, '');
  const idLike = normalizeIdNumber(compact);
  if (/^\d{17}[\dX]$/.test(idLike)) return { kind: 'id', value: idLike };
  if (/^\d{3,5}[\dX]$/.test(idLike)) return { kind: 'idSuffix', value: idLike };
  if (/^1\d{10}$/.test(compact)) return { kind: 'phone', value: compact };
  if (/^[a-zA-Z]+$/.test(compact)) {
    const letters = compact.toLowerCase();
    return { kind: letters.length <= MAX_INITIALS_QUERY_LENGTH ? 'initials' : 'pinyin', value: letters };
  }
  return { kind: 'hanzi', value: compact };
}
