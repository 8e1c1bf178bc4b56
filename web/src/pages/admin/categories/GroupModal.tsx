import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../../components/session.tsx';
import type { CreateGroupBody, GroupWithCategories, UpdateGroupBody } from '../api.ts';
import { errorText, showFieldErrors } from '../shared/ui.tsx';

/** Creates a group of categories, or renames and re-sorts one. */
export function GroupModal({
  open,
  group,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** Null: a new group. */
  group: GroupWithCategories | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation(['admin', 'common']);
  const client = useClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateGroupBody>();
  const [busy, setBusy] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh form each time the dialog opens
  useEffect(() => {
    if (open) {
      form.resetFields();
      if (group)
        form.setFieldsValue({
          code: group.code,
          nameZh: group.nameZh,
          nameEn: group.nameEn,
          sort: group.sort,
        });
    }
  }, [open, group]);

  const save = async (values: CreateGroupBody) => {
    setBusy(true);
    try {
      if (group)
        await client.patch(`/api/categories/groups/${group.code}`, {
          nameZh: values.nameZh.trim(),
          nameEn: values.nameEn.trim(),
          sort: values.sort,
        } satisfies UpdateGroupBody);
      else
        await client.post('/api/categories/groups', {
          code: values.code.trim(),
          nameZh: values.nameZh.trim(),
          nameEn: values.nameEn.trim(),
          ...(values.sort == null ? {} : { sort: values.sort }),
        } satisfies CreateGroupBody);
      void message.success(t('admin:common.saved'));
      onSaved();
    } catch (e) {
      void message.error(showFieldErrors(form, e) ? t('admin:common.fixFields') : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={group ? t('admin:categories.editGroup') : t('admin:categories.createGroup')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common:button.save')}
      cancelText={t('common:button.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form<CreateGroupBody> form={form} layout="vertical" onFinish={save}>
        <Form.Item
          name="code"
          label={t('admin:common.code')}
          extra={group ? undefined : t('admin:categories.codeRule')}
          rules={[
            { required: true, message: t('admin:categories.codeRequired') },
            { pattern: /^[A-Z0-9][A-Z0-9_.-]*$/, message: t('admin:categories.codeRule') },
          ]}
        >
          <Input disabled={Boolean(group)} maxLength={32} spellCheck={false} placeholder="UM" />
        </Form.Item>
        <Form.Item
          name="nameZh"
          label={t('admin:common.nameZh')}
          rules={[{ required: true, whitespace: true, message: t('admin:categories.nameRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('admin:common.nameEn')}
          rules={[{ required: true, whitespace: true, message: t('admin:categories.nameRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="sort" label={t('admin:categories.sort')} extra={t('admin:categories.sortHint')}>
          <InputNumber min={0} max={1_000_000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
