import { Flex, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime, UnitName } from '../../components/case/labels.tsx';
import type { CaseDetail } from './case-data.ts';

type Assignment = CaseDetail['assignments'][number];

const ASSIGNMENT_COLOURS: Record<string, string> = {
  dispatched: 'blue',
  accepted: 'cyan',
  reported: 'green',
  resolved: 'green',
  returned: 'orange',
  cancelled: 'default',
};

/** A plain list of records, one per row, divided by lines. */
export function Rows<T extends { id: number }>({
  items,
  render,
}: {
  items: T[];
  render: (item: T) => ReactNode;
}) {
  return (
    <ul className="case-rows">
      {items.map((item) => (
        <li key={item.id}>{render(item)}</li>
      ))}
    </ul>
  );
}

/** A labelled line: "label: value". */
export function Line({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation('case');
  return (
    <div>
      <Typography.Text type="secondary">
        {label}
        {t('colon')}
      </Typography.Text>
      {children}
    </div>
  );
}

function AssignmentItem({ a }: { a: Assignment }) {
  const { t } = useTranslation('case');
  const late = a.signedAt ? a.signedAt > a.signDueAt : false;
  return (
    <Flex vertical gap={4}>
      <Space size={[6, 4]} wrap>
        <Typography.Text strong>
          <UnitName unit={a.unit} />
        </Typography.Text>
        <Tag color={a.role === 'lead' ? 'geekblue' : 'default'}>{t(`assignment.role.${a.role}`)}</Tag>
        <Tag color={ASSIGNMENT_COLOURS[a.state] ?? 'default'}>
          {t(`assignment.state.${a.state as 'dispatched'}`, { defaultValue: a.state })}
        </Tag>
        <Typography.Text type="secondary">{t('assignment.round', { round: a.round })}</Typography.Text>
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('assignment.dispatchedAt')} <DateTime value={a.dispatchedAt} /> · {t('assignment.signDue')}{' '}
        <DateTime value={a.signDueAt} />
        {a.signedAt && (
          <>
            {' '}
            · {t('assignment.signedAt')} <DateTime value={a.signedAt} />
            {late && (
              <Tag color="warning" style={{ marginInlineStart: 6 }}>
                {t('assignment.lateSign')}
              </Tag>
            )}
          </>
        )}
      </Typography.Text>
      {a.report && (
        <Line label={t('assignment.report')}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{a.report}</span>{' '}
          <Typography.Text type="secondary">
            (<DateTime value={a.reportedAt} />)
          </Typography.Text>
        </Line>
      )}
      {a.returnReason && (
        <Line label={t('assignment.returnReason')}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{a.returnReason}</span>
        </Line>
      )}
    </Flex>
  );
}

/** Who the case was sent to, round by round, and what each unit did with it. */
export function Assignments({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('case');
  if (detail.assignments.length === 0)
    return (
      <Typography.Text type="secondary">
        {detail.answeredAtIntake ? t('assignment.answered') : t('assignment.none')}
      </Typography.Text>
    );
  return <Rows items={detail.assignments} render={(a) => <AssignmentItem a={a} />} />;
}

const EXTENSION_COLOURS = { pending: 'processing', approved: 'success', rejected: 'error' } as const;

/** Requests for more time and what the dispatchers decided. */
export function Extensions({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('case');
  return (
    <Rows
      items={detail.extensions}
      render={(x) => (
        <Flex vertical gap={4}>
          <Space size={[6, 4]} wrap>
            <Tag color={EXTENSION_COLOURS[x.state]}>{t(`extension.state.${x.state}`)}</Tag>
            <Typography.Text strong>
              <UnitName unit={x.unit} />
            </Typography.Text>
            <span>{t('extension.asked', { count: x.days })}</span>
            {x.state === 'approved' && x.approvedDays !== null && (
              <span>{t('extension.approvedDays', { count: x.approvedDays })}</span>
            )}
          </Space>
          <Line label={t('forms.requestExtension.reason')}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{x.reason}</span>
          </Line>
          {x.decisionNote && (
            <Line label={t('forms.decideExtension.note')}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{x.decisionNote}</span>
            </Line>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('forms.decideExtension.requestedAt')} <DateTime value={x.requestedAt} />
            {x.decidedAt && (
              <>
                {' '}
                · {t('extension.decidedAt')} <DateTime value={x.decidedAt} />
              </>
            )}
            {x.state === 'approved' && x.dueAfter && (
              <>
                {' '}
                · {t('extension.newDue')} <DateTime value={x.dueAfter} />
              </>
            )}
          </Typography.Text>
        </Flex>
      )}
    />
  );
}

/** Calls back to the reporter after resolution. */
export function Callbacks({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation(['case', 'common']);
  return (
    <Rows
      items={detail.callbacks}
      render={(c) => (
        <Flex vertical gap={4}>
          <Space size={[6, 4]} wrap>
            <DateTime value={c.at} />
            {!c.answered && <Tag>{t('forms.callback.notReached')}</Tag>}
            {c.solved !== null && (
              <Tag color={c.solved ? 'green' : 'red'}>
                {c.solved ? t('forms.callback.solvedYes') : t('forms.callback.solvedNo')}
              </Tag>
            )}
            {c.rating && <span>{t(`common:rating.${c.rating}`)}</span>}
            {c.reopened && <Tag color="magenta">{t('callback.reopened')}</Tag>}
          </Space>
          {c.comment && <span style={{ whiteSpace: 'pre-wrap' }}>{c.comment}</span>}
        </Flex>
      )}
    />
  );
}
