import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../api.ts';

/** Active, deactivated, and locked out by failed sign-ins (which an administrator can lift). */
export function UserStatus({ user }: { user: Pick<UserView, 'active' | 'locked'> }) {
  const { t } = useTranslation('admin');
  return (
    <>
      {user.active ? <Tag color="success">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>}
      {user.locked && <Tag color="warning">{t('users.locked')}</Tag>}
    </>
  );
}
