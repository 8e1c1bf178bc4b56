import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Placeholder until the page is built. */
export function IntakePage() {
  const { t } = useTranslation('shell');
  return <Typography.Title level={3}>{t('menu.intake')}</Typography.Title>;
}
