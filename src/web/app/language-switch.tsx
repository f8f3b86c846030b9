import { Segmented } from 'antd';
import { useI18n, type Lang } from './i18n.ts';

export function LanguageSwitch() {
  const { lang, setLang } = useI18n();
  return (
    <Segmented<Lang>
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        { value: 'zh', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
      data-testid="language-switch"
    />
  );
}
