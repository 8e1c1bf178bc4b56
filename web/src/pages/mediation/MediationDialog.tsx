import { Alert, App, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/workbench.ts';

/**
 * A form in a dialog that sends one mediation action. A 409 (someone else changed the case) or a 404
 * closes it and reloads; the server's field errors go under the fields of the same name (the first
 * segment of `body.<field>`), anything else above the form.
 */
export function MediationDialog<V extends object, R>({
  title,
  okText,
  initialValues,
  fields,
  send,
  onClose,
  onDone,
  onStale,
  doneText,
  width = 560,
  danger = false,
  children,
}: {
  title: string;
  okText?: string;
  initialValues?: Partial<V>;
  /** Body fields the server may name in an error that are fields of this form. */
  fields: string[];
  send: (values: V, form: FormInstance<V>) => Promise<R>;
  onClose: () => void;
  onDone: (result: R) => Promise<void> | void;
  onStale?: () => Promise<void>;
  doneText: string;
  width?: number;
  danger?: boolean;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
}) {
  const { t } = useTranslation(['mediation', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await send(values, form);
      onClose();
      message.success(doneText);
      await onDone(result);
    } catch (e) {
      // Someone else changed the case, or it is gone from view: show it as it now is. Other refusals
      // (an agreement still needed, a signed agreement) stay in the form, where the user can act on them.
      const stale =
        e instanceof ApiError &&
        (e.code === 'mediation.conflict' || e.code === 'mediation.invalid_state' || e.status === 404);
      if (onStale && stale) {
        onClose();
        message.warning(e.status === 404 ? t('common:error.notFound') : e.message);
        await onStale();
        return;
      }
      const byField = fieldErrors(e);
      const placed = Object.entries(byField).flatMap(([path, text]) => {
        const name = /^body\.([^.]+)/.exec(path)?.[1];
        return name && fields.includes(name) ? [{ name: name as never, errors: [text] }] : [];
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
      title={title}
      okText={okText ?? t('common:button.submit')}
      cancelText={t('common:button.cancel')}
      okButtonProps={{ danger, loading: busy }}
      onOk={() => void submit()}
      onCancel={onClose}
      width={width}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form form={form} layout="vertical" initialValues={initialValues} disabled={busy} aria-label={title}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}
