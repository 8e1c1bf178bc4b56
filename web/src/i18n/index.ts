import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import type { portalZh } from './portal/index.ts';
import type { workbenchZh } from './workbench/index.ts';
import zhCN from './zh-CN.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

const STORAGE_KEY = 'shequ.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN } & typeof workbenchZh & typeof portalZh;
  }
}

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** The language chosen on an earlier visit, or Chinese (the platform is Chinese first). */
export function rememberedLanguage(storage: Pick<Storage, 'getItem'> | undefined = safeStorage()): Language {
  const stored = storage?.getItem(STORAGE_KEY);
  return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
}

/** A ready i18next instance holding both languages; nothing global is touched. */
export function createI18n(language: Language = DEFAULT_LANGUAGE): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    // The workbench's namespaces join when the workbench loads (withWorkbench): the start page and
    // the resident portal do not carry them.
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return instance;
}

/** Switches the UI language, remembers it for the next visit and tells the document. */
export async function switchLanguage(instance: i18n, language: Language): Promise<void> {
  await instance.changeLanguage(language);
  safeStorage()?.setItem(STORAGE_KEY, language);
  applyToDocument(instance);
}

/** Keeps `<html lang>` and the tab title in step with the UI language. */
export function applyToDocument(instance: i18n): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = instance.language;
  document.title = instance.t('app.title');
}

/** The language the UI shows now, narrowed to the ones we ship. */
export function currentLanguage(instance: i18n): Language {
  return isLanguage(instance.language) ? instance.language : DEFAULT_LANGUAGE;
}

function safeStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // storage can be disabled (private mode, policies)
  }
}
