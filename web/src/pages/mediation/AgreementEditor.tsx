import { Alert, DatePicker, Form, Input, Radio, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../components/session.tsx';
import type { AgreementDialogProps } from './agreement-types.ts';
import { MediationDialog } from './MediationDialog.tsx';
import {
  type AgreementView,
  beijingToday,
  lines,
  type MediationDetail,
  mediationPath,
  optionalText,
} from './mediation-data.ts';

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
}: AgreementDialogProps & { from?: AgreementView; supersedes?: AgreementView; editing?: AgreementView }) {
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
