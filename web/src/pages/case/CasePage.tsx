import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Result, Row, Skeleton, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { OpenFromCaseButton } from '../mediation/OpenFromCaseButton.tsx';
import { CaseActions } from './CaseActions.tsx';
import { CaseAttachments } from './CaseAttachments.tsx';
import { CaseDuplicates } from './CaseDuplicates.tsx';
import { Assignments, Callbacks, Extensions } from './CaseHandling.tsx';
import { CaseContent, CaseFacts, CaseTitle } from './CaseHeader.tsx';
import { CaseRelated, LinkNotice } from './CaseRelated.tsx';
import { CaseTimeline } from './CaseTimeline.tsx';
import { useCase } from './case-data.ts';
import './case-page.css';

/**
 * One case, `/admin/cases/:id`: what it is, where it stands, its history, its files and its linked
 * cases, and every action the server lets this user take on it now. A case the user may not see
 * reads as not found, whether it exists or not.
 */
export function CasePage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { t } = useTranslation(['case', 'common']);
  const { detail, events, failure, loading, reload, applied } = useCase(id);

  if (failure?.kind === 'not_found')
    return (
      <Result
        status="404"
        title={t('common:error.notFound')}
        extra={
          <Button type="primary" onClick={() => navigate('/admin/cases')}>
            {t('backToList')}
          </Button>
        }
      />
    );
  if (failure)
    return (
      <Result
        status="error"
        title={t('common:error.title')}
        subTitle={failure.message}
        extra={<Button onClick={() => void reload()}>{t('common:button.refresh')}</Button>}
      />
    );
  if (!detail) return <Skeleton active paragraph={{ rows: 8 }} />;

  const handling = [
    { key: 'assignments', label: t('sections.assignments'), children: <Assignments detail={detail} /> },
    ...(detail.extensions.length
      ? [
          {
            key: 'extensions',
            label: t('sections.extensions', { count: detail.extensions.length }),
            children: <Extensions detail={detail} />,
          },
        ]
      : []),
    ...(detail.callbacks.length
      ? [
          {
            key: 'callbacks',
            label: t('sections.callbacks', { count: detail.callbacks.length }),
            children: <Callbacks detail={detail} />,
          },
        ]
      : []),
  ];

  return (
    <article className="case-page" aria-busy={loading}>
      <Flex vertical gap={16}>
        <Card>
          <Flex vertical gap={16}>
            <Flex justify="space-between" align="flex-start" gap={12}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <CaseTitle detail={detail} />
              </div>
              <Button
                icon={<ReloadOutlined />}
                onClick={() => void reload()}
                loading={loading}
                aria-label={t('common:button.refresh')}
              />
            </Flex>
            <LinkNotice detail={detail} />
            <CaseActions detail={detail} onDone={applied} onStale={reload} />
            <OpenFromCaseButton detail={detail} />
            <CaseFacts detail={detail} />
          </Flex>
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={15}>
            <Flex vertical gap={16}>
              <CaseDuplicates detail={detail} onDone={applied} onStale={reload} />
              <Card title={t('sections.content')}>
                <CaseContent detail={detail} />
              </Card>
              <Card title={t('sections.handling')} styles={{ body: { paddingTop: 0 } }}>
                <Tabs items={handling} />
              </Card>
              <Card title={t('sections.attachments', { count: detail.attachments.length })}>
                <CaseAttachments detail={detail} onUploaded={applied} onStale={reload} />
              </Card>
              <Card title={t('sections.related')}>
                <CaseRelated detail={detail} />
              </Card>
            </Flex>
          </Col>
          <Col xs={24} lg={9}>
            <Card title={t('sections.timeline', { count: events.length })}>
              <CaseTimeline detail={detail} events={events} />
            </Card>
          </Col>
        </Row>
      </Flex>
    </article>
  );
}
