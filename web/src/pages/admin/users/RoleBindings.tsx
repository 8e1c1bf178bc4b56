import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unitName } from '../../../components/case/labels.tsx';
import { useClient } from '../../../components/session.tsx';
import type { RoleBinding, RoleName, UserView } from '../api.ts';
import { UnitPicker } from '../shared/org-tree.tsx';
import { JURISDICTION_ROLES, ROLE_NAMES } from '../shared/roles.ts';
import { errorText, RowList } from '../shared/ui.tsx';

/** A role and its unit as one tag, e.g. 派单员 · 鼓楼街道. */
export function RoleTag({ binding }: { binding: Pick<RoleBinding, 'role' | 'unit'> }) {
  const { t, i18n } = useTranslation('common');
  return (
    <Tag color={binding.role === 'admin' ? 'red' : 'blue'} style={{ marginBlock: 2 }}>
      {t(`role.${binding.role}`)} · {unitName(binding.unit, i18n.language)}
    </Tag>
  );
}

/** The choice of roles, with a note on those that reach a whole street or district. */
export function RoleSelect(props: { value?: RoleName; onChange?: (role: RoleName) => void; id?: string }) {
  const { t } = useTranslation(['admin', 'common']);
  return (
    <Select<RoleName>
      {...props}
      placeholder={t('admin:users.pickRole')}
      style={{ minWidth: 160 }}
      options={ROLE_NAMES.map((role) => ({
        value: role,
        label: t(`common:role.${role}`),
      }))}
    />
  );
}

/**
 * The roles an account holds, each removable, and a form to bind another role at a unit. Every
 * change goes to the server at once and the account as it now stands comes back.
 */
export function RoleBindings({
  user,
  editable,
  onChanged,
}: {
  user: UserView;
  editable: boolean;
  onChanged: (user: UserView) => void;
}) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const client = useClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ role: RoleName; unitId: number }>();
  const [busy, setBusy] = useState(false);
  const role = Form.useWatch('role', form);

  const remove = async (binding: RoleBinding) => {
    try {
      const next = await client.delete<UserView>(`/api/users/${user.id}/roles/${binding.id}`);
      onChanged(next);
      void message.success(t('admin:users.roleRemoved'));
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  const add = async (values: { role: RoleName; unitId: number }) => {
    setBusy(true);
    try {
      const next = await client.post<UserView>(`/api/users/${user.id}/roles`, values);
      onChanged(next);
      form.resetFields();
      void message.success(t('admin:users.roleAdded'));
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const last = user.roles.length === 1;
  return (
    <section aria-label={t('admin:users.roles')}>
      <RowList<RoleBinding>
        label={t('admin:users.roles')}
        items={user.roles}
        rowKey={(b) => b.id}
        empty={t('admin:users.noRoles')}
        render={(binding) => (
          <Space wrap size={4}>
            <Typography.Text strong>{t(`common:role.${binding.role}`)}</Typography.Text>
            <Typography.Text type="secondary">{unitName(binding.unit, i18n.language)}</Typography.Text>
          </Space>
        )}
        actions={
          editable
            ? (binding) => (
                <Popconfirm
                  title={t('admin:users.removeRoleConfirm', {
                    role: t(`common:role.${binding.role}`),
                    unit: unitName(binding.unit, i18n.language),
                  })}
                  description={last ? t('admin:users.lastRoleWarning') : undefined}
                  okText={t('admin:users.removeRole')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common:button.cancel')}
                  onConfirm={() => remove(binding)}
                >
                  <Button
                    size="small"
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('admin:users.removeRoleLabel', {
                      role: t(`common:role.${binding.role}`),
                      unit: unitName(binding.unit, i18n.language),
                    })}
                  />
                </Popconfirm>
              )
            : undefined
        }
      />
      {editable && (
        <Form
          form={form}
          layout="vertical"
          onFinish={add}
          style={{ marginTop: 12 }}
          requiredMark={false}
          aria-label={t('admin:users.addRole')}
        >
          <Space wrap align="end" style={{ width: '100%' }}>
            <Form.Item
              name="role"
              label={t('admin:users.role')}
              rules={[{ required: true, message: t('admin:users.pickRole') }]}
              style={{ marginBottom: 0 }}
            >
              <RoleSelect />
            </Form.Item>
            <Form.Item
              name="unitId"
              label={t('admin:users.unit')}
              rules={[{ required: true, message: t('admin:common.pickUnit') }]}
              style={{ marginBottom: 0, minWidth: 220 }}
            >
              <UnitPicker />
            </Form.Item>
            <Button htmlType="submit" icon={<PlusOutlined />} loading={busy}>
              {t('admin:users.addRole')}
            </Button>
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
            {role && JURISDICTION_ROLES.has(role)
              ? t('admin:users.reachJurisdiction', { role: t(`common:role.${role}`) })
              : t('admin:users.reachSubtree')}
          </Typography.Paragraph>
        </Form>
      )}
    </section>
  );
}
