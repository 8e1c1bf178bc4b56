import {
  DownloadOutlined,
  EditOutlined,
  FileProtectOutlined,
  PlusOutlined,
  SignatureOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/case/labels.tsx';
import { ConfirmationDialog, FollowupDialog, SignDialog } from './AgreementDialogs.tsx';
import { AgreementEditor } from './AgreementEditor.tsx';
import { type AgreementView, agreementPdfUrl, beijingToday, type MediationDetail } from './mediation-data.ts';

interface Props {
  detail: MediationDetail;
  onDone: (next: MediationDetail) => Promise<void>;
  onStale: () => Promise<void>;
}

type Open =
  | { kind: 'draft'; from?: AgreementView; supersedes?: AgreementView }
  | { kind: 'edit'; agreement: AgreementView }
  | { kind: 'sign'; agreement: AgreementView }
  | { kind: 'confirmation'; agreement: AgreementView }
  | { kind: 'followup'; agreement: AgreementView; followupId: number };

const STATUS_COLOURS = { draft: 'gold', signed: 'green', superseded: 'default' } as const;

/**
 * The agreements (调解协议书) of a case: a draft is edited and signed; a signed one is read-only and can
 * only be replaced by a new one that supersedes it (「替代」). Each can be downloaded as a PDF. After
 * signing: the 30-day window to apply for judicial confirmation, the court's answer and the follow-ups.
 */
export function AgreementPanel({ detail, onDone, onStale }: Props) {
  const { t } = useTranslation('mediation');
  const [open, setOpen] = useState<Open | null>(null);
  const can = detail.abilities;
  const hasDraft = detail.agreements.some((a) => a.status === 'draft');
  // Once one is signed, a change is a new agreement superseding it (「替代」), never a second one beside it.
  const hasSigned = detail.agreements.some((a) => a.status === 'signed');
  const close = () => setOpen(null);
  const common = { detail, onClose: close, onDone, onStale };
  return (
    <Flex vertical gap={12}>
      {can.agreement && !hasDraft && !hasSigned && (
        <div>
          <Button icon={<PlusOutlined />} onClick={() => setOpen({ kind: 'draft' })}>
            {t('agreement.new')}
          </Button>
        </div>
      )}
      {detail.agreements.length === 0 && <Empty description={t('agreement.none')} />}
      {[...detail.agreements].reverse().map((a) => (
        <Card
          key={a.id}
          size="small"
          title={
            <Space>
              {t('agreement.title', { seq: a.seq })}
              <Tag color={STATUS_COLOURS[a.status]}>{t(`agreement.status.${a.status}`)}</Tag>
              <Tag>{t(`agreement.form.${a.form}`)}</Tag>
            </Space>
          }
          extra={
            <Space wrap>
              <Button
                size="small"
                icon={<DownloadOutlined />}
                href={agreementPdfUrl(detail.id, a.id)}
                download
                aria-label={t('agreement.pdfOf', { seq: a.seq })}
              >
                {t('agreement.pdf')}
              </Button>
              {a.editable && can.agreement && (
                <>
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => setOpen({ kind: 'edit', agreement: a })}
                  >
                    {t('agreement.edit')}
                  </Button>
                  <Button
                    size="small"
                    type="primary"
                    icon={<SignatureOutlined />}
                    onClick={() => setOpen({ kind: 'sign', agreement: a })}
                  >
                    {t('agreement.sign')}
                  </Button>
                </>
              )}
              {a.status === 'signed' && can.agreement && !hasDraft && (
                <Button
                  size="small"
                  icon={<SwapOutlined />}
                  onClick={() => setOpen({ kind: 'draft', from: a, supersedes: a })}
                >
                  {t('agreement.supersede')}
                </Button>
              )}
            </Space>
          }
        >
          <AgreementBody agreement={a} />
          {a.status === 'signed' && <AfterSigning agreement={a} detail={detail} onOpen={setOpen} />}
        </Card>
      ))}
      {open?.kind === 'draft' && (
        <AgreementEditor {...common} from={open.from} supersedes={open.supersedes} />
      )}
      {open?.kind === 'edit' && (
        <AgreementEditor {...common} from={open.agreement} editing={open.agreement} />
      )}
      {open?.kind === 'sign' && <SignDialog {...common} agreement={open.agreement} />}
      {open?.kind === 'confirmation' && <ConfirmationDialog {...common} agreement={open.agreement} />}
      {open?.kind === 'followup' && (
        <FollowupDialog {...common} agreement={open.agreement} followupId={open.followupId} />
      )}
    </Flex>
  );
}

function Items({ items }: { items: string[] }) {
  return (
    <ol style={{ margin: 0, paddingInlineStart: 20 }}>
      {items.map((x, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of texts
        <li key={i} style={{ whiteSpace: 'pre-wrap' }}>
          {x}
        </li>
      ))}
    </ol>
  );
}

/** What the law asks an agreement to say, as the record holds it. */
function AgreementBody({ agreement: a }: { agreement: AgreementView }) {
  const { t } = useTranslation('mediation');
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        {
          key: 'facts',
          label: t('agreement.facts'),
          children: <span style={{ whiteSpace: 'pre-wrap' }}>{a.facts}</span>,
        },
        { key: 'issues', label: t('agreement.issues'), children: <Items items={a.issues} /> },
        {
          key: 'resp',
          label: t('agreement.responsibilities'),
          children: <Items items={a.responsibilities} />,
        },
        { key: 'terms', label: t('agreement.terms'), children: <Items items={a.terms} /> },
        { key: 'method', label: t('agreement.performanceMethod'), children: a.performanceMethod },
        { key: 'due', label: t('agreement.performanceDueOn'), children: a.performanceDueOn },
        { key: 'concluded', label: t('agreement.concludedOn'), children: a.concludedOn },
        ...(a.place ? [{ key: 'place', label: t('agreement.place'), children: a.place }] : []),
        ...(a.signedAt
          ? [{ key: 'signed', label: t('agreement.signedAt'), children: <DateTime value={a.signedAt} /> }]
          : []),
        ...(a.supersedesId
          ? [{ key: 'supersedes', label: t('agreement.supersedes'), children: `#${a.supersedesId}` }]
          : []),
      ]}
    />
  );
}

/** The judicial confirmation window and the follow-ups of a signed agreement. */
function AfterSigning({
  agreement: a,
  detail,
  onOpen,
}: {
  agreement: AgreementView;
  detail: MediationDetail;
  onOpen: (o: Open) => void;
}) {
  const { t } = useTranslation('mediation');
  const c = a.confirmation;
  const today = beijingToday();
  const windowOpen = !c && a.confirmationDueOn !== null && a.confirmationDueOn >= today;
  return (
    <Flex vertical gap={8} style={{ marginTop: 12 }}>
      <Typography.Text strong>{t('confirmation.title')}</Typography.Text>
      {c ? (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'court', label: t('confirmation.court'), children: c.court ?? '—' },
            {
              key: 'applied',
              label: t('confirmation.appliedAt'),
              children: <DateTime value={c.appliedAt} />,
            },
            {
              key: 'answer',
              label: t('confirmation.answer'),
              children: (
                <Tag color={c.answer === 'confirmed' ? 'green' : c.answer === 'rejected' ? 'red' : 'blue'}>
                  {t(`confirmation.answers.${c.answer}`)}
                </Tag>
              ),
            },
            ...(c.answeredAt
              ? [
                  {
                    key: 'answered',
                    label: t('confirmation.answeredAt'),
                    children: <DateTime value={c.answeredAt} />,
                  },
                ]
              : []),
            ...(c.reference
              ? [{ key: 'ref', label: t('confirmation.reference'), children: c.reference }]
              : []),
            ...(c.note ? [{ key: 'note', label: t('confirmation.note'), children: c.note }] : []),
          ]}
        />
      ) : (
        <Alert
          type={windowOpen ? 'warning' : 'info'}
          showIcon
          title={
            windowOpen
              ? t('confirmation.window', { date: a.confirmationDueOn })
              : t('confirmation.windowClosed', { date: a.confirmationDueOn })
          }
        />
      )}
      {detail.abilities.confirmation && (!c || c.answer === 'pending') && (
        <div>
          <Button
            icon={<FileProtectOutlined />}
            onClick={() => onOpen({ kind: 'confirmation', agreement: a })}
          >
            {c ? t('confirmation.recordAnswer') : t('confirmation.record')}
          </Button>
        </div>
      )}
      <Typography.Text strong>{t('followup.title')}</Typography.Text>
      {a.followups.length === 0 ? (
        <Typography.Text type="secondary">{t('followup.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={a.followups}
          renderItem={(f) => (
            <List.Item
              actions={
                !f.doneAt && detail.abilities.followup
                  ? [
                      <Button
                        key="do"
                        size="small"
                        onClick={() => onOpen({ kind: 'followup', agreement: a, followupId: f.id })}
                      >
                        {t('followup.record')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Flex vertical>
                <span>
                  {f.dueOn} · {f.what}
                </span>
                {f.doneAt ? (
                  <Typography.Text type="secondary">
                    {f.result && (
                      <Tag color={f.result === 'performed' ? 'green' : 'orange'}>
                        {t(`followup.results.${f.result}`)}
                      </Tag>
                    )}
                    {f.method} · {f.note} · {f.doneBy} · <DateTime value={f.doneAt} />
                  </Typography.Text>
                ) : (
                  <Typography.Text type={f.dueOn < today ? 'danger' : 'secondary'}>
                    {t('followup.pending')}
                  </Typography.Text>
                )}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}
