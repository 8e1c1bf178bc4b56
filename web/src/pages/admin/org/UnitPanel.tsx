import { DragOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Popconfirm,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime, unitName } from '../../../components/case/labels.tsx';
import { useClient } from '../../../components/session.tsx';
import type { UnitDetail, UnitList } from '../api.ts';
import { errorText, useLoaded } from '../shared/ui.tsx';
import { AreaSketch } from './AreaSketch.tsx';
import { boxSizeMetres, type Polygon, summariseArea } from './area.ts';
import { ResolveTester } from './ResolveTester.tsx';
import { MoveUnitModal, UnitForm } from './UnitForm.tsx';

/**
 * One unit: what it is, where it sits, its area described in numbers and drawn to scale, and what
 * an organisation manager may do with it (add a unit under it, edit, move, deactivate, reactivate).
 */
export function UnitPanel({
  unitId,
  onChanged,
  onOpen,
}: {
  unitId: number;
  /** The tree should be fetched again (a unit was added, renamed, moved or (de)activated). */
  onChanged: (focus?: number) => void;
  onOpen: (id: number) => void;
}) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const client = useClient();
  const { message } = App.useApp();
  const load = useCallback(() => client.get<UnitDetail>(`/api/org/units/${unitId}`), [client, unitId]);
  const { data: unit, error, loading, set, reload } = useLoaded(load);
  const loadChildren = useCallback(
    () => client.get<UnitList>('/api/org/units', { parentId: unitId, limit: 500 }),
    [client, unitId],
  );
  const children = useLoaded(loadChildren);
  const [form, setForm] = useState<'create' | 'edit' | null>(null);
  const [moving, setMoving] = useState(false);
  const [point, setPoint] = useState<{ lat: number; lng: number } | null>(null);

  const area = (unit?.area ?? null) as Polygon | null;
  const summary = useMemo(() => (area ? summariseArea(area) : null), [area]);
  const number = (n: number, digits = 0) =>
    new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits }).format(n);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!unit) return loading ? <Spin /> : null;

  const name = unitName(unit, i18n.language);
  const manage = unit.abilities.manage;

  const setActive = async (active: boolean) => {
    try {
      const next = await client.post<UnitDetail>(
        `/api/org/units/${unit.id}/${active ? 'reactivate' : 'deactivate'}`,
        {
          version: unit.version,
        },
      );
      set(next);
      onChanged(unit.id);
      void message.success(
        active ? t('admin:org.reactivated', { name }) : t('admin:org.deactivated', { name }),
      );
    } catch (e) {
      void message.error(errorText(e));
      void reload();
    }
  };

  const sizeText = summary
    ? (() => {
        const { width, height } = boxSizeMetres(summary.bbox);
        return t('admin:org.boxSize', { width: number(width / 1000, 2), height: number(height / 1000, 2) });
      })()
    : '';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap size={6}>
            <span>{name}</span>
            <Tag color="geekblue">
              {t(`admin:org.kinds.${unit.kind}` as 'admin:org.kind', { defaultValue: unit.kind })}
            </Tag>
            {!unit.active && <Tag>{t('admin:common.inactive')}</Tag>}
          </Space>
        }
        extra={
          manage && (
            <Space wrap size={4}>
              <Button
                size="small"
                icon={<PlusOutlined />}
                disabled={!unit.active}
                onClick={() => setForm('create')}
              >
                {t('admin:org.addChild')}
              </Button>
              <Button size="small" icon={<EditOutlined />} onClick={() => setForm('edit')}>
                {t('common:button.edit')}
              </Button>
              {unit.parentId !== null && (
                <Button size="small" icon={<DragOutlined />} onClick={() => setMoving(true)}>
                  {t('admin:org.move')}
                </Button>
              )}
              {unit.parentId !== null &&
                (unit.active ? (
                  <Popconfirm
                    title={t('admin:org.deactivateConfirm', { name })}
                    description={
                      unit.activeChildCount > 0
                        ? t('admin:org.deactivateBlocked', { count: unit.activeChildCount })
                        : t('admin:org.deactivateHint')
                    }
                    okText={t('admin:common.deactivate')}
                    okButtonProps={{ danger: true, disabled: unit.activeChildCount > 0 }}
                    cancelText={t('common:button.cancel')}
                    onConfirm={() => setActive(false)}
                  >
                    <Button size="small" danger>
                      {t('admin:common.deactivate')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button size="small" onClick={() => void setActive(true)}>
                    {t('admin:common.reactivate')}
                  </Button>
                ))}
            </Space>
          )
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            {
              key: 'code',
              label: t('admin:common.code'),
              children: <Typography.Text code>{unit.code}</Typography.Text>,
            },
            {
              key: 'function',
              label: t('admin:org.function'),
              children: unit.function ? <Typography.Text code>{unit.function}</Typography.Text> : '—',
            },
            { key: 'nameZh', label: t('admin:common.nameZh'), children: unit.nameZh },
            { key: 'nameEn', label: t('admin:common.nameEn'), children: unit.nameEn },
            {
              key: 'parent',
              label: t('admin:org.parent'),
              children: unit.parent ? (
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0 }}
                  onClick={() => onOpen(unit.parent?.id as number)}
                >
                  {unitName(unit.parent, i18n.language)}
                </Button>
              ) : (
                t('admin:org.root')
              ),
            },
            {
              key: 'children',
              label: t('admin:org.children'),
              children: t('admin:org.childCounts', {
                active: unit.activeChildCount,
                all: unit.childCount,
                below: unit.descendantCount,
              }),
            },
            {
              key: 'aliases',
              label: t('admin:org.aliases'),
              span: 'filled',
              children: unit.aliases.length ? (
                <Space wrap size={4}>
                  {unit.aliases.map((a) => (
                    <Tag key={a}>{a}</Tag>
                  ))}
                </Space>
              ) : (
                '—'
              ),
            },
            {
              key: 'updated',
              label: t('admin:org.updatedAt'),
              children: <DateTime value={unit.updatedAt} />,
            },
          ]}
        />
      </Card>

      <Card size="small" title={t('admin:org.area')}>
        {area && summary ? (
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'flex-start' }}>
            <AreaSketch
              area={area}
              subAreas={(children.data?.items ?? []).filter((c) => c.bbox)}
              point={point}
              title={t('admin:org.sketchTitle', { name })}
            />
            <Descriptions
              size="small"
              column={1}
              style={{ flex: '1 1 240px' }}
              items={[
                {
                  key: 'size',
                  label: t('admin:org.areaSize'),
                  children:
                    unit.areaM2 == null ? '—' : t('admin:org.km2', { value: number(unit.areaM2 / 1e6, 2) }),
                },
                {
                  key: 'vertices',
                  label: t('admin:org.vertices'),
                  children: t('admin:org.verticesText', { vertices: summary.vertices, holes: summary.holes }),
                },
                {
                  key: 'lng',
                  label: t('admin:org.lngRange'),
                  children: `${number(summary.bbox[0], 5)} – ${number(summary.bbox[2], 5)}`,
                },
                {
                  key: 'lat',
                  label: t('admin:org.latRange'),
                  children: `${number(summary.bbox[1], 5)} – ${number(summary.bbox[3], 5)}`,
                },
                { key: 'box', label: t('admin:org.box'), children: sizeText },
                {
                  key: 'centre',
                  label: t('admin:org.centre'),
                  children: `${number(summary.centre.lat, 5)}, ${number(summary.centre.lng, 5)}`,
                },
                {
                  key: 'subareas',
                  label: t('admin:org.subAreas'),
                  children: t('admin:org.subAreasText', {
                    with: (children.data?.items ?? []).filter((c) => c.bbox).length,
                    all: children.data?.items.length ?? 0,
                  }),
                },
              ]}
            />
          </div>
        ) : (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              ['street', 'community', 'grid', 'compound', 'district'].includes(unit.kind)
                ? t('admin:org.noAreaExpected')
                : t('admin:org.noArea')
            }
          />
        )}
      </Card>

      <ResolveTester suggested={summary?.centre ?? null} onPoint={setPoint} />

      <UnitForm
        open={form !== null}
        mode={form ?? 'edit'}
        unit={unit}
        parent={unit}
        onClose={() => setForm(null)}
        onSaved={(saved) => {
          const created = form === 'create';
          setForm(null);
          if (created) {
            onChanged(saved.id);
            onOpen(saved.id);
          } else {
            set(saved);
            onChanged(saved.id);
          }
        }}
      />
      <MoveUnitModal
        open={moving}
        unit={unit}
        onClose={() => setMoving(false)}
        onMoved={(moved) => {
          setMoving(false);
          set(moved);
          onChanged(moved.id);
        }}
      />
    </Space>
  );
}
