import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CommentOutlined,
  EditOutlined,
  FlagOutlined,
  MergeCellsOutlined,
  PhoneOutlined,
  RollbackOutlined,
  SendOutlined,
  SignatureOutlined,
  SolutionOutlined,
  StopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Form, Modal, Space } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/workbench.ts';
import { useClient } from '../../components/session.tsx';
import {
  answerForm,
  callbackForm,
  contactForm,
  decideExtensionForm,
  noteForm,
  reportPartForm,
  requestExtensionForm,
  resolveForm,
  returnForm,
  signForm,
  superviseForm,
  withdrawForm,
} from './action-forms.tsx';
import type { ActionForm, ActionId } from './action-types.ts';
import type { CaseAction, CaseDetail } from './case-data.ts';
import { dispatchForm } from './DispatchForm.tsx';
import { mergeForm } from './MergeForm.tsx';

interface ActionEntry {
  id: ActionId;
  /** The ability the server must have granted for the button to show. */
  ability: CaseAction;
  icon: ReactNode;
  form: ActionForm<never>;
}

const entry = <V,>(id: ActionId, ability: CaseAction, icon: ReactNode, form: ActionForm<V>): ActionEntry => ({
  id,
  ability,
  icon,
  form: form as unknown as ActionForm<never>,
});

/** Every action, in the order the bar shows them: the work of the moment first, the rarer ones last. */
const ACTIONS: ActionEntry[] = [
  entry('sign', 'sign', <SignatureOutlined />, signForm),
  entry('dispatch', 'dispatch', <SendOutlined />, dispatchForm),
  entry('decideExtension', 'decideExtension', <ClockCircleOutlined />, decideExtensionForm),
  entry('resolve', 'resolve', <CheckCircleOutlined />, resolveForm),
  entry('reportPart', 'reportPart', <TeamOutlined />, reportPartForm),
  entry('callback', 'callback', <PhoneOutlined />, callbackForm),
  entry('answer', 'answer', <SolutionOutlined />, answerForm),
  entry('requestExtension', 'requestExtension', <ClockCircleOutlined />, requestExtensionForm),
  entry('return', 'return', <RollbackOutlined />, returnForm),
  entry('merge', 'merge', <MergeCellsOutlined />, mergeForm),
  entry('supervise', 'supervise', <FlagOutlined />, superviseForm),
  entry('note', 'note', <EditOutlined />, noteForm),
  entry('contact', 'note', <CommentOutlined />, contactForm),
  entry('withdraw', 'withdraw', <StopOutlined />, withdrawForm),
];

/** The actions that move a case along; the first of them the user may take is the primary button. */
const MAIN: ActionId[] = [
  'sign',
  'dispatch',
  'decideExtension',
  'resolve',
  'reportPart',
  'callback',
  'answer',
];

/** The actions the server allows this user on this case now; the page never guesses. */
export function allowedActions(detail: CaseDetail): ActionId[] {
  return ACTIONS.filter((a) => detail.abilities[a.ability]).map((a) => a.id);
}

/**
 * The action bar: one button per action the server allows, each opening its form. Every action sends
 * the version the user saw; when someone else changed the case meanwhile (409) the case is reloaded
 * and the user told, and field errors go under their fields.
 */
export function CaseActions({
  detail,
  onDone,
  onStale,
}: {
  detail: CaseDetail;
  /** The action went through: the case as it now is. */
  onDone: (next: CaseDetail) => Promise<void>;
  /** The case changed or vanished under the user: reload it. */
  onStale: () => Promise<void>;
}) {
  const { t } = useTranslation('case');
  const [open, setOpen] = useState<ActionId | null>(null);
  const allowed = allowedActions(detail);
  const primary = MAIN.find((id) => allowed.includes(id));
  if (allowed.length === 0) return null;
  return (
    <>
      <Space wrap role="toolbar" aria-label={t('actions.title')}>
        {ACTIONS.filter((a) => allowed.includes(a.id)).map((a) => (
          <Button
            key={a.id}
            icon={a.icon}
            type={a.id === primary ? 'primary' : 'default'}
            danger={a.form.danger}
            onClick={() => setOpen(a.id)}
          >
            {t(`actions.${a.id}`)}
          </Button>
        ))}
      </Space>
      {open && (
        <ActionDialog
          key={open}
          action={open}
          detail={detail}
          onClose={() => setOpen(null)}
          onDone={onDone}
          onStale={onStale}
        />
      )}
    </>
  );
}

function ActionDialog({
  action,
  detail: initial,
  onClose,
  onDone,
  onStale,
}: {
  action: ActionId;
  detail: CaseDetail;
  onClose: () => void;
  onDone: (next: CaseDetail) => Promise<void>;
  onStale: () => Promise<void>;
}) {
  const { t } = useTranslation(['case', 'common']);
  const client = useClient();
  const { message } = App.useApp();
  const entry = ACTIONS.find((a) => a.id === action) as ActionEntry;
  const def = entry.form as unknown as ActionForm<Record<string, unknown>>;
  const [form] = Form.useForm<Record<string, unknown>>();
  // The case as this dialog last saw it: a step already done (files uploaded) moves its version on.
  const [detail, setDetail] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    let values: Record<string, unknown>;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const next = await def.send({ client, detail, values, form, progressed: setDetail });
      onClose();
      message.success(t(`done.${action}`));
      await onDone(next);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 409 || e.status === 404)) {
        // Someone else changed the case (or it is no longer ours to see): show it as it now is.
        onClose();
        message.warning(
          e.status === 404
            ? t('common:error.notFound')
            : e.code === 'case.conflict'
              ? t('common:error.conflict')
              : `${e.message} ${t('common:error.conflict')}`,
        );
        await onStale();
        return;
      }
      const byField = fieldErrors(e);
      const placed = Object.entries(byField).flatMap(([path, text]) => {
        const name = /^body\.([^.]+)/.exec(path)?.[1];
        return name && def.fields.includes(name) ? [{ name, errors: [text] }] : [];
      });
      form.setFields(placed);
      if (placed.length === 0 || placed.length < Object.keys(byField).length)
        setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t(`actions.${action}`)}
      okText={t('common:button.submit')}
      cancelText={t('common:button.cancel')}
      okButtonProps={{ danger: def.danger, loading: busy }}
      onOk={() => void submit()}
      onCancel={onClose}
      width={def.width ?? 520}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={def.initialValues?.(initial)}
        onFinish={() => void submit()}
        disabled={busy}
        aria-label={t(`actions.${action}`)}
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <def.Fields detail={detail} form={form} />
      </Form>
    </Modal>
  );
}
