import { Segmented } from 'antd';
import { useI18n } from './i18n';
import type { UiLocale } from './i18n';

/** 中文 / English. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented<UiLocale>
      aria-label={t('common.language')}
      value={locale}
      onChange={setLocale}
      options={[
        { value: 'zh-CN', label: <span lang="zh-CN">中文</span> },
        { value: 'en', label: <span lang="en">English</span> },
      ]}
    />
  );
}
