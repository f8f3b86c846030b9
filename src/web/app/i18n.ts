/**
 * The app's own words, zh (default) and en. Server messages arrive already translated (the API client
 * sends Accept-Language), so this dictionary only holds what the web app itself writes.
 */
import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { setApiLanguage } from './api-client.ts';
import { DICTIONARY } from './i18n-dictionary.ts';

export type Lang = 'zh' | 'en';
export type MessageKey = keyof typeof DICTIONARY;
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const STORAGE_KEY = 'wennuan.lang';

export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const entry = DICTIONARY[key];
  const template: string = entry[lang];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function readStoredLang(): Lang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

interface I18nValue {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const stored = readStoredLang();
    setApiLanguage(stored);
    return stored;
  });

  useEffect(() => {
    setApiLanguage(lang);
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.title = translate(lang, 'app.documentTitle');
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    setApiLanguage(next);
    setLangState(next);
  }, []);

  const t = useCallback<Translate>((key, params) => translate(lang, key, params), [lang]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
