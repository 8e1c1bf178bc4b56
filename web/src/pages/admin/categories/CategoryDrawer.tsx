import { App, Button, Drawer, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/workbench.ts';
import { useClient } from '../../../components/session.tsx';
import type {
  CategoryAttribute,
  CategoryView,
  CreateCategoryBody,
  GroupWithCategories,
  UpdateCategoryBody,
} from '../api.ts';
import { functionsOf } from '../shared/functions.ts';
import { useOrgTree } from '../shared/org-tree.tsx';
import { errorText, showFieldErrors } from '../shared/ui.tsx';
import { AttributesEditor } from './AttributesEditor.tsx';

export const ROUTE_SCOPES = ['district', 'street', 'community', 'center', 'utility'] as const;
type Scope = (typeof ROUTE_SCOPES)[number];
const LISTS: readonly string[] = ['singlevaluelist', 'multivaluelist'];

interface Values {
  code: string;
  groupCode: string;
  nameZh: string;
  nameEn: string;
  descriptionZh?: string | null;
  descriptionEn?: string | null;
  routeScope?: Scope | null;
  routeFunction?: string | null;
  review: boolean;
  resolveWorkdays: number;
  urgentHours: number;
  sensitive: boolean;
  sort?: number;
  attributes: CategoryAttribute[];
}

function toValues(c: CategoryView | null, groupCode: string | undefined): Values {
  const [scope, fn] = c?.route ? c.route.split(':') : [null, null];
  return {
    code: c?.code ?? '',
    groupCode: c?.groupCode ?? groupCode ?? '',
    nameZh: c?.nameZh ?? '',
    nameEn: c?.nameEn ?? '',
    descriptionZh: c?.descriptionZh ?? '',
    descriptionEn: c?.descriptionEn ?? '',
    routeScope: (scope as Scope) ?? null,
    routeFunction: fn ?? null,
    review: c?.review ?? false,
    resolveWorkdays: c?.resolveWorkdays ?? 5,
    urgentHours: c?.urgentHours ?? 24,
    sensitive: c?.sensitive ?? false,
    sort: c?.sort,
    attributes: c?.attributes ?? [],
  };
}

/** The form as the server's fields: empty texts are null, a route is `SCOPE:FUNCTION` or null. */
export function categoryFields(v: Values) {
  const text = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
  return {
    groupCode: v.groupCode,
    nameZh: v.nameZh.trim(),
    nameEn: v.nameEn.trim(),
    descriptionZh: text(v.descriptionZh),
    descriptionEn: text(v.descriptionEn),
    route: v.routeScope && v.routeFunction ? `${v.routeScope}:${v.routeFunction}` : null,
    review: v.review,
    resolveWorkdays: v.resolveWorkdays,
    urgentHours: v.urgentHours,
    sensitive: v.sensitive,
    ...(v.sort === undefined || v.sort === null ? {} : { sort: v.sort }),
    attributes: (v.attributes ?? []).map((a, i) => ({
      code: a.code.trim(),
      datatype: a.datatype,
      required: Boolean(a.required),
      descriptionZh: a.descriptionZh.trim(),
      descriptionEn: a.descriptionEn.trim(),
      order: i,
      ...(LISTS.includes(a.datatype) ? { values: a.values ?? [] } : {}),
    })),
  };
}

/**
 * Creates or changes a category: names, group, the default route (SCOPE:FUNCTION, or none: to the
 * dispatchers), time limits, whether it is sensitive or reviewed, and its extra fields.
 */
export function CategoryDrawer({
  open,
  category,
  groups,
  defaultGroup,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** Null: a new category. */
  category: CategoryView | null;
  groups: GroupWithCategories[];
  defaultGroup?: string;
  onClose: () => void;
  onSaved: (category: CategoryView) => void;
}) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const client = useClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const { roots } = useOrgTree();
  const functions = useMemo(() => [...functionsOf(roots, i18n.language).values()], [roots, i18n.language]);
  const scope = Form.useWatch('routeScope', form);
  const chinese = i18n.language.startsWith('zh');

  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh form each time the drawer opens
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(toValues(category, defaultGroup));
    }
  }, [open, category]);

  const save = async (values: Values) => {
    setBusy(true);
    try {
      const fields = categoryFields(values);
      const saved = category
        ? await client.patch<CategoryView>(`/api/categories/${category.code}`, {
            ...fields,
            version: category.version ?? 1,
          } satisfies UpdateCategoryBody)
        : await client.post<CategoryView>('/api/categories', {
            ...fields,
            code: values.code.trim(),
          } satisfies CreateCategoryBody);
      void message.success(t('admin:common.saved'));
      onSaved(saved);
    } catch (e) {
      const placed = showFieldErrors(form, e, (p) => (p[0] === 'route' ? ['routeFunction'] : p));
      void message.error(placed ? t('admin:common.fixFields') : errorText(e));
      if (e instanceof ApiError && e.status === 409) onClose();
    } finally {
      setBusy(false);
    }
  };

  // Functions found under units of the route's scope first (a street route looks among street units).
  const scopeKind = scope === 'center' || scope === 'utility' ? 'district' : scope;
  const functionOptions = functions
    .filter((f) => !scopeKind || f.placedUnder.includes(scopeKind))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((f) => ({ value: f.code, label: `${f.label} · ${f.code}` }));

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      title={
        category
          ? t('admin:categories.editTitle', { name: chinese ? category.nameZh : category.nameEn })
          : t('admin:categories.createTitle')
      }
      destroyOnHidden
      extra={
        <Button type="primary" loading={busy} onClick={() => form.submit()}>
          {t('common:button.save')}
        </Button>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={toValues(category, defaultGroup)}
      >
        <Space wrap align="start">
          <Form.Item
            name="code"
            label={t('admin:common.code')}
            extra={category ? undefined : t('admin:categories.codeRule')}
            rules={[
              { required: true, message: t('admin:categories.codeRequired') },
              { pattern: /^[A-Z0-9][A-Z0-9_.-]*$/, message: t('admin:categories.codeRule') },
            ]}
            style={{ width: 160 }}
          >
            <Input disabled={Boolean(category)} maxLength={32} spellCheck={false} placeholder="UM09" />
          </Form.Item>
          <Form.Item
            name="groupCode"
            label={t('admin:categories.group')}
            rules={[{ required: true, message: t('admin:categories.groupRequired') }]}
            style={{ minWidth: 200 }}
          >
            <Select
              options={groups.map((g) => ({
                value: g.code,
                label: `${chinese ? g.nameZh : g.nameEn} · ${g.code}`,
              }))}
            />
          </Form.Item>
        </Space>
        <div className="admin-fields">
          <Form.Item
            name="nameZh"
            label={t('admin:common.nameZh')}
            rules={[{ required: true, whitespace: true, message: t('admin:categories.nameRequired') }]}
            style={{ flex: '1 1 240px' }}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="nameEn"
            label={t('admin:common.nameEn')}
            rules={[{ required: true, whitespace: true, message: t('admin:categories.nameRequired') }]}
            style={{ flex: '1 1 240px' }}
          >
            <Input maxLength={200} />
          </Form.Item>
        </div>
        <Form.Item name="descriptionZh" label={t('admin:categories.descriptionZh')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="descriptionEn" label={t('admin:categories.descriptionEn')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>

        <Typography.Title level={5}>{t('admin:categories.routing')}</Typography.Title>
        <Form.Item label={t('admin:categories.route')} extra={t('admin:categories.routeHint')}>
          <Space wrap>
            <Form.Item name="routeScope" noStyle>
              <Select<Scope | null>
                aria-label={t('admin:categories.routeScope')}
                style={{ width: 170 }}
                allowClear
                placeholder={t('admin:categories.noRoute')}
                onChange={() => form.setFieldValue('routeFunction', null)}
                options={ROUTE_SCOPES.map((s) => ({ value: s, label: t(`admin:categories.scope.${s}`) }))}
              />
            </Form.Item>
            <Form.Item
              name="routeFunction"
              noStyle
              rules={[
                {
                  validator: async (_, fn) => {
                    if (form.getFieldValue('routeScope') && !fn)
                      throw new Error(t('admin:categories.functionRequired'));
                  },
                },
              ]}
            >
              <Select<string>
                aria-label={t('admin:categories.routeFunction')}
                style={{ minWidth: 260 }}
                disabled={!scope}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('admin:categories.pickFunction')}
                options={functionOptions}
              />
            </Form.Item>
          </Space>
        </Form.Item>
        <Form.Item
          name="review"
          label={t('admin:categories.review')}
          valuePropName="checked"
          extra={t('admin:categories.reviewHint')}
        >
          <Switch />
        </Form.Item>

        <Typography.Title level={5}>{t('admin:categories.limits')}</Typography.Title>
        <Space wrap align="start">
          <Form.Item
            name="resolveWorkdays"
            label={t('admin:categories.resolveWorkdays')}
            rules={[
              {
                required: true,
                type: 'integer',
                min: 1,
                max: 365,
                message: t('admin:categories.workdaysRule'),
              },
            ]}
          >
            <InputNumber
              min={1}
              max={365}
              suffix={t('admin:categories.workdaysUnit')}
              style={{ width: 150 }}
            />
          </Form.Item>
          <Form.Item
            name="urgentHours"
            label={t('admin:categories.urgentHours')}
            rules={[
              { required: true, type: 'integer', min: 1, max: 720, message: t('admin:categories.hoursRule') },
            ]}
          >
            <InputNumber min={1} max={720} suffix={t('admin:categories.hoursUnit')} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="sort" label={t('admin:categories.sort')} extra={t('admin:categories.sortHint')}>
            <InputNumber min={0} max={1_000_000} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item
          name="sensitive"
          label={t('admin:categories.sensitive')}
          valuePropName="checked"
          extra={t('admin:categories.sensitiveHint')}
        >
          <Switch />
        </Form.Item>

        <Typography.Title level={5}>{t('admin:categories.attributes')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('admin:categories.attributesHint')}
        </Typography.Paragraph>
        <AttributesEditor />
      </Form>
    </Drawer>
  );
}
