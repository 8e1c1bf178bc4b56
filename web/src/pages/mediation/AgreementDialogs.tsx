import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../components/session.tsx';
import type { AgreementDialogProps } from './agreement-types.ts';
import { MediationDialog } from './MediationDialog.tsx';
import {
  type AgreementView,
  beijingWallClock,
  fromBeijing,
  type MediationDetail,
  mediationPath,
  optionalText,
} from './mediation-data.ts';

interface SignValues {
  followups?: { dueOn?: dayjs.Dayjs; what?: string }[];
}

export function SignDialog({
  detail,
  agreement,
  onClose,
  onDone,
  onStale,
}: AgreementDialogProps & { agreement: AgreementView }) {
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

export function ConfirmationDialog({
  detail,
  agreement,
  onClose,
  onDone,
  onStale,
}: AgreementDialogProps & { agreement: AgreementView }) {
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

export function FollowupDialog({
  detail,
  followupId,
  onClose,
  onDone,
  onStale,
}: AgreementDialogProps & { agreement: AgreementView; followupId: number }) {
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
