import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime, UnitName } from '../../components/case/labels.tsx';
import { useUrlFilters } from '../../components/lists/url-filters.ts';
import { useClient } from '../../components/session.tsx';
import type { ApiKeyCreated, ApiKeyView, CreateApiKeyBody } from './api.ts';
import { UnitPicker } from './shared/org-tree.tsx';
import { errorText, PageHeader, showFieldErrors, useLoaded } from './shared/ui.tsx';

/**
 * Keys of machine clients (third-party apps posting cases, Open311): each belongs to a unit and is
 * limited in calls per minute. A new key's secret is shown once, here, and never again.
 */
export function ApiKeysPage() {
  const { t } = useTranslation(['admin', 'common']);
  const client = useClient();
  const { message } = App.useApp();
  const load = useCallback(() => client.get<{ items: ApiKeyView[] }>('/api/api-keys'), [client]);
  const { data, error, loading, reload } = useLoaded(load);
  const [creating, setCreating] = useState(false);
  const { filters, set } = useUrlFilters(['revoked'] as const);
  const showRevoked = filters.revoked === '1';

  const revoke = async (key: ApiKeyView) => {
    try {
      await client.post<ApiKeyView>(`/api/api-keys/${key.id}/revoke`, {});
      void message.success(t('admin:apiKeys.revoked', { name: key.name }));
      await reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const items = (data?.items ?? []).filter((k) => showRevoked || !k.revokedAt);
  const revokedCount = (data?.items ?? []).filter((k) => k.revokedAt).length;

  const columns: TableColumnsType<ApiKeyView> = [
    {
      key: 'name',
      title: t('admin:apiKeys.name'),
      render: (_, k) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{k.name}</Typography.Text>
          <Typography.Text type="secondary" code>
            {k.prefix}…
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'unit', title: t('admin:apiKeys.unit'), render: (_, k) => <UnitName unit={k.unit} /> },
    {
      key: 'rate',
      title: t('admin:apiKeys.rateLimit'),
      render: (_, k) => t('admin:apiKeys.perMinute', { count: k.rateLimitPerMinute }),
    },
    {
      key: 'created',
      title: t('admin:apiKeys.createdAt'),
      render: (_, k) => <DateTime value={k.createdAt} />,
    },
    {
      key: 'used',
      title: t('admin:apiKeys.lastUsed'),
      render: (_, k) => (k.lastUsedAt ? <DateTime value={k.lastUsedAt} /> : t('admin:apiKeys.neverUsed')),
    },
    {
      key: 'status',
      title: t('admin:apiKeys.status'),
      render: (_, k) =>
        k.revokedAt ? (
          <Space orientation="vertical" size={0}>
            <Tag>{t('admin:apiKeys.revokedTag')}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <DateTime value={k.revokedAt} />
            </Typography.Text>
          </Space>
        ) : (
          <Tag color="success">{t('admin:apiKeys.activeTag')}</Tag>
        ),
    },
    {
      key: 'actions',
      title: t('admin:common.actions'),
      render: (_, k) =>
        !k.revokedAt && (
          <Popconfirm
            title={t('admin:apiKeys.revokeConfirm', { name: k.name })}
            description={t('admin:apiKeys.revokeHint')}
            okText={t('admin:apiKeys.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common:button.cancel')}
            onConfirm={() => revoke(k)}
          >
            <Button danger size="small" aria-label={t('admin:apiKeys.revokeLabel', { name: k.name })}>
              {t('admin:apiKeys.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <section>
      <PageHeader
        title={t('admin:apiKeys.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('admin:apiKeys.create')}
          </Button>
        }
      >
        {t('admin:apiKeys.lead')}
      </PageHeader>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {revokedCount > 0 && (
        <Space style={{ marginBottom: 12 }}>
          <Checkbox
            checked={showRevoked}
            onChange={(e) => set({ revoked: e.target.checked ? '1' : undefined })}
          >
            {t('admin:apiKeys.showRevoked', { count: revokedCount })}
          </Checkbox>
        </Space>
      )}
      <Table<ApiKeyView>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('admin:apiKeys.empty') }}
      />
      <CreateKeyModal open={creating} onClose={() => setCreating(false)} onCreated={() => void reload()} />
    </section>
  );
}

/**
 * Issues a key, then shows its secret once with a copy button; the dialog closes only after the
 * administrator confirms they have stored it.
 */
export function CreateKeyModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useTranslation(['admin', 'common']);
  const client = useClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateApiKeyBody>();
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const [stored, setStored] = useState(false);
  // A new dialog after each close: the secret leaves the page at once, not after the closing animation.
  const [round, setRound] = useState(0);

  const close = () => {
    setRound((r) => r + 1);
    setCreated(null);
    setStored(false);
    form.resetFields();
    onClose();
  };

  const submit = async (values: CreateApiKeyBody) => {
    setBusy(true);
    try {
      const result = await client.post<ApiKeyCreated>('/api/api-keys', values);
      setCreated(result);
      onCreated();
    } catch (e) {
      void message.error(showFieldErrors(form, e) ? t('admin:common.fixFields') : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      key={round}
      open={open}
      title={
        created ? t('admin:apiKeys.createdTitle', { name: created.apiKey.name }) : t('admin:apiKeys.create')
      }
      onCancel={created ? undefined : close}
      closable={!created}
      mask={{ closable: !created }}
      keyboard={!created}
      destroyOnHidden
      footer={
        created
          ? [
              <Button key="done" type="primary" disabled={!stored} onClick={close}>
                {t('admin:common.done')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                {t('common:button.cancel')}
              </Button>,
              <Button key="ok" type="primary" loading={busy} onClick={() => form.submit()}>
                {t('admin:apiKeys.issue')}
              </Button>,
            ]
      }
    >
      {created ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert
            type="warning"
            showIcon
            icon={<WarningOutlined />}
            title={t('admin:apiKeys.onceTitle')}
            description={t('admin:apiKeys.onceHint')}
          />
          <Typography.Paragraph
            copyable={{ text: created.key, tooltips: [t('common:button.copy'), t('common:button.copied')] }}
            code
            style={{ wordBreak: 'break-all', fontSize: 15, margin: '8px 0' }}
            aria-label={t('admin:apiKeys.secret')}
          >
            {created.key}
          </Typography.Paragraph>
          <Typography.Text type="secondary">
            {t('admin:apiKeys.usage')} <Typography.Text code>Authorization: Bearer …</Typography.Text>{' '}
            {t('admin:apiKeys.usageOr')} <Typography.Text code>X-API-Key: …</Typography.Text>
          </Typography.Text>
          <Checkbox checked={stored} onChange={(e) => setStored(e.target.checked)}>
            {t('admin:apiKeys.storedIt')}
          </Checkbox>
        </Space>
      ) : (
        <Form<CreateApiKeyBody>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ rateLimitPerMinute: 60 }}
        >
          <Form.Item
            name="name"
            label={t('admin:apiKeys.name')}
            extra={t('admin:apiKeys.nameHint')}
            rules={[{ required: true, whitespace: true, message: t('admin:apiKeys.nameRequired') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="unitId"
            label={t('admin:apiKeys.unit')}
            extra={t('admin:apiKeys.unitHint')}
            rules={[{ required: true, message: t('admin:common.pickUnit') }]}
          >
            <UnitPicker />
          </Form.Item>
          <Form.Item
            name="rateLimitPerMinute"
            label={t('admin:apiKeys.rateLimit')}
            rules={[
              { required: true, type: 'integer', min: 1, max: 100_000, message: t('admin:apiKeys.rateRule') },
            ]}
          >
            <InputNumber
              min={1}
              max={100_000}
              step={10}
              suffix={t('admin:apiKeys.perMinuteUnit')}
              style={{ width: 200 }}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
