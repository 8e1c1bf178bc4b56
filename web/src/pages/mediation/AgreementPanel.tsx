import {
  DownloadOutlined,
  EditOutlined,
  FileProtectOutlined,
  PlusOutlined,
  SignatureOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/case/labels.tsx';
import { useClient } from '../../components/session.tsx';
import { MediationDialog } from './MediationDialog.tsx';
import {
  type AgreementView,
  agreementPdfUrl,
  beijingToday,
  beijingWallClock,
  fromBeijing,
  lines,
  type MediationDetail,
  mediationPath,
  optionalText,
} from './mediation-data.ts';

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
  const close = () => setOpen(null);
  const common = { detail, onClose: close, onDone, onStale };
  return (
    <Flex vertical gap={12}>
      {can.agreement && !hasDraft && (
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

interface EditorValues {
  form: 'written' | 'oral';
  facts: string;
  issues: string;
  responsibilities: string;
  terms: string;
  performanceMethod: string;
  performanceDueOn: dayjs.Dayjs;
  concludedOn: dayjs.Dayjs;
  place?: string;
}

interface DialogProps extends Props {
  onClose: () => void;
}

/**
 * The agreement editor: a new draft (empty, or a copy of the signed agreement it will supersede) or
 * the edit of a draft. Lists are typed one item a line.
 */
export function AgreementEditor({
  detail,
  from,
  supersedes,
  editing,
  onClose,
  onDone,
  onStale,
}: DialogProps & { from?: AgreementView; supersedes?: AgreementView; editing?: AgreementView }) {
  const { t } = useTranslation('mediation');
  const client = useClient();
  const title = editing
    ? t('agreement.editTitle', { seq: editing.seq })
    : supersedes
      ? t('agreement.supersedeTitle', { seq: supersedes.seq })
      : t('agreement.new');
  return (
    <MediationDialog<EditorValues, MediationDetail>
      title={title}
      width={720}
      doneText={t(editing ? 'done.agreementEdit' : 'done.agreementDraft')}
      fields={[
        'form',
        'facts',
        'issues',
        'responsibilities',
        'terms',
        'performanceMethod',
        'performanceDueOn',
        'concludedOn',
        'place',
        'supersedesId',
      ]}
      initialValues={{
        form: from?.form ?? 'written',
        facts: from?.facts ?? detail.facts,
        issues: from?.issues.join('\n') ?? '',
        responsibilities: from?.responsibilities.join('\n') ?? '',
        terms: from?.terms.join('\n') ?? '',
        performanceMethod: from?.performanceMethod ?? '',
        performanceDueOn: from ? dayjs(from.performanceDueOn) : undefined,
        concludedOn: editing ? dayjs(editing.concludedOn) : dayjs(beijingToday()),
        place: from?.place ?? detail.leadUnit.nameZh,
      }}
      onClose={onClose}
      onDone={onDone}
      onStale={onStale}
      send={(v) => {
        const body = {
          form: v.form,
          facts: v.facts.trim(),
          issues: lines(v.issues),
          responsibilities: lines(v.responsibilities),
          terms: lines(v.terms),
          performanceMethod: v.performanceMethod.trim(),
          performanceDueOn: v.performanceDueOn.format('YYYY-MM-DD'),
          concludedOn: v.concludedOn.format('YYYY-MM-DD'),
          place: optionalText(v.place),
          version: detail.version,
        };
        return editing
          ? client.post<MediationDetail>(mediationPath(detail.id, `/agreements/${editing.id}`), body)
          : client.post<MediationDetail>(mediationPath(detail.id, '/agreements'), {
              ...body,
              supersedesId: supersedes?.id,
            });
      }}
    >
      {supersedes && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('agreement.supersedeHint')} />
      )}
      <Form.Item name="form" label={t('agreement.formLabel')}>
        <Radio.Group>
          <Radio.Button value="written">{t('agreement.form.written')}</Radio.Button>
          <Radio.Button value="oral">{t('agreement.form.oral')}</Radio.Button>
        </Radio.Group>
      </Form.Item>
      <Required name="facts" label={t('agreement.facts')} rows={4} max={4000} />
      <Required name="issues" label={t('agreement.issues')} rows={3} extra={t('forms.onePerLine')} />
      <Required
        name="responsibilities"
        label={t('agreement.responsibilities')}
        rows={3}
        extra={t('forms.onePerLine')}
      />
      <Required name="terms" label={t('agreement.terms')} rows={4} extra={t('forms.onePerLine')} />
      <Required name="performanceMethod" label={t('agreement.performanceMethod')} rows={2} max={2000} />
      <Space wrap size={16}>
        <Form.Item
          name="performanceDueOn"
          label={t('agreement.performanceDueOn')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <DatePicker format="YYYY-MM-DD" aria-label={t('agreement.performanceDueOn')} />
        </Form.Item>
        <Form.Item
          name="concludedOn"
          label={t('agreement.concludedOn')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <DatePicker format="YYYY-MM-DD" aria-label={t('agreement.concludedOn')} />
        </Form.Item>
      </Space>
      <Form.Item name="place" label={t('agreement.place')}>
        <Input maxLength={200} />
      </Form.Item>
    </MediationDialog>
  );
}

function Required({
  name,
  label,
  rows,
  max,
  extra,
}: {
  name: string;
  label: string;
  rows: number;
  max?: number;
  extra?: string;
}) {
  const { t } = useTranslation('mediation');
  return (
    <Form.Item
      name={name}
      label={label}
      extra={extra}
      rules={[{ required: true, whitespace: true, message: t('form.required') }]}
    >
      <Input.TextArea rows={rows} maxLength={max} showCount={max !== undefined} />
    </Form.Item>
  );
}

interface SignValues {
  followups?: { dueOn?: dayjs.Dayjs; what?: string }[];
}

function SignDialog({
  detail,
  agreement,
  onClose,
  onDone,
  onStale,
}: DialogProps & { agreement: AgreementView }) {
  const { t } = useTranslation('mediation');
  const client = useClient();
  return (
    <MediationDialog<SignValues, MediationDetail>
      title={t('agreement.signTitle', { seq: agreement.seq })}
      okText={t('agreement.sign')}
      width={640}
      doneText={t('done.agreementSign')}
      fields={['followups']}
      initialValues={{ followups: [{ dueOn: dayjs(agreement.performanceDueOn), what: '' }] }}
      onClose={onClose}
      onDone={onDone}
      onStale={onStale}
      send={(v) =>
        client.post<MediationDetail>(mediationPath(detail.id, `/agreements/${agreement.id}/sign`), {
          version: detail.version,
          followups: (v.followups ?? []).flatMap((f) =>
            f.dueOn && optionalText(f.what)
              ? [{ dueOn: f.dueOn.format('YYYY-MM-DD'), what: (f.what as string).trim() }]
              : [],
          ),
        })
      }
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('agreement.signHint')} />
      <Typography.Text strong>{t('followup.schedule')}</Typography.Text>
      <Form.List name="followups">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="baseline" wrap style={{ display: 'flex', marginTop: 8 }}>
                <Form.Item name={[f.name, 'dueOn']} noStyle>
                  <DatePicker format="YYYY-MM-DD" aria-label={t('followup.dueOn', { n: i + 1 })} />
                </Form.Item>
                <Form.Item name={[f.name, 'what']} noStyle>
                  <Input
                    placeholder={t('followup.what')}
                    aria-label={t('followup.whatOf', { n: i + 1 })}
                    maxLength={1000}
                    style={{ width: 320 }}
                  />
                </Form.Item>
                <Button type="link" onClick={() => remove(f.name)}>
                  {t('followup.remove')}
                </Button>
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginTop: 8 }}>
              {t('followup.add')}
            </Button>
          </>
        )}
      </Form.List>
    </MediationDialog>
  );
}

interface ConfirmationValues {
  court: string;
  appliedAt: dayjs.Dayjs;
  answer?: 'confirmed' | 'rejected';
  answeredAt?: dayjs.Dayjs;
  reference?: string;
  note?: string;
}

function ConfirmationDialog({
  detail,
  agreement,
  onClose,
  onDone,
  onStale,
}: DialogProps & { agreement: AgreementView }) {
  const { t } = useTranslation('mediation');
  const client = useClient();
  const c = agreement.confirmation;
  return (
    <MediationDialog<ConfirmationValues, MediationDetail>
      title={t('confirmation.title')}
      doneText={t('done.confirmation')}
      fields={['court', 'appliedAt', 'answer', 'answeredAt', 'reference', 'note']}
      initialValues={{
        court: c?.court ?? '',
        appliedAt: dayjs(c ? beijingWallClock(new Date(c.appliedAt)) : beijingWallClock()),
        reference: c?.reference ?? undefined,
      }}
      onClose={onClose}
      onDone={onDone}
      onStale={onStale}
      send={(v) =>
        client.post<MediationDetail>(mediationPath(detail.id, `/agreements/${agreement.id}/confirmation`), {
          version: detail.version,
          court: v.court.trim(),
          appliedAt: fromBeijing(v.appliedAt.format('YYYY-MM-DDTHH:mm')),
          answer: v.answer,
          answeredAt:
            v.answer && v.answeredAt ? fromBeijing(v.answeredAt.format('YYYY-MM-DDTHH:mm')) : undefined,
          reference: optionalText(v.reference),
          note: optionalText(v.note),
        })
      }
    >
      <Form.Item
        name="court"
        label={t('confirmation.court')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        name="appliedAt"
        label={t('confirmation.appliedAt')}
        extra={t('forms.beijingTime')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
      </Form.Item>
      <Form.Item name="answer" label={t('confirmation.answer')}>
        <Select
          allowClear
          aria-label={t('confirmation.answer')}
          placeholder={t('confirmation.answers.pending')}
          options={(['confirmed', 'rejected'] as const).map((a) => ({
            value: a,
            label: t(`confirmation.answers.${a}`),
          }))}
        />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.answer !== b.answer}>
        {({ getFieldValue }) =>
          getFieldValue('answer') ? (
            <Form.Item
              name="answeredAt"
              label={t('confirmation.answeredAt')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
            </Form.Item>
          ) : null
        }
      </Form.Item>
      <Form.Item name="reference" label={t('confirmation.reference')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="note" label={t('confirmation.note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </MediationDialog>
  );
}

function FollowupDialog({
  detail,
  followupId,
  onClose,
  onDone,
  onStale,
}: DialogProps & { agreement: AgreementView; followupId: number }) {
  const { t } = useTranslation('mediation');
  const client = useClient();
  return (
    <MediationDialog<
      { method: string; result: 'performed' | 'partly_performed' | 'not_performed'; note: string },
      MediationDetail
    >
      title={t('followup.record')}
      doneText={t('done.followup')}
      fields={['method', 'result', 'note']}
      initialValues={{ result: 'performed' }}
      onClose={onClose}
      onDone={onDone}
      onStale={onStale}
      send={(v) =>
        client.post<MediationDetail>(mediationPath(detail.id, `/followups/${followupId}`), {
          version: detail.version,
          method: v.method.trim(),
          result: v.result,
          note: v.note.trim(),
        })
      }
    >
      <Form.Item
        name="method"
        label={t('followup.method')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input maxLength={50} placeholder={t('followup.methodHint')} />
      </Form.Item>
      <Form.Item name="result" label={t('followup.result')} rules={[{ required: true }]}>
        <Radio.Group>
          {(['performed', 'partly_performed', 'not_performed'] as const).map((r) => (
            <Radio.Button key={r} value={r}>
              {t(`followup.results.${r}`)}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="note"
        label={t('followup.note')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </MediationDialog>
  );
}
