import { Flex, Segmented, Space, Tag, Timeline, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitRefView } from '../../api/http.ts';
import { categoryName, DateTime, StatusTag, unitName } from '../../components/case/labels.tsx';
import { Line } from './CaseHandling.tsx';
import { CaseNumberLink } from './CaseRelated.tsx';
import {
  type CaseDetail,
  type CaseEvent,
  type Catalogue,
  categoriesByCode,
  useReference,
} from './case-data.ts';

const COLOURS: Record<string, string> = {
  register: 'blue',
  dispatch: 'blue',
  sign: 'cyan',
  return: 'orange',
  resolve: 'green',
  answer: 'green',
  callback: 'green',
  reopen: 'red',
  overdue: 'red',
  escalate: 'red',
  due_soon: 'orange',
  supervise: 'orange',
  withdraw: 'gray',
  merge: 'gray',
  suspect_duplicate: 'orange',
  auto_close: 'gray',
};

/** The actions the timeline names; others show by their code. */
const KNOWN = new Set([
  'register',
  'dispatch',
  'sign',
  'return',
  'report_part',
  'resolve',
  'answer',
  'withdraw',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'note',
  'contact',
  'supervise',
  'callback',
  'reopen',
  'merge',
  'merge_in',
  'suspect_duplicate',
  'dismiss_duplicate',
  'attach',
  'due_soon',
  'overdue',
  'escalate',
  'auto_close',
]);

/** System actors by the name the server records. */
const SYSTEM_ACTORS = new Set(['auto-route', 'sla-sweep', 'seed', 'cli', 'anonymous', 'duplicates']);

type Status = CaseDetail['status'];
const STATUSES = new Set<string>([
  'received',
  'dispatched',
  'accepted',
  'resolved',
  'closed',
  'merged',
  'withdrawn',
]);

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);

/** Units the case has met, by code, so event data naming units by code reads as names. */
function unitsOf(detail: CaseDetail, events: CaseEvent[]): Map<string, UnitRefView> {
  const map = new Map<string, UnitRefView>();
  const add = (u: UnitRefView | null | undefined) => u && map.set(u.code, u);
  add(detail.street);
  add(detail.community);
  add(detail.leadUnit);
  for (const a of detail.assignments) add(a.unit);
  for (const x of detail.extensions) add(x.unit);
  for (const e of events) add(e.unit);
  return map;
}

/**
 * The case's history: every event with who, when and what, the status it moved between, the unit,
 * the note and what the event's data says (units sent to, days, outcome, rating…), in the UI language.
 */
export function CaseTimeline({ detail, events }: { detail: CaseDetail; events: CaseEvent[] }) {
  const { t } = useTranslation('case');
  const [order, setOrder] = useState<'newest' | 'oldest'>('newest');
  const items = useMemo(() => (order === 'newest' ? [...events].reverse() : events), [events, order]);
  const catalogue = useReference<Catalogue>('/api/categories');
  const categories = useMemo(() => categoriesByCode(catalogue), [catalogue]);
  const units = useMemo(() => unitsOf(detail, events), [detail, events]);
  const linked = useMemo(() => {
    const { mergedInto, repeatOf, merged, repeats } = detail.related;
    const all = [mergedInto, repeatOf, ...merged, ...repeats].filter((c) => c !== null);
    return new Map(all.map((c) => [c.trackingNo, c]));
  }, [detail]);
  return (
    <Flex vertical gap={16}>
      <Segmented
        size="small"
        value={order}
        onChange={(v) => setOrder(v as 'newest' | 'oldest')}
        options={[
          { value: 'newest', label: t('timeline.newestFirst') },
          { value: 'oldest', label: t('timeline.oldestFirst') },
        ]}
        aria-label={t('timeline.order')}
        style={{ alignSelf: 'flex-start' }}
      />
      <Timeline
        items={items.map((e) => ({
          key: e.id,
          color: COLOURS[e.action] ?? 'gray',
          content: <EventEntry event={e} units={units} categories={categories} linked={linked} />,
        }))}
      />
    </Flex>
  );
}

function EventEntry({
  event: e,
  units,
  categories,
  linked,
}: {
  event: CaseEvent;
  units: Map<string, UnitRefView>;
  categories: ReturnType<typeof categoriesByCode>;
  linked: Map<string, { id: number; trackingNo: string }>;
}) {
  const { t, i18n } = useTranslation(['case', 'common']);
  const lang = i18n.language;
  const unit = (code: unknown) => {
    const c = str(code);
    if (!c) return null;
    const u = units.get(c);
    return u ? unitName(u, lang) : c;
  };
  const category = (code: unknown) => {
    const c = str(code);
    if (!c) return null;
    const found = categories.get(c);
    return found ? categoryName(found, lang) : c;
  };
  const d = e.data;
  /** A tracking number, as a link when the case is one of the linked cases the viewer may open. */
  const caseNumber = (value: unknown) => {
    const no = str(value);
    const known = no ? linked.get(no) : undefined;
    return known ? <CaseNumberLink c={known} /> : no;
  };
  const actor = SYSTEM_ACTORS.has(e.actor) ? t(`timeline.actor.${e.actor as 'seed'}`) : e.actor;
  const moved =
    e.fromStatus !== e.toStatus &&
    e.fromStatus !== null &&
    e.toStatus !== null &&
    STATUSES.has(e.fromStatus) &&
    STATUSES.has(e.toStatus);
  const details: ReactNode[] = [];
  const add = (key: string, label: string, value: ReactNode) =>
    value !== null &&
    value !== undefined &&
    value !== '' &&
    details.push(
      <Line key={key} label={label}>
        {value}
      </Line>,
    );
  const tags: ReactNode[] = [];

  switch (e.action) {
    case 'register':
      add(
        'channel',
        t('common:field.channel'),
        str(d.channel) && t(`common:channel.${d.channel as 'hotline'}`),
      );
      add('category', t('common:field.category'), category(d.category));
      add('place', t('header.place'), unit(d.place));
      break;
    case 'dispatch': {
      if (d.auto) tags.push(<Tag key="auto">{t('timeline.auto')}</Tag>);
      if (d.redispatch) tags.push(<Tag key="re">{t('timeline.redispatch')}</Tag>);
      add('lead', t('common:field.leadUnit'), unit(d.lead));
      const co = Array.isArray(d.co) ? d.co.map(unit).filter(Boolean) : [];
      add('co', t('header.coUnits'), co.length ? co.join(t('listSeparator')) : null);
      add('category', t('common:field.category'), category(d.category));
      add('signDue', t('common:field.signDueAt'), str(d.signDueAt) && <DateTime value={str(d.signDueAt)} />);
      add(
        'resolveDue',
        t('common:field.resolveDueAt'),
        str(d.resolveDueAt) && <DateTime value={str(d.resolveDueAt)} />,
      );
      break;
    }
    case 'sign':
      if (d.late)
        tags.push(
          <Tag key="late" color="warning">
            {t('assignment.lateSign')}
          </Tag>,
        );
      break;
    case 'resolve':
      add('outcome', t('header.outcome'), str(d.outcome) && t(`common:outcome.${d.outcome as 'solved'}`));
      add(
        'reason',
        d.outcome === 'not_solvable'
          ? t('forms.resolve.notSolvableReason')
          : t('forms.resolve.explainedReason'),
        str(d.reason),
      );
      if (d.onTime === false)
        tags.push(
          <Tag key="late" color="error">
            {t('timeline.lateResolve')}
          </Tag>,
        );
      break;
    case 'request_extension':
      add(
        'days',
        t('forms.requestExtension.days'),
        num(d.days) !== null && t('daysCount', { count: num(d.days) }),
      );
      break;
    case 'approve_extension':
      add(
        'days',
        t('forms.decideExtension.days'),
        num(d.days) !== null && t('daysCount', { count: num(d.days) }),
      );
      add(
        'due',
        t('common:field.resolveDueAt'),
        str(d.dueAfter) && (
          <>
            <DateTime value={str(d.dueBefore)} /> → <DateTime value={str(d.dueAfter)} />
          </>
        ),
      );
      break;
    case 'supervise':
    case 'escalate':
      if ((num(d.level) ?? 0) >= 2)
        tags.push(
          <Tag key="esc" color="red">
            {t('flags.escalated')}
          </Tag>,
        );
      break;
    case 'callback':
    case 'reopen':
      if (d.answered === false) tags.push(<Tag key="nr">{t('forms.callback.notReached')}</Tag>);
      if (typeof d.solved === 'boolean')
        tags.push(
          <Tag key="solved" color={d.solved ? 'green' : 'red'}>
            {d.solved ? t('forms.callback.solvedYes') : t('forms.callback.solvedNo')}
          </Tag>,
        );
      if (str(d.rating)) tags.push(<Tag key="rating">{t(`common:rating.${d.rating as 'satisfied'}`)}</Tag>);
      if (d.reopened)
        tags.push(
          <Tag key="reopen" color="magenta">
            {t('callback.reopened')}
          </Tag>,
        );
      break;
    case 'merge':
      add('into', t('timeline.mergedInto'), caseNumber(d.into));
      break;
    case 'merge_in':
      add('from', t('timeline.mergedFrom'), caseNumber(d.from));
      break;
    case 'suspect_duplicate':
    case 'dismiss_duplicate':
      add('of', t('timeline.duplicateOf'), caseNumber(d.of));
      break;
    case 'attach': {
      const files = Array.isArray(d.files)
        ? d.files.map((f) => str((f as { name?: unknown }).name)).filter(Boolean)
        : [];
      add('files', t('timeline.files'), files.join(t('listSeparator')));
      break;
    }
    case 'due_soon':
    case 'overdue':
      add(
        'due',
        t('common:field.resolveDueAt'),
        str(d.resolveDueAt) && <DateTime value={str(d.resolveDueAt)} />,
      );
      break;
    case 'auto_close':
      add(
        'days',
        t('timeline.autoCloseAfter'),
        num(d.days) !== null && t('daysCount', { count: num(d.days) }),
      );
      break;
    case 'contact':
      if (str(d.via)) tags.push(<Tag key="via">{t(`via.${d.via as 'phone'}`)}</Tag>);
      break;
    default:
      break;
  }

  return (
    <Flex vertical gap={2}>
      <Space size={[6, 2]} wrap>
        <Typography.Text strong>
          {KNOWN.has(e.action) ? t(`timeline.action.${e.action as 'register'}`) : e.action}
        </Typography.Text>
        {tags}
        {moved && (
          <span className="case-status-move">
            <StatusTag status={e.fromStatus as Status} />→<StatusTag status={e.toStatus as Status} />
          </span>
        )}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        <DateTime value={e.at} /> · {actor}
        {e.unit && unitName(e.unit, lang) !== actor && ` · ${unitName(e.unit, lang)}`}
      </Typography.Text>
      {details}
      {e.note && (
        <Typography.Paragraph className="case-note" style={{ marginBottom: 0 }}>
          {e.note}
        </Typography.Paragraph>
      )}
    </Flex>
  );
}
