import { FileExcelOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ok } from '../../api/http.ts';
import { ApiError, withQuery } from '../../api/workbench.ts';
import { useSession } from '../../components/session.tsx';

export type MediationFiguresView = Ok<'/api/mediation-figures'>;
type FigureRow = MediationFiguresView['total'];
type TypeRow = MediationFiguresView['byDisputeType'][number];
type OrgRow = MediationFiguresView['byOrganisation'][number];
type Named = { nameZh: string; nameEn: string };

/** The current Beijing month, `YYYY-MM`. */
function thisMonth(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

function nextMonth(month: string): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const days = (value: number | null) => (value === null ? '—' : value.toFixed(1));

/**
 * 调解统计: a month's mediation figures of a unit's subtree (the viewer's widest by default, or one
 * of their units, or an organisation picked from the table), and the month's Excel report.
 */
export function MediationFiguresPage() {
  const { t, i18n } = useTranslation('mediationFigures');
  const { client, units } = useSession();
  const [unitId, setUnitId] = useState<number | undefined>(undefined);
  const [month, setMonth] = useState(thisMonth());
  const [figures, setFigures] = useState<MediationFiguresView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const name = (u: Named) => (i18n.language === 'en' ? u.nameEn : u.nameZh);

  useEffect(() => {
    let live = true;
    setFailure(null);
    client
      .get<MediationFiguresView>('/api/mediation-figures', {
        unitId,
        from: `${month}-01`,
        to: nextMonth(month),
      })
      .then(
        (f) => live && setFigures(f),
        (error) => live && setFailure(error instanceof ApiError ? error.message : String(error)),
      );
    return () => {
      live = false;
    };
  }, [client, unitId, month]);

  function columns<T extends FigureRow>(title: string, label: (r: T) => ReactNode): ColumnsType<T> {
    return [
      { key: 'name', title, render: (_, r) => label(r) },
      { key: 'received', title: t('received'), dataIndex: 'received', align: 'right' },
      { key: 'agreed', title: t('agreed'), dataIndex: 'agreed', align: 'right' },
      { key: 'failed', title: t('failed'), dataIndex: 'failed', align: 'right' },
      { key: 'withdrawn', title: t('withdrawn'), dataIndex: 'withdrawn', align: 'right' },
      { key: 'refused', title: t('refused'), dataIndex: 'refused', align: 'right' },
      { key: 'success', title: t('success'), align: 'right', render: (_, r) => percent(r.success.rate) },
      { key: 'days', title: t('averageDays'), align: 'right', render: (_, r) => days(r.averageDays) },
      { key: 'kept', title: t('kept'), dataIndex: 'keptFromEscalating', align: 'right' },
    ];
  }

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('title')}
        {figures && <Typography.Text type="secondary"> · {name(figures.unit)}</Typography.Text>}
      </Typography.Title>
      <Space wrap>
        {units.length > 0 && (
          <Select
            aria-label={t('unit')}
            style={{ minWidth: 200 }}
            placeholder={t('unit')}
            value={unitId ?? figures?.unit.id}
            onChange={(id: number) => setUnitId(id)}
            options={[
              ...(figures && !units.some((u) => u.id === figures.unit.id)
                ? [{ value: figures.unit.id, label: name(figures.unit) }]
                : []),
              ...units.map((u) => ({ value: u.id, label: name(u) })),
            ]}
          />
        )}
        <DatePicker
          aria-label={t('month')}
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          disabledDate={(d: Dayjs) => d.format('YYYY-MM') > thisMonth()}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
        />
        <Button
          icon={<FileExcelOutlined />}
          href={withQuery('/api/mediation-figures/monthly.xlsx', { unitId: figures?.unit.id, month })}
          download
        >
          {t('download')}
        </Button>
      </Space>

      {failure && <Alert type="error" showIcon message={failure} />}
      {!figures && !failure && <Spin />}
      {figures && (
        <>
          <Row gutter={[16, 16]}>
            {(
              [
                ['received', figures.total.received],
                ['agreed', figures.total.agreed],
                ['success', percent(figures.total.success.rate)],
                ['averageDays', days(figures.total.averageDays)],
                ['kept', figures.total.keptFromEscalating],
                ['openAtEnd', figures.openAtEnd],
              ] as const
            ).map(([key, value]) => (
              <Col key={key} xs={12} md={8} xl={4}>
                <Card size="small">
                  <Statistic title={t(key)} value={value} />
                </Card>
              </Col>
            ))}
          </Row>
          <Typography.Paragraph type="secondary">{t('definitions')}</Typography.Paragraph>
          <Card title={t('byType')} size="small">
            <Table
              size="small"
              pagination={false}
              rowKey="disputeType"
              dataSource={figures.byDisputeType}
              columns={columns<TypeRow>(t('disputeType'), (r) => name(r))}
            />
          </Card>
          <Card title={t('byOrganisation')} size="small">
            <Table
              size="small"
              pagination={false}
              rowKey={(r) => r.organisation.id}
              dataSource={figures.byOrganisation}
              columns={columns<OrgRow>(t('organisation'), ({ organisation: org }) =>
                org.id === figures.unit.id ? (
                  name(org)
                ) : (
                  <Button type="link" size="small" onClick={() => setUnitId(org.id)}>
                    {name(org)}
                  </Button>
                ),
              )}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
