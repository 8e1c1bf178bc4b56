import { useContext } from 'react';
import { I18nContext, useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGES, switchLanguage } from '../i18n/index.ts';

/** Two buttons, each labelled in its own language, so anyone can find theirs. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  // useTranslation hands out a per-render copy of the instance; the switch must change the real one.
  const instance = useContext(I18nContext)?.i18n ?? i18n;
  const active = currentLanguage(i18n);
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('language.label')}</legend>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={language === active}
          onClick={() => void switchLanguage(instance, language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </fieldset>
  );
}
