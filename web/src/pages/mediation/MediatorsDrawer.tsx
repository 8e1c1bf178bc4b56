import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Form, Radio, Select, Switch, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unitName } from '../../components/case/labels.tsx';
import { useClient } from '../../components/session.tsx';
import { MediationDialog } from './MediationDialog.tsx';
import type { MediatorList } from './mediation-data.ts';

type Mediator = MediatorList['items'][number];

interface ProfileValues {
  employment: 'full_time' | 'part_time';
  specialties: string[];
  active: boolean;
}

/**
 * The mediators of the organisations in reach, with their employment (full- or part-time), their
 * specialties and whether they take cases; unit heads and administrators edit the profiles
 * (the server says whom: `canEdit`).
 */
export function MediatorsDrawer({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation('mediation');
  const client = useClient();
  const [items, setItems] = useState<Mediator[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Mediator | null>(null);

  const load = useCallback(async () => {
    try {
      setItems((await client.get<MediatorList>('/api/mediation/mediators')).items);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [client]);
  useEffect(() => void load(), [load]);

  return (
    <Drawer open title={t('mediators.title')} size="large" onClose={onClose}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Mediator>
        rowKey="userId"
        size="small"
        loading={items === null && !error}
        dataSource={items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('mediators.none') }}
        columns={[
          { key: 'name', title: t('mediators.name'), render: (_, m) => m.name },
          { key: 'unit', title: t('field.organisation'), render: (_, m) => unitName(m.unit, i18n.language) },
          {
            key: 'employment',
            title: t('mediators.employment'),
            render: (_, m) =>
              m.employment ? t(`mediators.employments.${m.employment}`) : t('mediators.unset'),
          },
          {
            key: 'specialties',
            title: t('mediators.specialties'),
            render: (_, m) => (m.specialties.length ? m.specialties.map((s) => <Tag key={s}>{s}</Tag>) : '—'),
          },
          {
            key: 'active',
            title: t('mediators.active'),
            render: (_, m) => (
              <Tag color={m.active ? 'green' : 'default'}>
                {m.active ? t('mediators.takesCases') : t('mediators.inactive')}
              </Tag>
            ),
          },
          {
            key: 'edit',
            title: '',
            render: (_, m) =>
              m.canEdit && (
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditing(m)}
                  aria-label={t('mediators.edit', { name: m.name })}
                />
              ),
          },
        ]}
      />
      {editing && (
        <MediationDialog<ProfileValues, Mediator>
          title={t('mediators.edit', { name: editing.name })}
          doneText={t('done.mediator')}
          fields={['employment', 'specialties', 'active']}
          initialValues={{
            employment: editing.employment ?? 'part_time',
            specialties: editing.specialties,
            active: editing.active,
          }}
          onClose={() => setEditing(null)}
          onDone={() => load()}
          send={(v) =>
            client.put<Mediator>(`/api/mediation/mediators/${editing.userId}`, {
              ...(editing.version === null ? {} : { version: editing.version }),
              employment: v.employment,
              specialties: v.specialties ?? [],
              active: v.active,
            })
          }
        >
          <Form.Item name="employment" label={t('mediators.employment')} rules={[{ required: true }]}>
            <Radio.Group>
              <Radio.Button value="full_time">{t('mediators.employments.full_time')}</Radio.Button>
              <Radio.Button value="part_time">{t('mediators.employments.part_time')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="specialties"
            label={t('mediators.specialties')}
            extra={t('mediators.specialtiesHint')}
          >
            <Select mode="tags" aria-label={t('mediators.specialties')} open={false} />
          </Form.Item>
          <Form.Item name="active" label={t('mediators.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </MediationDialog>
      )}
    </Drawer>
  );
}
