import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../../components/session.tsx';
import type { CreateUserBody, RoleName, UserView } from '../api.ts';
import { UnitPicker } from '../shared/org-tree.tsx';
import { errorText, showFieldErrors } from '../shared/ui.tsx';
import { RoleSelect, RoleTag } from './RoleBindings.tsx';
import { PasswordField } from './UserDrawer.tsx';

interface Values {
  username: string;
  displayName: string;
  password: string;
  roles: { role?: RoleName; unitId?: number }[];
}

/**
 * Creates a staff account with its first roles, then shows the username and initial password once
 * so they can be passed on (the account should change it; the server never shows it again).
 */
export function CreateUserModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (user: UserView) => void;
}) {
  const { t } = useTranslation(['admin', 'common']);
  const client = useClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ user: UserView; password: string } | null>(null);

  // A new dialog after each close: the initial password leaves the page at once.
  const [round, setRound] = useState(0);

  const close = () => {
    setRound((r) => r + 1);
    setCreated(null);
    form.resetFields();
    onClose();
  };

  const submit = async (values: Values) => {
    setBusy(true);
    try {
      const body: CreateUserBody = {
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        password: values.password,
        roles: values.roles.map((r) => ({ role: r.role as RoleName, unitId: r.unitId as number })),
      };
      const user = await client.post<UserView>('/api/users', body);
      setCreated({ user, password: values.password });
      onCreated(user);
    } catch (e) {
      // The server names one role's unit `body.roles.unitId`: put it under the first role.
      const placed = showFieldErrors(form, e, (p) =>
        p[0] === 'roles' && typeof p[1] !== 'number' ? ['roles', 0, ...p.slice(1)] : p,
      );
      void message.error(placed ? t('admin:common.fixFields') : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const credentials = created
    ? t('admin:users.credentialsText', { username: created.user.username, password: created.password })
    : '';

  return (
    <Modal
      key={round}
      open={open}
      title={t('admin:users.create')}
      onCancel={close}
      destroyOnHidden
      width={640}
      footer={
        created
          ? [
              <Button key="done" type="primary" onClick={close}>
                {t('admin:common.done')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                {t('common:button.cancel')}
              </Button>,
              <Button key="ok" type="primary" loading={busy} onClick={() => form.submit()}>
                {t('admin:users.submitCreate')}
              </Button>,
            ]
      }
    >
      {created ? (
        <Result
          status="success"
          title={t('admin:users.createdTitle', { name: created.user.displayName })}
          subTitle={t('admin:users.createdHint')}
          extra={
            <Space orientation="vertical" style={{ textAlign: 'left' }}>
              <Typography.Text>
                {t('admin:users.username')}：<Typography.Text code>{created.user.username}</Typography.Text>
              </Typography.Text>
              <Typography.Text>
                {t('admin:users.initialPassword')}：<Typography.Text code>{created.password}</Typography.Text>
              </Typography.Text>
              <Typography.Text
                copyable={{
                  text: credentials,
                  tooltips: [t('common:button.copy'), t('common:button.copied')],
                }}
              >
                {t('admin:users.copyCredentials')}
              </Typography.Text>
              <Space wrap size={4}>
                {created.user.roles.map((r) => (
                  <RoleTag key={r.id} binding={r} />
                ))}
              </Space>
            </Space>
          }
        />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ roles: [{}] }}
          requiredMark
        >
          <Form.Item
            name="username"
            label={t('admin:users.username')}
            extra={t('admin:users.usernameRule')}
            rules={[
              { required: true, whitespace: true, message: t('admin:users.usernameRequired') },
              { pattern: /^[a-z0-9][a-z0-9._-]*$/i, message: t('admin:users.usernameRule') },
              { min: 2, max: 64, message: t('admin:users.usernameRule') },
            ]}
          >
            <Input autoComplete="off" spellCheck={false} placeholder="gl02.worker" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('admin:users.displayName')}
            rules={[{ required: true, whitespace: true, message: t('admin:users.displayNameRequired') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <PasswordField />
          <Form.Item label={t('admin:users.roles')} required>
            <Form.List
              name="roles"
              rules={[
                {
                  validator: async (_, roles: unknown[]) => {
                    if (!roles || roles.length === 0) throw new Error(t('admin:users.rolesRequired'));
                  },
                },
              ]}
            >
              {(fields, { add, remove }, { errors }) => (
                <>
                  {fields.map((field, index) => (
                    <Space key={field.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                      <Form.Item
                        name={[field.name, 'role']}
                        rules={[{ required: true, message: t('admin:users.pickRole') }]}
                        style={{ marginBottom: 8 }}
                      >
                        <RoleSelect />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'unitId']}
                        rules={[{ required: true, message: t('admin:common.pickUnit') }]}
                        style={{ marginBottom: 8, minWidth: 240 }}
                      >
                        <UnitPicker aria-label={t('admin:users.unitOfRole', { n: index + 1 })} />
                      </Form.Item>
                      {fields.length > 1 && (
                        <Button
                          type="text"
                          icon={<MinusCircleOutlined />}
                          aria-label={t('admin:users.removeRoleRow', { n: index + 1 })}
                          onClick={() => remove(field.name)}
                        />
                      )}
                    </Space>
                  ))}
                  <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />}>
                    {t('admin:users.addAnotherRole')}
                  </Button>
                  <Form.ErrorList errors={errors} />
                </>
              )}
            </Form.List>
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
