import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unitName } from '../../../components/case/labels.tsx';
import { useClient } from '../../../components/session.tsx';
import type { CreateUnitBody, UnitDetail, UpdateUnitBody } from '../api.ts';
import { UnitPicker } from '../shared/org-tree.tsx';
import { errorText, showFieldErrors } from '../shared/ui.tsx';
import { parseAreaText } from './area.ts';

type Kind = NonNullable<CreateUnitBody['kind']>;
/** Every kind of unit, in the order a district is built; a kind the server adds fails the type check. */
const KIND_ORDER: Record<Kind, number> = {
  district: 0,
  street: 1,
  community: 2,
  compound: 3,
  grid: 4,
  department: 5,
  center: 6,
  utility: 7,
  workroom: 8,
  studio: 9,
  team: 10,
};
export const UNIT_KINDS = (Object.keys(KIND_ORDER) as Kind[]).sort((a, b) => KIND_ORDER[a] - KIND_ORDER[b]);

interface Values {
  code: string;
  kind: Kind;
  function?: string;
  nameZh: string;
  nameEn: string;
  aliases: string[];
  area: string;
}

/**
 * Creates a unit under a parent, or changes one: names, function, aliases and area (pasted as
 * GeoJSON). The code and kind are fixed once the unit exists: other records name it by its code.
 */
export function UnitForm({
  open,
  mode,
  unit,
  parent,
  onClose,
  onSaved,
}: {
  open: boolean;
  mode: 'create' | 'edit';
  /** The unit being edited. */
  unit: UnitDetail | null;
  /** The parent a new unit goes under. */
  parent: UnitDetail | null;
  onClose: () => void;
  onSaved: (unit: UnitDetail) => void;
}) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const client = useClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh form each time the dialog opens
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (mode === 'edit' && unit)
      form.setFieldsValue({
        code: unit.code,
        kind: unit.kind as Kind,
        function: unit.function ?? undefined,
        nameZh: unit.nameZh,
        nameEn: unit.nameEn,
        aliases: unit.aliases,
        area: unit.area ? JSON.stringify(unit.area) : '',
      });
    else form.setFieldsValue({ kind: childKind(parent?.kind), aliases: [], area: '' });
  }, [open, mode, unit?.id, unit?.version]);

  const save = async (values: Values) => {
    const parsed = parseAreaText(values.area ?? '');
    if ('error' in parsed) {
      form.setFields([{ name: 'area', errors: [t(`admin:org.areaError.${parsed.error}`)] }]);
      return;
    }
    setBusy(true);
    try {
      const fn = values.function?.trim() ? values.function.trim().toUpperCase() : null;
      const saved =
        mode === 'edit' && unit
          ? await client.patch<UnitDetail>(`/api/org/units/${unit.id}`, {
              version: unit.version,
              nameZh: values.nameZh.trim(),
              nameEn: values.nameEn.trim(),
              function: fn,
              aliases: values.aliases,
              area: parsed.area,
            } satisfies UpdateUnitBody)
          : await client.post<UnitDetail>('/api/org/units', {
              code: values.code.trim(),
              parentId: parent?.id as number,
              kind: values.kind,
              function: fn,
              nameZh: values.nameZh.trim(),
              nameEn: values.nameEn.trim(),
              aliases: values.aliases,
              area: parsed.area,
            } satisfies CreateUnitBody);
      void message.success(t('admin:common.saved'));
      onSaved(saved);
    } catch (e) {
      // The server names a ring's problem `body.area.0`: show it under the area field.
      const placed = showFieldErrors(form, e, (p) => (p[0] === 'area' ? ['area'] : p));
      void message.error(placed ? t('admin:common.fixFields') : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      width={640}
      title={
        mode === 'edit'
          ? t('admin:org.editTitle', { name: unitName(unit, i18n.language) })
          : t('admin:org.createTitle', { parent: unitName(parent, i18n.language) })
      }
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common:button.save')}
      cancelText={t('common:button.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={save}>
        <Form.Item
          name="code"
          label={t('admin:common.code')}
          extra={mode === 'create' ? t('admin:org.codeRule') : undefined}
          rules={[
            { required: true, message: t('admin:org.codeRequired') },
            { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, message: t('admin:org.codeRule') },
          ]}
        >
          <Input disabled={mode === 'edit'} maxLength={64} spellCheck={false} placeholder="GL11" />
        </Form.Item>
        <Form.Item name="kind" label={t('admin:org.kind')} rules={[{ required: true }]}>
          <Select
            disabled={mode === 'edit'}
            options={UNIT_KINDS.map((k) => ({ value: k, label: t(`admin:org.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="function"
          label={t('admin:org.function')}
          extra={t('admin:org.functionHint')}
          rules={[{ pattern: /^[A-Za-z][A-Za-z0-9_]*$/, message: t('admin:org.functionRule') }]}
        >
          <Input maxLength={64} spellCheck={false} placeholder="ENFORCEMENT" />
        </Form.Item>
        <Form.Item
          name="nameZh"
          label={t('admin:common.nameZh')}
          rules={[{ required: true, whitespace: true, message: t('admin:org.nameRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('admin:common.nameEn')}
          rules={[{ required: true, whitespace: true, message: t('admin:org.nameRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="aliases" label={t('admin:org.aliases')} extra={t('admin:org.aliasesHint')}>
          <Select
            mode="tags"
            tokenSeparators={[',', '，', '、']}
            open={false}
            aria-label={t('admin:org.aliases')}
          />
        </Form.Item>
        <Form.Item name="area" label={t('admin:org.area')} extra={t('admin:org.areaInputHint')}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 8 }}
            spellCheck={false}
            style={{ fontFamily: 'monospace', fontSize: 12 }}
            placeholder='{"type":"Polygon","coordinates":[[[121.54,29.87],[121.56,29.87],[121.56,29.88],[121.54,29.88],[121.54,29.87]]]}'
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The kind a new unit most likely has under a parent of this kind. */
function childKind(parent: string | undefined): Kind {
  if (parent === 'district') return 'street';
  if (parent === 'street') return 'community';
  if (parent === 'community') return 'grid';
  return 'team';
}

/** Moves a unit (and everything under it) to a new parent. */
export function MoveUnitModal({
  open,
  unit,
  onClose,
  onMoved,
}: {
  open: boolean;
  unit: UnitDetail;
  onClose: () => void;
  onMoved: (unit: UnitDetail) => void;
}) {
  const { t, i18n } = useTranslation(['admin', 'common']);
  const client = useClient();
  const { message } = App.useApp();
  const [parentId, setParentId] = useState<number | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const move = async () => {
    if (!parentId) return;
    setBusy(true);
    try {
      const moved = await client.post<UnitDetail>(`/api/org/units/${unit.id}/move`, {
        version: unit.version,
        parentId,
      });
      void message.success(t('admin:org.moved', { name: unitName(unit, i18n.language) }));
      setParentId(undefined);
      onMoved(moved);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('admin:org.moveTitle', { name: unitName(unit, i18n.language) })}
      onCancel={onClose}
      onOk={() => void move()}
      okText={t('admin:org.move')}
      okButtonProps={{ disabled: !parentId || parentId === unit.parentId }}
      cancelText={t('common:button.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('admin:org.moveHint', { count: unit.descendantCount })}
      </Typography.Paragraph>
      <Typography.Paragraph>
        {t('admin:org.currentParent')}: {unitName(unit.parent, i18n.language) || '—'}
      </Typography.Paragraph>
      <UnitPicker
        aria-label={t('admin:org.newParent')}
        placeholder={t('admin:org.newParent')}
        value={parentId}
        onChange={setParentId}
        exclude={unit.id}
      />
    </Modal>
  );
}
