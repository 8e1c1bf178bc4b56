import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Col, Form, Row, Select, Space, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Ok } from '../../api/http.ts';
import { DateTime, UnitName, unitName } from '../../components/case/labels.tsx';
import { CursorTable } from '../../components/lists/CursorTable.tsx';
import { useUrlFilters } from '../../components/lists/url-filters.ts';
import { useClient, useSession } from '../../components/session.tsx';
import { useReference } from '../case/case-data.ts';
import { DueTag, MediationStatusTag, partiesLine } from './labels.tsx';
import { MediatorsDrawer } from './MediatorsDrawer.tsx';
import {
  DISPUTE_TYPES,
  MEDIATION_FUNCTIONS,
  MEDIATION_STATUSES,
  type MediationList,
  type MediationSummary,
} from './mediation-data.ts';
import { RegisterDialog } from './RegisterDialog.tsx';

type OrgTreeNode = Ok<'/api/org/tree'>['roots'][number];
const FILTER_KEYS = ['status', 'disputeType', 'unitId'] as const;

/** Every mediation organisation in the tree the user can read, in tree order. */
export function mediationUnits(roots: OrgTreeNode[] | undefined): OrgTreeNode[] {
  const out: OrgTreeNode[] = [];
  const walk = (nodes: OrgTreeNode[]) => {
    for (const n of nodes) {
      if (n.function && MEDIATION_FUNCTIONS.has(n.function) && n.active) out.push(n);
      walk((n.children ?? []) as OrgTreeNode[]);
    }
  };
  walk(roots ?? []);
  return out;
}

/**
 * 调解案件: the mediation cases the user may see (the server scopes the list), filtered by status,
 * dispute type and organisation; mediators register walk-in applications from here.
 */
export function MediationListPage() {
  const { t, i18n } = useTranslation(['mediation', 'common']);
  const client = useClient();
  const session = useSession();
  const navigate = useNavigate();
  const { filters, set, key } = useUrlFilters(FILTER_KEYS);
  const [registering, setRegistering] = useState(false);
  const [mediators, setMediators] = useState(false);
  const tree = useReference<Ok<'/api/org/tree'>>('/api/org/tree');
  const units = useMemo(() => mediationUnits(tree?.roots), [tree]);

  const load = useCallback(
    async (cursor: string | null) => {
      const page = await client.get<MediationList>('/api/mediation', {
        status: filters.status,
        disputeType: filters.disputeType,
        unitId: filters.unitId,
        before: cursor ?? undefined,
      });
      return { items: page.items, nextCursor: page.nextBefore === null ? null : String(page.nextBefore) };
    },
    [client, filters],
  );

  return (
    <section>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3}>{t('list.title')}</Typography.Title>
        <Space wrap>
          <Button icon={<TeamOutlined />} onClick={() => setMediators(true)}>
            {t('mediators.button')}
          </Button>
          {session.can('mediation.register') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
              {t('register.button')}
            </Button>
          )}
        </Space>
      </Space>
      <Typography.Paragraph type="secondary">{t('list.lead')}</Typography.Paragraph>
      <Form layout="vertical" aria-label={t('common:list.filters')}>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item label={t('field.status')}>
              <Select
                allowClear
                aria-label={t('field.status')}
                placeholder={t('common:list.all')}
                value={filters.status}
                onChange={(v) => set({ status: v })}
                options={MEDIATION_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label={t('field.disputeType')}>
              <Select
                allowClear
                aria-label={t('field.disputeType')}
                placeholder={t('common:list.all')}
                value={filters.disputeType}
                onChange={(v) => set({ disputeType: v })}
                options={DISPUTE_TYPES.map((d) => ({ value: d, label: t(`disputeType.${d}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label={t('field.organisation')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                aria-label={t('field.organisation')}
                placeholder={t('common:list.all')}
                value={filters.unitId ? Number(filters.unitId) : undefined}
                onChange={(v) => set({ unitId: v === undefined ? undefined : String(v) })}
                options={units.map((u) => ({ value: u.id, label: unitName(u, i18n.language) }))}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <CursorTable<MediationSummary>
        rowKey="id"
        load={load}
        reloadKey={key}
        toolbar={<span />}
        emptyText={t('list.empty')}
        columns={[
          {
            key: 'number',
            title: t('field.number'),
            render: (_, m) => <Link to={`/admin/mediation/${m.id}`}>{m.number}</Link>,
          },
          {
            key: 'status',
            title: t('field.status'),
            render: (_, m) => <MediationStatusTag status={m.status} />,
          },
          { key: 'type', title: t('field.disputeType'), render: (_, m) => t(`disputeType.${m.disputeType}`) },
          { key: 'parties', title: t('field.parties'), render: (_, m) => partiesLine(m, t('versus')) },
          { key: 'unit', title: t('field.organisation'), render: (_, m) => <UnitName unit={m.leadUnit} /> },
          { key: 'due', title: t('field.dueAt'), render: (_, m) => <DueTag m={m} /> },
          {
            key: 'registeredAt',
            title: t('field.registeredAt'),
            render: (_, m) => <DateTime value={m.registeredAt} />,
          },
        ]}
      />
      {mediators && <MediatorsDrawer onClose={() => setMediators(false)} />}
      {registering && (
        <RegisterDialog
          units={units}
          onClose={() => setRegistering(false)}
          onDone={(m) => navigate(`/admin/mediation/${m.id}`)}
        />
      )}
    </section>
  );
}
