import { InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime, UnitName } from '../../components/case/labels.tsx';
import { type ActionForm, optionalText, postAction } from './action-types.ts';
import { type CaseDetail, casePath } from './case-data.ts';

/** A text area with a counter; required ones refuse blank text. */
function TextField({
  name,
  label,
  max,
  required = false,
  placeholder,
  rows = 4,
}: {
  name: string;
  label: string;
  max: number;
  required?: boolean;
  placeholder?: string;
  rows?: number;
}) {
  const { t } = useTranslation('case');
  return (
    <Form.Item
      name={name}
      label={label}
      rules={required ? [{ required: true, whitespace: true, message: t('form.enter', { label }) }] : []}
    >
      <Input.TextArea rows={rows} maxLength={max} showCount placeholder={placeholder} />
    </Form.Item>
  );
}

function Hint({ children, type = 'info' }: { children: ReactNode; type?: 'info' | 'warning' }) {
  return <Alert type={type} showIcon title={children} style={{ marginBottom: 16 }} />;
}

export const signForm: ActionForm<{ note?: string }> = {
  fields: ['note'],
  Fields: ({ detail }) => {
    const { t } = useTranslation('case');
    return (
      <>
        <Hint>
          {t('forms.sign.hint')} {detail.signDueAt && <DateTime value={detail.signDueAt} />}
        </Hint>
        <TextField name="note" label={t('forms.noteLabel')} max={1000} rows={2} />
      </>
    );
  },
  send: ({ client, detail, values }) =>
    postAction(client, detail, 'sign', { note: optionalText(values.note) }),
};

export const returnForm: ActionForm<{ reason: string }> = {
  fields: ['reason'],
  danger: true,
  Fields: () => {
    const { t } = useTranslation('case');
    return (
      <>
        <Hint type="warning">{t('forms.return.hint')}</Hint>
        <TextField
          name="reason"
          label={t('forms.return.reason')}
          placeholder={t('forms.return.placeholder')}
          max={1000}
          required
        />
      </>
    );
  },
  send: ({ client, detail, values }) =>
    postAction(client, detail, 'return', { reason: values.reason.trim() }),
};

export const reportPartForm: ActionForm<{ text: string }> = {
  fields: ['text'],
  Fields: () => {
    const { t } = useTranslation('case');
    return (
      <>
        <Hint>{t('forms.reportPart.hint')}</Hint>
        <TextField name="text" label={t('forms.reportPart.text')} max={4000} required rows={5} />
      </>
    );
  },
  send: ({ client, detail, values }) => postAction(client, detail, 'report', { text: values.text.trim() }),
};

const OUTCOMES = ['solved', 'explained', 'not_solvable'] as const;

/** The co-units of the current round that have not reported their part: the lead cannot resolve yet. */
export function coUnitsWaiting(detail: CaseDetail) {
  const round = Math.max(0, ...detail.assignments.map((a) => a.round));
  return detail.assignments.filter(
    (a) => a.round === round && a.role === 'co' && (a.state === 'dispatched' || a.state === 'accepted'),
  );
}

interface ResolveValues {
  outcome: (typeof OUTCOMES)[number];
  text: string;
  reason?: string;
  files?: UploadFile[];
}

export const resolveForm: ActionForm<ResolveValues> = {
  fields: ['outcome', 'text', 'reason'],
  width: 640,
  initialValues: () => ({ outcome: 'solved', files: [] }),
  Fields: ({ detail, form }) => {
    const { t } = useTranslation(['case', 'common']);
    const outcome = Form.useWatch('outcome', form);
    const waiting = coUnitsWaiting(detail);
    return (
      <>
        {waiting.length > 0 && (
          <Hint type="warning">
            {t('forms.resolve.coWaiting')}
            {waiting.map((a, i) => (
              <span key={a.id}>
                {i > 0 ? t('listSeparator') : ' '}
                <UnitName unit={a.unit} />
              </span>
            ))}
          </Hint>
        )}
        <Form.Item
          name="outcome"
          label={t('forms.resolve.outcome')}
          rules={[{ required: true, message: t('form.choose', { label: t('forms.resolve.outcome') }) }]}
        >
          <Radio.Group>
            {OUTCOMES.map((o) => (
              <Radio.Button key={o} value={o}>
                {t(`common:outcome.${o}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <TextField
          name="text"
          label={t('forms.resolve.text')}
          placeholder={t('forms.resolve.placeholder')}
          max={4000}
          required
          rows={5}
        />
        {outcome && outcome !== 'solved' && (
          <TextField
            name="reason"
            label={t(
              outcome === 'explained' ? 'forms.resolve.explainedReason' : 'forms.resolve.notSolvableReason',
            )}
            max={1000}
            required
            rows={2}
          />
        )}
        <Form.Item
          name="files"
          label={t('forms.resolve.files')}
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
          extra={t('attachments.types')}
        >
          <Upload.Dragger multiple beforeUpload={() => false} accept={ATTACHMENT_TYPES} maxCount={6}>
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('forms.resolve.drop')}</p>
          </Upload.Dragger>
        </Form.Item>
      </>
    );
  },
  send: async ({ client, detail, values, form, progressed }) => {
    let current = detail;
    const files = (values.files ?? []).flatMap((f) => (f.originFileObj ? [f.originFileObj as File] : []));
    if (files.length > 0) {
      // The files are kept first (the upload moves the case's version on): a failed resolve does not upload them twice.
      current = await client.upload<CaseDetail>(casePath(detail.id, '/attachments'), files);
      form.setFieldValue('files', []);
      progressed(current);
    }
    return postAction(client, current, 'resolve', {
      outcome: values.outcome,
      text: values.text.trim(),
      reason: values.outcome === 'solved' ? undefined : optionalText(values.reason),
    });
  },
};

/** What the attachment endpoint takes: photos and PDF. */
export const ATTACHMENT_TYPES = 'image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf';

export const requestExtensionForm: ActionForm<{ days: number; reason: string }> = {
  fields: ['days', 'reason'],
  Fields: ({ detail }) => {
    const { t } = useTranslation('case');
    return (
      <>
        <Hint>
          {t('forms.requestExtension.hint')} <DateTime value={detail.resolveDueAt} />
        </Hint>
        <Form.Item
          name="days"
          label={t('forms.requestExtension.days')}
          rules={[{ required: true, message: t('form.enter', { label: t('forms.requestExtension.days') }) }]}
        >
          <InputNumber
            min={1}
            max={60}
            precision={0}
            suffix={t('forms.workingDays')}
            style={{ width: 180 }}
          />
        </Form.Item>
        <TextField name="reason" label={t('forms.requestExtension.reason')} max={1000} required />
      </>
    );
  },
  send: ({ client, detail, values }) =>
    postAction(client, detail, 'extensions', { days: values.days, reason: values.reason.trim() }),
};

/** The extension request waiting for a decision, if any. */
export function pendingExtension(detail: CaseDetail) {
  return detail.extensions.find((x) => x.state === 'pending') ?? null;
}

interface DecisionValues {
  approve: boolean;
  days?: number;
  note?: string;
}

export const decideExtensionForm: ActionForm<DecisionValues> = {
  fields: ['approve', 'days', 'note'],
  initialValues: (detail) => ({ approve: true, days: pendingExtension(detail)?.days }),
  Fields: ({ detail, form }) => {
    const { t } = useTranslation(['case', 'common']);
    const approve = Form.useWatch('approve', form);
    const ext = pendingExtension(detail);
    if (!ext) return <Alert type="info" title={t('forms.decideExtension.none')} />;
    return (
      <>
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('common:field.unit')}>
            <UnitName unit={ext.unit} />
          </Descriptions.Item>
          <Descriptions.Item label={t('forms.decideExtension.asked')}>
            {t('daysCount', { count: ext.days })}
          </Descriptions.Item>
          <Descriptions.Item label={t('forms.requestExtension.reason')}>
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{ext.reason}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('forms.decideExtension.requestedAt')}>
            <DateTime value={ext.requestedAt} />
          </Descriptions.Item>
          <Descriptions.Item label={t('forms.decideExtension.dueNow')}>
            <DateTime value={detail.resolveDueAt} />
          </Descriptions.Item>
        </Descriptions>
        <Form.Item name="approve" label={t('forms.decideExtension.decision')} rules={[{ required: true }]}>
          <Radio.Group>
            <Radio.Button value={true}>{t('forms.decideExtension.approve')}</Radio.Button>
            <Radio.Button value={false}>{t('forms.decideExtension.reject')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        {approve && (
          <Form.Item
            name="days"
            label={t('forms.decideExtension.days')}
            extra={t('forms.decideExtension.daysHint', { count: ext.days })}
            rules={[{ required: true, message: t('form.enter', { label: t('forms.decideExtension.days') }) }]}
          >
            <InputNumber
              min={1}
              max={ext.days}
              precision={0}
              suffix={t('forms.workingDays')}
              style={{ width: 180 }}
            />
          </Form.Item>
        )}
        <TextField
          name="note"
          label={t('forms.decideExtension.note')}
          max={1000}
          rows={2}
          required={approve === false}
        />
      </>
    );
  },
  send: ({ client, detail, values }) => {
    const ext = pendingExtension(detail);
    return postAction(client, detail, `extensions/${ext?.id ?? 0}/decision`, {
      approve: values.approve,
      days: values.approve ? values.days : undefined,
      note: optionalText(values.note),
    });
  },
};

const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;

interface CallbackValues {
  answered: boolean;
  solved?: boolean;
  rating?: (typeof RATINGS)[number];
  comment?: string;
}

export const callbackForm: ActionForm<CallbackValues> = {
  fields: ['answered', 'solved', 'rating', 'comment'],
  width: 600,
  initialValues: () => ({ answered: true }),
  Fields: ({ detail, form }) => {
    const { t } = useTranslation(['case', 'common']);
    const answered = Form.useWatch('answered', form);
    const solved = Form.useWatch('solved', form);
    const rating = Form.useWatch('rating', form);
    const reopens = answered && solved === false && rating === 'dissatisfied';
    return (
      <>
        {detail.resolution && (
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('header.outcome')}>
              {detail.outcome ? t(`common:outcome.${detail.outcome as (typeof OUTCOMES)[number]}`) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('header.resolution')}>
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{detail.resolution}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        )}
        <Form.Item name="answered" label={t('forms.callback.answered')} rules={[{ required: true }]}>
          <Radio.Group>
            <Radio.Button value={true}>{t('forms.callback.reached')}</Radio.Button>
            <Radio.Button value={false}>{t('forms.callback.notReached')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        {answered === false && <Hint>{t('forms.callback.notReachedHint')}</Hint>}
        {answered && (
          <>
            <Form.Item
              name="solved"
              label={t('forms.callback.solved')}
              rules={[{ required: true, message: t('form.choose', { label: t('forms.callback.solved') }) }]}
            >
              <Radio.Group>
                <Radio.Button value={true}>{t('forms.callback.solvedYes')}</Radio.Button>
                <Radio.Button value={false}>{t('forms.callback.solvedNo')}</Radio.Button>
              </Radio.Group>
            </Form.Item>
            <Form.Item
              name="rating"
              label={t('forms.callback.rating')}
              rules={[{ required: true, message: t('form.choose', { label: t('forms.callback.rating') }) }]}
            >
              <Radio.Group>
                {RATINGS.map((r) => (
                  <Radio.Button key={r} value={r}>
                    {t(`common:rating.${r}`)}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            <Hint type={reopens ? 'warning' : 'info'}>
              {reopens ? t('forms.callback.willReopen') : t('forms.callback.reopenRule')}
            </Hint>
          </>
        )}
        <TextField name="comment" label={t('forms.callback.comment')} max={1000} rows={3} />
      </>
    );
  },
  send: ({ client, detail, values }) =>
    postAction(client, detail, 'callback', {
      answered: values.answered,
      solved: values.answered ? values.solved : undefined,
      rating: values.answered ? values.rating : undefined,
      comment: optionalText(values.comment),
    }),
};

export const superviseForm: ActionForm<{ comment: string; escalate?: boolean }> = {
  fields: ['comment', 'escalate'],
  initialValues: () => ({ escalate: false }),
  Fields: ({ detail }) => {
    const { t } = useTranslation('case');
    return (
      <>
        <Hint>{t('forms.supervise.hint')}</Hint>
        <TextField name="comment" label={t('forms.supervise.comment')} max={1000} required />
        <Form.Item
          name="escalate"
          valuePropName="checked"
          extra={detail.escalationLevel >= 2 ? t('forms.supervise.alreadyEscalated') : undefined}
        >
          <Checkbox>{t('forms.supervise.escalate')}</Checkbox>
        </Form.Item>
      </>
    );
  },
  send: ({ client, detail, values }) =>
    postAction(client, detail, 'supervise', { comment: values.comment.trim(), escalate: !!values.escalate }),
};

export const withdrawForm: ActionForm<{ reason: string }> = {
  fields: ['reason'],
  danger: true,
  Fields: () => {
    const { t } = useTranslation('case');
    return (
      <>
        <Hint type="warning">{t('forms.withdraw.hint')}</Hint>
        <TextField name="reason" label={t('forms.withdraw.reason')} max={1000} required />
      </>
    );
  },
  send: ({ client, detail, values }) =>
    postAction(client, detail, 'withdraw', { reason: values.reason.trim() }),
};

export const noteForm: ActionForm<{ text: string }> = {
  fields: ['text'],
  Fields: () => {
    const { t } = useTranslation('case');
    return (
      <>
        <Hint>{t('forms.note.hint')}</Hint>
        <TextField name="text" label={t('forms.note.text')} max={2000} required />
      </>
    );
  },
  send: ({ client, detail, values }) =>
    postAction(client, detail, 'notes', { kind: 'note', text: values.text.trim() }),
};

const VIAS = ['phone', 'sms', 'visit', 'other'] as const;

export const contactForm: ActionForm<{ via: (typeof VIAS)[number]; text: string }> = {
  fields: ['via', 'text'],
  initialValues: () => ({ via: 'phone' }),
  Fields: () => {
    const { t } = useTranslation('case');
    return (
      <>
        <Form.Item name="via" label={t('forms.contact.via')} rules={[{ required: true }]}>
          <Radio.Group>
            {VIAS.map((v) => (
              <Radio.Button key={v} value={v}>
                {t(`via.${v}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <TextField
          name="text"
          label={t('forms.contact.text')}
          placeholder={t('forms.contact.placeholder')}
          max={2000}
          required
        />
      </>
    );
  },
  send: ({ client, detail, values }) =>
    postAction(client, detail, 'notes', { kind: 'contact', via: values.via, text: values.text.trim() }),
};

export const answerForm: ActionForm<{ text: string }> = {
  fields: ['text'],
  Fields: () => {
    const { t } = useTranslation('case');
    return (
      <>
        <Hint>{t('forms.answer.hint')}</Hint>
        <TextField name="text" label={t('forms.answer.text')} max={2000} required rows={5} />
      </>
    );
  },
  send: ({ client, detail, values }) => postAction(client, detail, 'answer', { text: values.text.trim() }),
};
