import { Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../components/session.tsx';
import { pagesFor } from './nav.tsx';

/** The landing page: who you are and the doors your roles open. */
export function HomePage() {
  const { t } = useTranslation('shell');
  const session = useSession();
  const doors = pagesFor(session).filter((p) => p.menu && p.key !== 'home' && p.key !== 'notifications');
  return (
    <section>
      <Typography.Title level={3}>
        {t('home.welcome', { name: session.me.user.displayName })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {doors.length > 0 ? t('home.lead') : t('home.nothing')}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {doors.map((p) => (
          <Col key={p.key} xs={24} sm={12} lg={8}>
            <Link to={`/admin/${p.path}`}>
              <Card hoverable>
                <Card.Meta avatar={p.icon} title={t(`menu.${p.menu}` as 'menu.home')} />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </section>
  );
}
