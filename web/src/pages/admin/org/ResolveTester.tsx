import { AimOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unitName } from '../../../components/case/labels.tsx';
import { useClient } from '../../../components/session.tsx';
import type { AddressAnswer, PointResolution } from '../api.ts';
import { errorText } from '../shared/ui.tsx';

type Point = { lat: number; lng: number };

/**
 * Tries the organisation's areas and names the way cases will: which community and street hold a
 * point, and which ones an address names (with how sure the match is). The tested point can be
 * drawn on the area sketch.
 */
export function ResolveTester({
  suggested,
  onPoint,
}: {
  /** A point to start from (the middle of the selected unit's area). */
  suggested?: Point | null;
  onPoint?: (point: Point | null) => void;
}) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const client = useClient();
  const [lat, setLat] = useState<number | null>(suggested?.lat ?? null);
  const [lng, setLng] = useState<number | null>(suggested?.lng ?? null);
  const [pointResult, setPointResult] = useState<PointResolution | null>(null);
  const [address, setAddress] = useState('');
  const [addressResult, setAddressResult] = useState<AddressAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (suggested) {
      setLat(suggested.lat);
      setLng(suggested.lng);
    }
  }, [suggested]);

  const name = (u: { nameZh: string; nameEn: string } | null | undefined) =>
    unitName(u, i18n.language) || '—';

  const resolvePoint = async () => {
    if (lat == null || lng == null) return;
    setError(null);
    try {
      setPointResult(await client.get<PointResolution>('/api/org/resolve/point', { lat, lng }));
      onPoint?.({ lat, lng });
    } catch (e) {
      setError(errorText(e));
    }
  };

  const resolveAddress = async () => {
    if (!address.trim()) return;
    setError(null);
    try {
      setAddressResult(await client.get<AddressAnswer>('/api/org/resolve/address', { text: address.trim() }));
    } catch (e) {
      setError(errorText(e));
    }
  };

  const confidenceColour = { high: 'success', medium: 'processing', low: 'warning' } as const;
  const result = addressResult?.result;

  return (
    <Card size="small" title={t('admin:org.tester')}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('admin:org.testerHint')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Space wrap align="center">
        <InputNumber<number>
          aria-label={t('admin:org.lat')}
          placeholder={t('admin:org.lat')}
          value={lat}
          onChange={setLat}
          min={-90}
          max={90}
          step={0.001}
          style={{ width: 140 }}
          prefix={t('admin:org.latShort')}
        />
        <InputNumber<number>
          aria-label={t('admin:org.lng')}
          placeholder={t('admin:org.lng')}
          value={lng}
          onChange={setLng}
          min={-180}
          max={180}
          step={0.001}
          style={{ width: 150 }}
          prefix={t('admin:org.lngShort')}
        />
        <Button
          icon={<AimOutlined />}
          onClick={() => void resolvePoint()}
          disabled={lat == null || lng == null}
        >
          {t('admin:org.resolvePoint')}
        </Button>
      </Space>
      {pointResult && (
        <div role="status" style={{ marginTop: 8 }}>
          {pointResult.unit ? (
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'unit',
                  label: t('admin:org.smallestArea'),
                  children: `${name(pointResult.unit)} · ${t(`admin:org.kinds.${pointResult.unit.kind}` as 'admin:org.kind', { defaultValue: pointResult.unit.kind })}`,
                },
                {
                  key: 'community',
                  label: t('common:field.community'),
                  children: name(pointResult.community),
                },
                { key: 'street', label: t('common:field.street'), children: name(pointResult.street) },
              ]}
            />
          ) : (
            <Alert type="warning" showIcon title={t('admin:org.pointOutside')} />
          )}
        </div>
      )}

      <Space.Compact style={{ width: '100%', marginTop: 16 }}>
        <Input
          aria-label={t('admin:org.address')}
          placeholder={t('admin:org.addressPlaceholder')}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          onPressEnter={() => void resolveAddress()}
          maxLength={500}
        />
        <Button
          icon={<EnvironmentOutlined />}
          onClick={() => void resolveAddress()}
          disabled={!address.trim()}
        >
          {t('admin:org.resolveAddress')}
        </Button>
      </Space.Compact>
      {addressResult && (
        <div role="status" style={{ marginTop: 8 }}>
          {result ? (
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap>
                <Tag color={confidenceColour[result.confidence]}>
                  {t(`admin:org.confidence.${result.confidence}`)}
                </Tag>
                {result.conflict && <Tag color="error">{t('admin:org.conflict')}</Tag>}
              </Space>
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'community', label: t('common:field.community'), children: name(result.community) },
                  { key: 'street', label: t('common:field.street'), children: name(result.street) },
                  {
                    key: 'matches',
                    label: t('admin:org.matches'),
                    children: (
                      <Space wrap size={4}>
                        {result.matches.map((m) => (
                          <Tag key={`${m.text}-${m.unit.id}`}>
                            “{m.text}” → {name(m.unit)}
                            {m.via === 'alias' ? ` (${t('admin:org.viaAlias')})` : ''}
                          </Tag>
                        ))}
                      </Space>
                    ),
                  },
                ]}
              />
            </Space>
          ) : (
            <Alert type="warning" showIcon title={t('admin:org.addressUnknown')} />
          )}
        </div>
      )}
    </Card>
  );
}
