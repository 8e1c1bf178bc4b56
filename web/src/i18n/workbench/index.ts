import type { i18n } from 'i18next';
import { createI18n, type Language } from '../index.ts';

// The workbench's translations, one namespace per area: each page folder owns its two files, so
// work on one page never touches another's strings. Chinese is the source; English mirrors its keys.
import enAdmin from './en/admin.json';
import enCallbacks from './en/callbacks.json';
import enCase from './en/case.json';
import enCommon from './en/common.json';
import enDashboard from './en/dashboard.json';
import enDispatch from './en/dispatch.json';
import enInbox from './en/inbox.json';
import enIntake from './en/intake.json';
import enMediation from './en/mediation.json';
import enMediationFigures from './en/mediation-figures.json';
import enShell from './en/shell.json';
import enSupervision from './en/supervision.json';
import zhAdmin from './zh-CN/admin.json';
import zhCallbacks from './zh-CN/callbacks.json';
import zhCase from './zh-CN/case.json';
import zhCommon from './zh-CN/common.json';
import zhDashboard from './zh-CN/dashboard.json';
import zhDispatch from './zh-CN/dispatch.json';
import zhInbox from './zh-CN/inbox.json';
import zhIntake from './zh-CN/intake.json';
import zhMediation from './zh-CN/mediation.json';
import zhMediationFigures from './zh-CN/mediation-figures.json';
import zhShell from './zh-CN/shell.json';
import zhSupervision from './zh-CN/supervision.json';

export const workbenchZh = {
  common: zhCommon,
  shell: zhShell,
  intake: zhIntake,
  dispatch: zhDispatch,
  inbox: zhInbox,
  case: zhCase,
  callbacks: zhCallbacks,
  supervision: zhSupervision,
  admin: zhAdmin,
  dashboard: zhDashboard,
  mediation: zhMediation,
  mediationFigures: zhMediationFigures,
};

export const workbenchEn: typeof workbenchZh = {
  common: enCommon,
  shell: enShell,
  intake: enIntake,
  dispatch: enDispatch,
  inbox: enInbox,
  case: enCase,
  callbacks: enCallbacks,
  supervision: enSupervision,
  admin: enAdmin,
  dashboard: enDashboard,
  mediation: enMediation,
  mediationFigures: enMediationFigures,
};

/** Adds the workbench's namespaces to an instance (once); the workbench calls it as it loads. */
export function withWorkbench(instance: i18n): i18n {
  for (const [language, bundles] of [
    ['zh-CN', workbenchZh],
    ['en', workbenchEn],
  ] as const) {
    for (const [namespace, resources] of Object.entries(bundles))
      if (!instance.hasResourceBundle(language, namespace))
        instance.addResourceBundle(language, namespace, resources);
  }
  return instance;
}

/** An instance with the start page's and the workbench's texts, for tests of workbench pages. */
export function createWorkbenchI18n(language?: Language): i18n {
  return withWorkbench(createI18n(language));
}
