import { KeyOutlined, StopOutlined, UnlockOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Spin,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/workbench.ts';
import { DateTime } from '../../../components/case/labels.tsx';
import { useClient, useSession } from '../../../components/session.tsx';
import type { UserView } from '../api.ts';
import { errorText, showFieldErrors, useLoaded } from '../shared/ui.tsx';
import { generatePassword, isStrongEnough } from './password.ts';
import { RoleBindings } from './RoleBindings.tsx';
import { UserStatus } from './UserStatus.tsx';

/**
 * One account: who it is, its status and its roles, with what a manager may do to it: rename,
 * bind and remove roles, set a new password, lift a lockout, deactivate or reactivate.
 */
export function UserDrawer({
  userId,
  onClose,
  onChanged,
}: {
  userId: number | null;
  onClose: () => void;
  onChanged: (user: UserView) => void;
}) {
  const { t } = useTranslation(['admin', 'common']);
  const client = useClient();
  const session = useSession();
  const { message } = App.useApp();
  const load = useCallback(
    () => (userId ? client.get<UserView>(`/api/users/${userId}`) : Promise.resolve(null)),
    [client, userId],
  );
  const { data: user, error, loading, set, reload } = useLoaded(load);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [nameForm] = Form.useForm<{ displayName: string }>();
  const editable = session.can('user.manage');
  const self = user?.id === session.me.user.id;

  const changed = (next: UserView) => {
    set(next);
    onChanged(next);
  };

  const run = async (action: () => Promise<UserView>, done: string) => {
    try {
      changed(await action());
      void message.success(done);
    } catch (e) {
      void message.error(errorText(e));
      if (e instanceof ApiError && e.status === 409) void reload();
    }
  };

  const rename = async ({ displayName }: { displayName: string }) => {
    if (!user) return;
    try {
      changed(await client.patch<UserView>(`/api/users/${user.id}`, { version: user.version, displayName }));
      void message.success(t('admin:common.saved'));
    } catch (e) {
      if (!showFieldErrors(nameForm, e)) void message.error(errorText(e));
      if (e instanceof ApiError && e.status === 409) void reload();
    }
  };

  return (
    <Drawer
      open={userId !== null}
      onClose={onClose}
      title={user ? user.displayName : t('admin:users.account')}
      size="large"
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} />}
      {loading && !user && <Spin />}
      {user && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'username', label: t('admin:users.username'), children: user.username ?? '—' },
              {
                key: 'displayName',
                label: t('admin:users.displayName'),
                children: editable ? (
                  <Form
                    form={nameForm}
                    layout="inline"
                    initialValues={{ displayName: user.displayName }}
                    onFinish={rename}
                    key={user.version}
                  >
                    <Form.Item
                      name="displayName"
                      rules={[
                        { required: true, whitespace: true, message: t('admin:users.displayNameRequired') },
                      ]}
                      style={{ marginBottom: 0 }}
                    >
                      <Input aria-label={t('admin:users.displayName')} maxLength={100} />
                    </Form.Item>
                    <Button htmlType="submit">{t('common:button.save')}</Button>
                  </Form>
                ) : (
                  user.displayName
                ),
              },
              { key: 'status', label: t('admin:users.status'), children: <UserStatus user={user} /> },
              { key: 'phone', label: t('admin:users.phone'), children: user.phone ?? '—' },
              {
                key: 'lastLogin',
                label: t('admin:users.lastLogin'),
                children: user.lastLoginAt ? <DateTime value={user.lastLoginAt} /> : t('admin:users.never'),
              },
            ]}
          />

          {editable && (
            <Space wrap>
              <Button icon={<KeyOutlined />} onClick={() => setPasswordOpen(true)}>
                {t('admin:users.resetPassword')}
              </Button>
              {user.locked && (
                <Button
                  icon={<UnlockOutlined />}
                  onClick={() =>
                    run(
                      () => client.post<UserView>(`/api/users/${user.id}/unlock`, {}),
                      t('admin:users.unlocked'),
                    )
                  }
                >
                  {t('admin:users.unlock')}
                </Button>
              )}
              {user.active ? (
                <Popconfirm
                  title={t('admin:users.deactivateConfirm', { name: user.displayName })}
                  description={t('admin:users.deactivateHint')}
                  okText={t('admin:users.deactivate')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common:button.cancel')}
                  disabled={self}
                  onConfirm={() =>
                    run(
                      () =>
                        client.patch<UserView>(`/api/users/${user.id}`, {
                          version: user.version,
                          active: false,
                        }),
                      t('admin:users.deactivated'),
                    )
                  }
                >
                  <Button
                    danger
                    icon={<StopOutlined />}
                    disabled={self}
                    title={self ? t('admin:users.notSelf') : undefined}
                  >
                    {t('admin:users.deactivate')}
                  </Button>
                </Popconfirm>
              ) : (
                <Button
                  onClick={() =>
                    run(
                      () =>
                        client.patch<UserView>(`/api/users/${user.id}`, {
                          version: user.version,
                          active: true,
                        }),
                      t('admin:users.reactivated'),
                    )
                  }
                >
                  {t('admin:users.reactivate')}
                </Button>
              )}
            </Space>
          )}

          <div>
            <Typography.Title level={5}>{t('admin:users.roles')}</Typography.Title>
            <RoleBindings user={user} editable={editable} onChanged={changed} />
          </div>
        </Space>
      )}
      {user && (
        <ResetPasswordModal
          user={user}
          open={passwordOpen}
          onClose={() => setPasswordOpen(false)}
          onDone={(next) => {
            changed(next);
            setPasswordOpen(false);
          }}
        />
      )}
    </Drawer>
  );
}

/** Sets a new password (typed, or generated and shown to be passed on); the account is signed out. */
function ResetPasswordModal({
  user,
  open,
  onClose,
  onDone,
}: {
  user: UserView;
  open: boolean;
  onClose: () => void;
  onDone: (user: UserView) => void;
}) {
  const { t } = useTranslation(['admin', 'common']);
  const client = useClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async ({ password }: { password: string }) => {
    setBusy(true);
    try {
      const next = await client.post<UserView>(`/api/users/${user.id}/password`, { password });
      void message.success(t('admin:users.passwordSet', { name: user.displayName }));
      form.resetFields();
      onDone(next);
    } catch (e) {
      if (!showFieldErrors(form, e)) void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('admin:users.resetPasswordOf', { name: user.displayName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('admin:users.setPassword')}
      cancelText={t('common:button.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('admin:users.resetPasswordHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <PasswordField />
      </Form>
    </Modal>
  );
}

/** A new password with a "generate" button; the value stays visible so it can be passed on. */
export function PasswordField() {
  const { t } = useTranslation('admin');
  const form = Form.useFormInstance();
  return (
    <Form.Item label={t('users.newPassword')} required extra={t('users.passwordRule')}>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item
          name="password"
          noStyle
          rules={[
            { required: true, message: t('users.passwordRequired') },
            {
              validator: (_, value: string | undefined) =>
                !value || isStrongEnough(value)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('users.passwordRule'))),
            },
          ]}
        >
          <Input aria-label={t('users.newPassword')} autoComplete="new-password" spellCheck={false} />
        </Form.Item>
        <Button
          onClick={() => {
            form.setFieldValue('password', generatePassword());
            void form.validateFields(['password']);
          }}
        >
          {t('users.generate')}
        </Button>
      </Space.Compact>
    </Form.Item>
  );
}
