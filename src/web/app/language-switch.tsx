import { Segmented } from 'antd';
import { useI18n, type Lang } from './i18n.ts';

/** 中文 / English; compact (中 / EN) where the header is narrow. */
export function LanguageSwitch({ isCompact = false }: { isCompact?: boolean }) {
  const { lang, setLang } = useI18n();
  return (
    <Segmented<Lang>
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { value: 'zh', label: isCompact ? '中' : '中文' },
        { value: 'en', label: isCompact ? 'EN' : 'English' },
      ]}
      data-testid="language-switch"
    />
  );
}
