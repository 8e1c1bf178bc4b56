import type { i18n } from 'i18next';
import en from './en.json';
import zh from './zh-CN.json';

// The resident portal's texts: one namespace, loaded with the portal (not with the start page, and
// never with the workbench). Chinese is the source; English mirrors its keys.

export const portalZh = { portal: zh };
export const portalEn: typeof portalZh = { portal: en };

/** Adds the portal's namespace to an instance (once); the portal calls it as it loads. */
export function withPortal(instance: i18n): i18n {
  for (const [language, bundles] of [
    ['zh-CN', portalZh],
    ['en', portalEn],
  ] as const) {
    for (const [namespace, resources] of Object.entries(bundles))
      if (!instance.hasResourceBundle(language, namespace))
        instance.addResourceBundle(language, namespace, resources);
  }
  return instance;
}
