import {
  AuditOutlined,
  CheckCircleOutlined,
  FileSearchOutlined,
  FlagOutlined,
  StopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Alert, Button, Checkbox, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ok } from '../../api/http.ts';
import { unitName } from '../../components/case/labels.tsx';
import { useClient } from '../../components/session.tsx';
import { useReference } from '../case/case-data.ts';
import { MediationDialog } from './MediationDialog.tsx';
import { mediationUnits } from './MediationListPage.tsx';
import {
  beijingWallClock,
  fromBeijing,
  lines,
  type MediationAbility,
  type MediationDetail,
  type MediatorList,
  mediationPath,
  OTHER_ROUTES,
  type OtherRoute,
  optionalText,
} from './mediation-data.ts';

type ActionId = 'accept' | 'refuse' | 'assign' | 'session' | 'investigation' | 'outcome';

const ACTIONS: { id: ActionId; ability: MediationAbility; icon: ReactNode }[] = [
  { id: 'accept', ability: 'accept', icon: <CheckCircleOutlined /> },
  { id: 'session', ability: 'record', icon: <TeamOutlined /> },
  { id: 'investigation', ability: 'record', icon: <FileSearchOutlined /> },
  { id: 'assign', ability: 'assign', icon: <AuditOutlined /> },
  { id: 'outcome', ability: 'outcome', icon: <FlagOutlined /> },
  { id: 'refuse', ability: 'refuse', icon: <StopOutlined /> },
];

interface Props {
  detail: MediationDetail;
  onDone: (next: MediationDetail) => Promise<void>;
  onStale: () => Promise<void>;
}

/** The action bar: one button per action the server allows now, each opening its form. */
export function MediationActions({ detail, onDone, onStale }: Props) {
  const { t } = useTranslation('mediation');
  const [open, setOpen] = useState<ActionId | null>(null);
  const allowed = ACTIONS.filter((a) => detail.abilities[a.ability]);
  if (allowed.length === 0) return null;
  const close = () => setOpen(null);
  const common = { detail, onClose: close, onDone, onStale };
  return (
    <>
      <Space wrap role="toolbar" aria-label={t('actions.title')}>
        {allowed.map((a, i) => (
          <Button
            key={a.id}
            icon={a.icon}
            type={i === 0 ? 'primary' : 'default'}
            danger={a.id === 'refuse'}
            onClick={() => setOpen(a.id)}
          >
            {t(`actions.${a.id}`)}
          </Button>
        ))}
      </Space>
      {open === 'accept' && <AcceptDialog {...common} />}
      {open === 'refuse' && <RefuseDialog {...common} />}
      {open === 'assign' && <AssignDialog {...common} />}
      {(open === 'session' || open === 'investigation') && <RecordDialog kind={open} {...common} />}
      {open === 'outcome' && <OutcomeDialog {...common} />}
    </>
  );
}

interface DialogProps extends Props {
  onClose: () => void;
}

const post = (client: ReturnType<typeof useClient>, detail: MediationDetail, path: string, body: object) =>
  client.post<MediationDetail>(mediationPath(detail.id, `/${path}`), { ...body, version: detail.version });

function AcceptDialog({ detail, onClose, onDone, onStale }: DialogProps) {
  const { t } = useTranslation('mediation');
  const client = useClient();
  return (
    <MediationDialog<{ note?: string }, MediationDetail>
      title={t('actions.accept')}
      doneText={t('done.accept')}
      fields={['note']}
      onClose={onClose}
      onDone={onDone}
      onStale={onStale}
      send={(v) => post(client, detail, 'accept', { note: optionalText(v.note) })}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t(detail.disputeType === 'labour' ? 'forms.accept.hintLabour' : 'forms.accept.hint')}
      />
      <Form.Item name="note" label={t('forms.note')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </MediationDialog>
  );
}

function RoutesField({ name, label }: { name: string; label: string }) {
  const { t } = useTranslation('mediation');
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('form.chooseRoutes') }]}>
      <Checkbox.Group options={OTHER_ROUTES.map((r) => ({ value: r, label: t(`route.${r}`) }))} />
    </Form.Item>
  );
}

function RefuseDialog({ detail, onClose, onDone, onStale }: DialogProps) {
  const { t } = useTranslation('mediation');
  const client = useClient();
  return (
    <MediationDialog<{ reason: string; otherRoutes: OtherRoute[] }, MediationDetail>
      title={t('actions.refuse')}
      danger
      doneText={t('done.refuse')}
      fields={['reason', 'otherRoutes']}
      onClose={onClose}
      onDone={onDone}
      onStale={onStale}
      send={(v) => post(client, detail, 'refuse', { reason: v.reason.trim(), otherRoutes: v.otherRoutes })}
    >
      <Form.Item
        name="reason"
        label={t('forms.refuse.reason')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
      <RoutesField name="otherRoutes" label={t('forms.routesTold')} />
    </MediationDialog>
  );
}

interface AssignValues {
  mediatorIds: number[];
  leadId: number;
  jointUnitIds: number[];
}

function AssignDialog({ detail, onClose, onDone, onStale }: DialogProps) {
  const { t, i18n } = useTranslation('mediation');
  const client = useClient();
  const mediators = useReference<MediatorList>('/api/mediation/mediators');
  const tree = useReference<Ok<'/api/org/tree'>>('/api/org/tree');
  const units = useMemo(
    () => mediationUnits(tree?.roots).filter((u) => u.id !== detail.leadUnit.id),
    [tree, detail.leadUnit.id],
  );
  const people = new Map<number, string>();
  for (const m of detail.mediators) people.set(m.userId, m.name);
  for (const m of mediators?.items ?? [])
    if (m.active) people.set(m.userId, `${m.name} · ${unitName(m.unit, i18n.language)}`);
  const options = [...people].map(([value, label]) => ({ value, label }));
  return (
    <MediationDialog<AssignValues, MediationDetail>
      title={t('actions.assign')}
      doneText={t('done.assign')}
      fields={['mediators', 'jointUnitIds']}
      initialValues={{
        mediatorIds: detail.mediators.map((m) => m.userId),
        leadId: detail.mediators.find((m) => m.lead)?.userId,
        jointUnitIds: detail.jointUnits.map((u) => u.id),
      }}
      onClose={onClose}
      onDone={onDone}
      onStale={onStale}
      send={(v) =>
        post(client, detail, 'assign', {
          mediators: v.mediatorIds.map((userId) => ({ userId, lead: userId === v.leadId })),
          jointUnitIds: v.jointUnitIds ?? [],
        })
      }
    >
      {(form) => <AssignFields form={form} options={options} units={units} language={i18n.language} />}
    </MediationDialog>
  );
}

function AssignFields({
  form,
  options,
  units,
  language,
}: {
  form: ReturnType<typeof Form.useForm<AssignValues>>[0];
  options: { value: number; label: string }[];
  units: ReturnType<typeof mediationUnits>;
  language: string;
}) {
  const { t } = useTranslation('mediation');
  const chosen = (Form.useWatch('mediatorIds', form) ?? []) as number[];
  return (
    <>
      <Form.Item
        name="mediatorIds"
        label={t('forms.assign.mediators')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Select
          mode="multiple"
          aria-label={t('forms.assign.mediators')}
          options={options}
          optionFilterProp="label"
        />
      </Form.Item>
      <Form.Item
        name="leadId"
        label={t('forms.assign.lead')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Radio.Group
          options={options
            .filter((o) => chosen.includes(o.value))
            .map((o) => ({ value: o.value, label: o.label }))}
        />
      </Form.Item>
      <Form.Item name="jointUnitIds" label={t('forms.assign.jointUnits')} extra={t('forms.assign.jointHint')}>
        <Select
          mode="multiple"
          aria-label={t('forms.assign.jointUnits')}
          optionFilterProp="label"
          options={units.map((u) => ({ value: u.id, label: unitName(u, language) }))}
        />
      </Form.Item>
    </>
  );
}

interface RecordValues {
  heldAt: dayjs.Dayjs;
  place: string;
  attendees?: string;
  subject?: string;
  record: string;
}

function RecordDialog({
  kind,
  detail,
  onClose,
  onDone,
  onStale,
}: DialogProps & { kind: 'session' | 'investigation' }) {
  const { t } = useTranslation('mediation');
  const client = useClient();
  return (
    <MediationDialog<RecordValues, MediationDetail>
      title={t(`actions.${kind}`)}
      width={640}
      doneText={t(`done.${kind}`)}
      fields={['heldAt', 'place', 'attendees', 'subject', 'record']}
      initialValues={{ heldAt: dayjs(beijingWallClock()), place: unitNameOf(detail) }}
      onClose={onClose}
      onDone={onDone}
      onStale={onStale}
      send={(v) =>
        post(client, detail, 'records', {
          kind,
          heldAt: fromBeijing(v.heldAt.format('YYYY-MM-DDTHH:mm')),
          place: v.place.trim(),
          attendees: lines(v.attendees),
          subject: kind === 'investigation' ? optionalText(v.subject) : undefined,
          record: v.record.trim(),
        })
      }
    >
      <Form.Item
        name="heldAt"
        label={t('forms.record.heldAt')}
        extra={t('forms.beijingTime')}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
      </Form.Item>
      <Form.Item
        name="place"
        label={t('forms.record.place')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      {kind === 'investigation' && (
        <Form.Item name="subject" label={t('forms.record.subject')}>
          <Input maxLength={200} />
        </Form.Item>
      )}
      <Form.Item name="attendees" label={t('forms.record.attendees')} extra={t('forms.onePerLine')}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item
        name="record"
        label={t('forms.record.record')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input.TextArea rows={6} maxLength={8000} showCount />
      </Form.Item>
    </MediationDialog>
  );
}

function unitNameOf(detail: MediationDetail): string {
  return detail.leadUnit.nameZh;
}

interface OutcomeValues {
  outcome: 'agreed' | 'failed' | 'withdrawn';
  note: string;
  otherRoutes?: OtherRoute[];
}

function OutcomeDialog({ detail, onClose, onDone, onStale }: DialogProps) {
  const { t } = useTranslation('mediation');
  const client = useClient();
  const signed = detail.agreements.some((a) => a.status === 'signed');
  const mediating = detail.status === 'accepted' || detail.status === 'in_progress';
  return (
    <MediationDialog<OutcomeValues, MediationDetail>
      title={t('actions.outcome')}
      doneText={t('done.outcome')}
      fields={['outcome', 'note', 'otherRoutes']}
      initialValues={{ outcome: signed ? 'agreed' : mediating ? 'failed' : 'withdrawn' }}
      onClose={onClose}
      onDone={onDone}
      onStale={onStale}
      send={(v) =>
        post(client, detail, 'outcome', {
          outcome: v.outcome,
          note: v.note.trim(),
          otherRoutes: v.outcome === 'failed' ? v.otherRoutes : undefined,
        })
      }
    >
      {(form) => <OutcomeFields form={form} signed={signed} mediating={mediating} detail={detail} />}
    </MediationDialog>
  );
}

function OutcomeFields({
  form,
  signed,
  mediating,
  detail,
}: {
  form: ReturnType<typeof Form.useForm<OutcomeValues>>[0];
  signed: boolean;
  mediating: boolean;
  detail: MediationDetail;
}) {
  const { t } = useTranslation('mediation');
  const outcome = Form.useWatch('outcome', form);
  return (
    <>
      <Form.Item name="outcome" label={t('forms.outcome.outcome')} rules={[{ required: true }]}>
        <Radio.Group>
          <Radio.Button value="agreed" disabled={!signed}>
            {t('status.agreed')}
          </Radio.Button>
          <Radio.Button value="failed" disabled={!mediating}>
            {t('status.failed')}
          </Radio.Button>
          <Radio.Button value="withdrawn">{t('status.withdrawn')}</Radio.Button>
        </Radio.Group>
      </Form.Item>
      {!signed && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('forms.outcome.needsAgreement')} />
      )}
      {outcome === 'failed' && <RoutesField name="otherRoutes" label={t('forms.routesTold')} />}
      <Form.Item
        name="note"
        label={t('forms.outcome.note')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input.TextArea rows={4} maxLength={4000} showCount />
      </Form.Item>
      {detail.sourceCase && (
        <Alert
          type="info"
          showIcon
          title={t('forms.outcome.sourceCase', { no: detail.sourceCase.trackingNo ?? detail.sourceCase.id })}
        />
      )}
    </>
  );
}
