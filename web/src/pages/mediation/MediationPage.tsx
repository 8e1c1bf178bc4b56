import { FilePdfOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Result,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { DateTime, UnitName, unitName } from '../../components/case/labels.tsx';
import { AgreementPanel } from './AgreementPanel.tsx';
import { DueTag, MediationStatusTag } from './labels.tsx';
import { MediationActions } from './MediationActions.tsx';
import { Dispute, Evidence, History, Parties, Records } from './MediationSections.tsx';
import { caseFilePdfUrl, type MediationDetail, useMediation } from './mediation-data.ts';

/**
 * One mediation case, `/admin/mediation/:id`: who, what and where it stands, the actions the server
 * allows now, sessions and investigations, evidence, agreements with what follows them, and history.
 */
export function MediationPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { t } = useTranslation(['mediation', 'common']);
  const { detail, events, failure, loading, reload, applied } = useMediation(id);

  if (failure?.kind === 'not_found')
    return (
      <Result
        status="404"
        title={t('common:error.notFound')}
        extra={
          <Button type="primary" onClick={() => navigate('/admin/mediation')}>
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

  return (
    <article aria-busy={loading}>
      <Flex vertical gap={16}>
        <Card>
          <Flex vertical gap={16}>
            <Flex justify="space-between" align="flex-start" gap={12}>
              <Header detail={detail} />
              <Space>
                <Button icon={<FilePdfOutlined />} href={caseFilePdfUrl(detail.id)} download>
                  {t('caseFile')}
                </Button>
                <Button
                  icon={<ReloadOutlined />}
                  onClick={() => void reload()}
                  loading={loading}
                  aria-label={t('common:button.refresh')}
                />
              </Space>
            </Flex>
            {detail.arbitrationOpen && <Alert type="warning" showIcon title={t('due.arbitrationNote')} />}
            <MediationActions detail={detail} onDone={applied} onStale={reload} />
            <Facts detail={detail} />
          </Flex>
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={15}>
            <Flex vertical gap={16}>
              <Card title={t('sections.parties', { count: detail.parties.length })}>
                <Parties detail={detail} />
              </Card>
              <Card title={t('sections.dispute')}>
                <Dispute detail={detail} />
              </Card>
              <Card title={t('sections.records', { count: detail.records.length })}>
                <Records detail={detail} />
              </Card>
              <Card title={t('sections.evidence', { count: detail.attachments.length })}>
                <Evidence detail={detail} onDone={applied} onStale={reload} />
              </Card>
              <Card title={t('sections.agreements', { count: detail.agreements.length })}>
                <AgreementPanel detail={detail} onDone={applied} onStale={reload} />
              </Card>
            </Flex>
          </Col>
          <Col xs={24} lg={9}>
            <Card title={t('sections.history', { count: events.length })}>
              <History events={events} />
            </Card>
          </Col>
        </Row>
      </Flex>
    </article>
  );
}

function Header({ detail }: { detail: MediationDetail }) {
  const { t } = useTranslation(['mediation', 'common']);
  return (
    <Flex vertical gap={4} style={{ flex: 1, minWidth: 0 }}>
      <Typography.Text type="secondary">{t('field.number')}</Typography.Text>
      <Typography.Title level={3} style={{ margin: 0 }} copyable={{ text: detail.number }}>
        {detail.number}
      </Typography.Title>
      <Space size={[4, 8]} wrap>
        <MediationStatusTag status={detail.status} />
        <Tag>{t(`disputeType.${detail.disputeType}`)}</Tag>
        <Tag>{t(`channel.${detail.channel}`)}</Tag>
        {detail.oralApplication && <Tag color="purple">{t('oralApplication')}</Tag>}
        <DueTag m={detail} />
      </Space>
    </Flex>
  );
}

function Facts({ detail }: { detail: MediationDetail }) {
  const { t, i18n } = useTranslation(['mediation', 'common']);
  const lead = detail.mediators.find((m) => m.lead);
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
      items={[
        { key: 'unit', label: t('field.organisation'), children: <UnitName unit={detail.leadUnit} /> },
        {
          key: 'joint',
          label: t('field.jointUnits'),
          children: detail.jointUnits.length
            ? detail.jointUnits.map((u) => unitName(u, i18n.language)).join('、')
            : '—',
        },
        {
          key: 'lead',
          label: t('field.leadMediator'),
          children: lead ? lead.name : t('field.noMediator'),
        },
        {
          key: 'mediators',
          label: t('field.mediators'),
          children: detail.mediators.length ? detail.mediators.map((m) => m.name).join('、') : '—',
        },
        {
          key: 'registered',
          label: t('field.registeredAt'),
          children: <DateTime value={detail.registeredAt} />,
        },
        { key: 'accepted', label: t('field.acceptedAt'), children: <DateTime value={detail.acceptedAt} /> },
        {
          key: 'due',
          label: t('field.dueAt'),
          children: (
            <Flex vertical>
              <DateTime value={detail.dueAt} />
              {detail.disputeType === 'labour' && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('due.labourNote')}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        ...(detail.sourceCase
          ? [
              {
                key: 'source',
                label: t('field.sourceCase'),
                children: (
                  <Link to={`/admin/cases/${detail.sourceCase.id}`}>
                    {detail.sourceCase.trackingNo ?? `#${detail.sourceCase.id}`}
                  </Link>
                ),
              },
            ]
          : []),
        ...(detail.outcomeAt
          ? [
              {
                key: 'outcomeAt',
                label: t('field.outcomeAt'),
                children: <DateTime value={detail.outcomeAt} />,
              },
            ]
          : []),
      ]}
    />
  );
}
