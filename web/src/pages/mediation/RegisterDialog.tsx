import { Checkbox, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Ok } from '../../api/http.ts';
import { unitName } from '../../components/case/labels.tsx';
import { useClient, useSession } from '../../components/session.tsx';
import { MediationDialog } from './MediationDialog.tsx';
import { DISPUTE_TYPES, type DisputeType, type MediationDetail, optionalText } from './mediation-data.ts';
import {
  NEW_APPLICANT,
  NEW_RESPONDENT,
  PartiesFields,
  type PartyValues,
  partiesBody,
} from './PartiesFields.tsx';

type OrgTreeNode = Ok<'/api/org/tree'>['roots'][number];

interface RegisterValues {
  leadUnitId: number;
  disputeType: DisputeType;
  facts: string;
  claims: string;
  oralApplication: boolean;
  oralRecord?: string;
  parties: PartyValues[];
}

/** The dispute itself: type, facts and claims, shared by walk-in registration and opening from a case. */
export function DisputeFields({ factsRequired = true }: { factsRequired?: boolean }) {
  const { t } = useTranslation('mediation');
  return (
    <>
      <Form.Item
        name="disputeType"
        label={t('field.disputeType')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Select
          aria-label={t('field.disputeType')}
          options={DISPUTE_TYPES.map((d) => ({ value: d, label: t(`disputeType.${d}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="facts"
        label={t('field.facts')}
        rules={factsRequired ? [{ required: true, whitespace: true, message: t('form.required') }] : []}
      >
        <Input.TextArea rows={4} maxLength={4000} showCount />
      </Form.Item>
      <Form.Item
        name="claims"
        label={t('field.claims')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
    </>
  );
}

/** 登记调解: a walk-in (or oral) application at one of the user's mediation organisations. */
export function RegisterDialog({
  units,
  onClose,
  onDone,
}: {
  /** The mediation organisations known from the tree; the user's own among them may lead. */
  units: OrgTreeNode[];
  onClose: () => void;
  onDone: (m: MediationDetail) => void;
}) {
  const { t, i18n } = useTranslation('mediation');
  const client = useClient();
  const session = useSession();
  const known = new Set(units.map((u) => u.id));
  const mine = session.units.filter((u) => known.size === 0 || known.has(u.id));
  const choices = mine.length > 0 ? mine : session.units;
  return (
    <MediationDialog<RegisterValues, MediationDetail>
      title={t('register.title')}
      width={760}
      doneText={t('done.register')}
      fields={['leadUnitId', 'disputeType', 'facts', 'claims', 'oralRecord', 'parties']}
      initialValues={{
        leadUnitId: choices[0]?.id,
        oralApplication: false,
        parties: [NEW_APPLICANT, NEW_RESPONDENT],
      }}
      onClose={onClose}
      onDone={onDone}
      send={(v) =>
        client.post<MediationDetail>('/api/mediation', {
          leadUnitId: v.leadUnitId,
          channel: 'walk_in',
          disputeType: v.disputeType,
          facts: v.facts.trim(),
          claims: v.claims.trim(),
          oralApplication: v.oralApplication,
          oralRecord: v.oralApplication ? optionalText(v.oralRecord) : undefined,
          parties: partiesBody(v.parties),
        })
      }
    >
      {(form) => (
        <>
          <Form.Item
            name="leadUnitId"
            label={t('field.organisation')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select
              aria-label={t('field.organisation')}
              options={choices.map((u) => ({ value: u.id, label: unitName(u, i18n.language) }))}
            />
          </Form.Item>
          <PartiesFields />
          <DisputeFields />
          <Form.Item name="oralApplication" valuePropName="checked">
            <Checkbox>{t('register.oral')}</Checkbox>
          </Form.Item>
          <OralRecord form={form} />
        </>
      )}
    </MediationDialog>
  );
}

function OralRecord({ form }: { form: ReturnType<typeof Form.useForm<RegisterValues>>[0] }) {
  const { t } = useTranslation('mediation');
  const oral = Form.useWatch('oralApplication', form);
  if (!oral) return null;
  return (
    <Form.Item
      name="oralRecord"
      label={t('register.oralRecord')}
      extra={t('register.oralHint')}
      rules={[{ required: true, whitespace: true, message: t('form.required') }]}
    >
      <Input.TextArea rows={4} maxLength={4000} showCount />
    </Form.Item>
  );
}
