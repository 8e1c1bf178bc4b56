import { EnvironmentOutlined, LoadingOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Space, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../api/workbench.ts';
import { unitName } from '../../components/case/labels.tsx';
import type { AddressResolution, Communities, Street } from './intake-types.ts';
import { matchRank } from './search.ts';

const RESOLVE_DELAY_MS = 350;

type Resolution =
  | { phase: 'idle' }
  | { phase: 'loading' }
  | { phase: 'done'; text: string; result: AddressResolution | null };

/** The street and community an address names, asked of the server a moment after typing stops. */
export function useAddressResolution(client: Client, address: string | undefined): Resolution {
  const [state, setState] = useState<Resolution>({ phase: 'idle' });
  const text = address?.trim() ?? '';
  useEffect(() => {
    if (text.length < 2) {
      setState({ phase: 'idle' });
      return;
    }
    let current = true;
    setState({ phase: 'loading' });
    const timer = setTimeout(() => {
      client.get<{ result: AddressResolution | null }>('/api/org/resolve/address', { text }).then(
        (answer) => {
          if (current) setState({ phase: 'done', text, result: answer.result });
        },
        () => {
          // Resolution only helps: without it the server still decides where the case goes.
          if (current) setState({ phase: 'done', text, result: null });
        },
      );
    }, RESOLVE_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, text]);
  return state;
}

/** Whether the server will place the case by this resolution (case-intake.service.ts resolvePlace). */
export function isConfident(result: AddressResolution | null | undefined): boolean {
  return !!result && result.confidence !== 'low' && !result.conflict && !!(result.community || result.street);
}

interface Located {
  street: { nameZh: string; nameEn: string } | null;
  community: { nameZh: string; nameEn: string } | null;
  source: 'fromAddress' | 'fromPicker' | 'fromWorkroom';
}

/** Finds a unit id among the streets and their communities. */
function findPlace(streets: Street[], id: number | undefined) {
  if (id === undefined) return null;
  for (const street of streets) {
    if (street.id === id) return { street, community: null };
    const community = street.communities.find((c) => c.id === id);
    if (community) return { street, community };
  }
  return null;
}

/**
 * Address text resolved live to street and community, or a community picked from the tree; below
 * them, where the case will be placed, or that it will wait in triage.
 */
export function PlaceFields({
  client,
  communities,
  workroomId,
}: {
  client: Client;
  communities: Communities | undefined;
  /** Walk-in intake: the workroom's community, where the server places a case given no place. */
  workroomId: number | undefined;
}) {
  const { t, i18n } = useTranslation('intake');
  const form = Form.useFormInstance();
  const address: string | undefined = Form.useWatch(['location', 'address'], form);
  const communityId: number | undefined = Form.useWatch(['location', 'communityId'], form);
  const resolution = useAddressResolution(client, address);
  const streets = communities?.streets ?? [];
  const language = i18n.language;
  const placeName = (p: { street: Located['street']; community: Located['community'] }) =>
    [p.street, p.community]
      .filter(Boolean)
      .map((u) => unitName(u, language))
      .join(' · ');

  const treeData = useMemo(
    () =>
      streets.map((street) => ({
        value: street.id,
        title: unitName(street, language),
        label: unitName(street, language),
        street,
        children: street.communities.map((community) => ({
          value: community.id,
          title: unitName(community, language),
          label: `${unitName(street, language)} · ${unitName(community, language)}`,
          street,
          community,
        })),
      })),
    [streets, language],
  );

  const result = resolution.phase === 'done' ? resolution.result : null;
  let located: Located | null = null;
  const typed = (address?.trim() ?? '') !== '';
  if (result && isConfident(result)) located = { ...result, source: 'fromAddress' };
  else {
    const picked = findPlace(streets, communityId);
    if (picked) located = { ...picked, source: 'fromPicker' };
    else if (!typed && workroomId !== undefined) {
      const workroom = findPlace(streets, workroomId);
      if (workroom) located = { ...workroom, source: 'fromWorkroom' };
    }
  }

  let addressNote: React.ReactNode = null;
  if (resolution.phase === 'loading') {
    addressNote = (
      <Typography.Text type="secondary">
        <LoadingOutlined /> {t('place.resolving')}
      </Typography.Text>
    );
  } else if (resolution.phase === 'done' && !isConfident(result)) {
    const guess = result && (result.community ?? result.street);
    if (result?.conflict)
      addressNote = <Typography.Text type="warning">{t('place.conflict')}</Typography.Text>;
    else if (guess && guess.id !== communityId) {
      addressNote = (
        <Space size={4} wrap>
          <Typography.Text type="warning">
            {t('place.uncertain')} {placeName(result)}
          </Typography.Text>
          <Button
            size="small"
            type="link"
            onClick={() => form.setFieldValue(['location', 'communityId'], guess.id)}
          >
            {t('place.useIt')}
          </Button>
        </Space>
      );
    } else if (!guess) {
      addressNote = <Typography.Text type="secondary">{t('place.unresolved')}</Typography.Text>;
    }
  }

  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Form.Item name={['location', 'address']} label={t('place.address')} extra={addressNote}>
            <Input placeholder={t('place.addressPlaceholder')} maxLength={300} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name={['location', 'communityId']} label={t('place.community')}>
            <TreeSelect
              treeData={treeData}
              allowClear
              placeholder={t('place.communityPlaceholder')}
              virtual={false}
              listHeight={320}
              treeNodeLabelProp="label"
              showSearch={{
                filterTreeNode: (input, node) => {
                  const n = node as unknown as { street: Street; community?: Street['communities'][number] };
                  return (
                    matchRank(input, n.community ?? n.street, n.community ? n.street : undefined) !== null
                  );
                },
              }}
            />
          </Form.Item>
        </Col>
      </Row>
      <div className="intake-located" aria-live="polite">
        {located ? (
          <Typography.Text type="success">
            <EnvironmentOutlined /> → {placeName(located)}{' '}
            <Typography.Text type="secondary">
              {t('place.via', { source: t(`place.${located.source}`) })}
            </Typography.Text>
          </Typography.Text>
        ) : (
          <Typography.Text type="warning">
            <WarningOutlined /> {t('place.toTriage')}
          </Typography.Text>
        )}
      </div>
    </>
  );
}
