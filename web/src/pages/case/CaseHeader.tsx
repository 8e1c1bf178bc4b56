import { Descriptions, Flex, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  categoryName,
  DateTime,
  DeadlineTag,
  StatusTag,
  UnitName,
  unitName,
} from '../../components/case/labels.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { type CaseDetail, type CategoryView, useReference } from './case-data.ts';
import { currentRound } from './DispatchForm.tsx';

/** The case is being worked on by a unit: its deadline is live. */
export const beingHandled = (detail: CaseDetail) =>
  detail.status === 'dispatched' || detail.status === 'accepted';

/** Tracking number, title and the flags that matter at a glance. */
export function CaseTitle({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation(['case', 'common']);
  return (
    <Flex vertical gap={4}>
      <Typography.Text
        type="secondary"
        copyable={{ text: detail.trackingNo, tooltips: [t('common:button.copy'), t('common:button.copied')] }}
      >
        {t('common:field.trackingNo')} {detail.trackingNo}
      </Typography.Text>
      <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }}>
        {detail.title}
      </Typography.Title>
      <Space size={[4, 8]} wrap>
        <StatusTag status={detail.status} />
        {beingHandled(detail) && (
          <DeadlineTag
            slaState={detail.slaState}
            dueAt={detail.resolveDueAt}
            remainingWorkMinutes={detail.remainingWorkMinutes}
            urgent={detail.urgent}
          />
        )}
        {detail.urgent && <Tag color="red">{t('common:field.urgent')}</Tag>}
        {detail.supervised && (
          <Tag color="orange">
            {detail.escalationLevel >= 2 ? t('flags.escalated') : t('flags.supervised')}
          </Tag>
        )}
        {detail.sensitive && (
          <Tooltip title={t('flags.sensitiveHint')}>
            <Tag color="purple">{t('flags.sensitive')}</Tag>
          </Tooltip>
        )}
        {detail.reopenCount > 0 && (
          <Tag color="magenta">{t('flags.reopened', { count: detail.reopenCount })}</Tag>
        )}
        {detail.returnCount > 0 && <Tag>{t('flags.returned', { count: detail.returnCount })}</Tag>}
        {detail.answeredAtIntake && <Tag color="green">{t('flags.answeredAtIntake')}</Tag>}
      </Space>
    </Flex>
  );
}

/** Where the case is: street › community, and the address as given. */
export function Place({ detail }: { detail: CaseDetail }) {
  const { i18n } = useTranslation();
  const area = [detail.street, detail.community]
    .filter((u) => u !== null)
    .map((u) => unitName(u, i18n.language))
    .join(' › ');
  if (!area && !detail.address) return <>—</>;
  return (
    <Flex vertical>
      {area && <span>{area}</span>}
      {detail.address && <Typography.Text type="secondary">{detail.address}</Typography.Text>}
    </Flex>
  );
}

function Reporter({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('case');
  const r = detail.reporter;
  if (!r) return <>{t('reporter.none')}</>;
  if (r.anonymous && r.name === null && r.phone === null) return <Tag>{t('reporter.anonymous')}</Tag>;
  return (
    <Space size={[8, 4]} wrap>
      <span>{r.name ?? '—'}</span>
      {r.phone && (
        <Typography.Text
          copyable={r.masked ? false : { text: r.phone }}
          style={{ fontVariantNumeric: 'tabular-nums' }}
        >
          {r.phone}
        </Typography.Text>
      )}
      {r.anonymous && <Tag>{t('reporter.asksAnonymous')}</Tag>}
      {detail.contactPreference && (
        <Tag color={detail.contactPreference === 'none' ? 'orange' : undefined}>
          {t(`reporter.contact.${detail.contactPreference}`)}
        </Tag>
      )}
      {r.masked && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('reporter.masked')}
        </Typography.Text>
      )}
      {detail.otherReporters > 0 && (
        <Typography.Text type="secondary">
          {t('reporter.others', { count: detail.otherReporters })}
        </Typography.Text>
      )}
    </Space>
  );
}

/** The facts of the case: how it came in, what it is, where, who handles it and who reported it. */
export function CaseFacts({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation(['case', 'common']);
  const round = currentRound(detail);
  const co = round.filter((a) => a.role === 'co');
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
      items={[
        { key: 'channel', label: t('common:field.channel'), children: t(`common:channel.${detail.channel}`) },
        { key: 'kind', label: t('common:field.kind'), children: t(`common:kind.${detail.kind}`) },
        {
          key: 'category',
          label: t('common:field.category'),
          children: detail.category
            ? categoryName(detail.category, i18n.language)
            : t('header.uncategorised'),
        },
        {
          key: 'registeredAt',
          label: t('common:field.registeredAt'),
          children: <DateTime value={detail.registeredAt} />,
        },
        {
          key: 'place',
          label: t('header.place'),
          children: <Place detail={detail} />,
          span: { xs: 1, md: 2, xl: 2 },
        },
        { key: 'lead', label: t('common:field.leadUnit'), children: <UnitName unit={detail.leadUnit} /> },
        {
          key: 'co',
          label: t('header.coUnits'),
          children: co.length ? co.map((a) => unitName(a.unit, i18n.language)).join(t('listSeparator')) : '—',
        },
        { key: 'reporter', label: t('header.reporter'), children: <Reporter detail={detail} /> },
        ...(detail.signDueAt
          ? [
              {
                key: 'signDue',
                label: t('common:field.signDueAt'),
                children: <DateTime value={detail.signDueAt} />,
              },
            ]
          : []),
        ...(detail.resolveDueAt
          ? [
              {
                key: 'resolveDue',
                label: t('common:field.resolveDueAt'),
                children: (
                  <>
                    <DateTime value={detail.resolveDueAt} />
                    {detail.extendedDays > 0 && (
                      <Typography.Text type="secondary">
                        {' '}
                        {t('header.extendedBy', { count: detail.extendedDays })}
                      </Typography.Text>
                    )}
                  </>
                ),
              },
            ]
          : []),
        ...(detail.status === 'received' && detail.triageReason
          ? [
              {
                key: 'triage',
                label: t('header.triageReason'),
                children: t(`triageReason.${detail.triageReason as 'returned'}`, {
                  defaultValue: detail.triageReason,
                }),
              },
            ]
          : []),
      ]}
    />
  );
}

/** What the reporter said, with the category's extra fields under their labels. */
export function CaseContent({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation(['case', 'common']);
  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
        {detail.description}
      </Typography.Paragraph>
      {Object.keys(detail.attributes).length > 0 && <Attributes detail={detail} />}
      {detail.outcome && (
        <Descriptions
          size="small"
          bordered
          column={1}
          title={t('header.resolutionTitle')}
          items={[
            {
              key: 'outcome',
              label: t('header.outcome'),
              children: detail.outcome ? t(`common:outcome.${detail.outcome as 'solved'}`) : '—',
            },
            {
              key: 'resolution',
              label: t('header.resolution'),
              children: <span style={{ whiteSpace: 'pre-wrap' }}>{detail.resolution ?? '—'}</span>,
            },
            {
              key: 'resolvedAt',
              label: t('header.resolvedAt'),
              children: <DateTime value={detail.resolvedAt} />,
            },
            ...(detail.rating || detail.solved !== null
              ? [
                  {
                    key: 'rating',
                    label: t('header.rating'),
                    children: (
                      <Space wrap>
                        {detail.solved !== null && (
                          <Tag color={detail.solved ? 'green' : 'red'}>
                            {detail.solved ? t('forms.callback.solvedYes') : t('forms.callback.solvedNo')}
                          </Tag>
                        )}
                        {detail.rating && <span>{t(`common:rating.${detail.rating as 'satisfied'}`)}</span>}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Flex>
  );
}

/** A value of an extra field as the reporter gave it, list choices by their names. */
function attributeText(
  value: unknown,
  attribute: CategoryView['attributes'][number] | undefined,
  language: string,
  yes: string,
  no: string,
  separator: string,
): string {
  const choice = (key: unknown) => {
    const v = attribute?.values?.find((x) => x.key === key);
    return v ? categoryName(v, language) : String(key);
  };
  if (Array.isArray(value)) return value.map(choice).join(separator);
  if (typeof value === 'boolean') return value ? yes : no;
  if (attribute?.values) return choice(value);
  if (attribute?.datatype === 'datetime' && typeof value === 'string' && !Number.isNaN(Date.parse(value)))
    return formatDateTime(value, language);
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function Attributes({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation(['case', 'common']);
  const category = useReference<CategoryView>(
    `/api/categories/${detail.category?.code ?? ''}`,
    !!detail.category,
  );
  const zh = i18n.language.startsWith('zh');
  const byCode = new Map((category?.attributes ?? []).map((a) => [a.code, a]));
  const codes = Object.keys(detail.attributes).sort(
    (a, b) => (byCode.get(a)?.order ?? 1e6) - (byCode.get(b)?.order ?? 1e6),
  );
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      title={t('header.attributes')}
      items={codes.map((code) => {
        const a = byCode.get(code);
        return {
          key: code,
          label: a ? (zh ? a.descriptionZh : a.descriptionEn || a.descriptionZh) : code,
          children: attributeText(
            detail.attributes[code],
            a,
            i18n.language,
            t('common:yes'),
            t('common:no'),
            t('listSeparator'),
          ),
        };
      })}
    />
  );
}
