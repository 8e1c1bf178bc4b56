import { Alert, Button, Form, Input, Select, Switch, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryName, unitName } from '../../components/case/labels.tsx';
import { RoutingSuggestions, useRoutingSuggestion } from '../../components/routing/RoutingSuggestions.tsx';
import { useClient } from '../../components/session.tsx';
import { type ActionForm, optionalText, postAction } from './action-types.ts';
import {
  type CaseDetail,
  type Catalogue,
  casePath,
  type OrgTreeNode,
  type RouteSuggestion,
  useReference,
} from './case-data.ts';

interface DispatchValues {
  categoryCode?: string;
  leadUnitId?: number;
  coUnitIds?: number[];
  urgent?: boolean;
  note?: string;
}

interface TreeOption {
  value: number;
  title: string;
  /** Both names and the code, for searching in either language. */
  search: string;
  children: TreeOption[];
}

/** The organisation as picker options, names in the UI's language. */
export function unitOptions(nodes: OrgTreeNode[], language: string): TreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: unitName(n, language),
    search: `${n.nameZh} ${n.nameEn} ${n.code}`.toLowerCase(),
    children: unitOptions(n.children, language),
  }));
}

/** The units of the case's current dispatch round, lead and co. */
export function currentRound(detail: CaseDetail) {
  const round = Math.max(0, ...detail.assignments.map((a) => a.round));
  return detail.assignments.filter((a) => a.round === round && a.state !== 'cancelled');
}

/** The latest return of the case, shown so the dispatcher sees why it came back. */
function lastReturn(detail: CaseDetail) {
  return detail.assignments
    .filter((a) => a.state === 'returned' && a.returnReason)
    .sort((a, b) => b.round - a.round)[0];
}

/**
 * Dispatch: the lead unit defaults to where the category's route sends the case from its place (asked
 * of the server again when the dispatcher reclassifies), co-units to those of the current round.
 */
function DispatchFields({ detail, form }: { detail: CaseDetail; form: ReturnType<typeof Form.useForm>[0] }) {
  const { t, i18n } = useTranslation(['case', 'common']);
  const client = useClient();
  const catalogue = useReference<Catalogue>('/api/categories');
  const tree = useReference<{ roots: OrgTreeNode[] }>('/api/org/tree');
  const categoryCode = Form.useWatch('categoryCode', form) as string | undefined;
  const leadUnitId = Form.useWatch('leadUnitId', form) as number | undefined;
  const [suggestion, setSuggestion] = useState<RouteSuggestion | null>(null);
  /** The lead the route filled in, which a new suggestion may replace; a unit the dispatcher chose stays. */
  const filledIn = useRef<number | undefined>(undefined);
  const back = lastReturn(detail);
  const routing = useRoutingSuggestion(client, detail.description, detail.address ?? undefined);

  useEffect(() => {
    let live = true;
    setSuggestion(null);
    client
      .get<RouteSuggestion>(casePath(detail.id, '/route'), { category: categoryCode })
      .then((s) => {
        if (!live) return;
        setSuggestion(s);
        const current = form.getFieldValue('leadUnitId') as number | undefined;
        // Not back to the unit that just returned it, and not over the dispatcher's own choice.
        const fill = s.lead && s.lead.id !== back?.unit.id ? s.lead.id : undefined;
        if (current === undefined || current === filledIn.current) {
          form.setFieldValue('leadUnitId', fill);
          filledIn.current = fill;
        }
      })
      .catch(() => live && setSuggestion(null));
    return () => {
      live = false;
    };
  }, [client, detail.id, categoryCode, form, back?.unit.id]);

  const units = useMemo(() => unitOptions(tree?.roots ?? [], i18n.language), [tree, i18n.language]);
  const categories = useMemo(
    () =>
      (catalogue?.groups ?? []).map((g) => ({
        label: categoryName(g, i18n.language),
        title: categoryName(g, i18n.language),
        options: g.categories.map((c) => ({
          value: c.code,
          label: `${categoryName(c, i18n.language)} · ${c.code}`,
          search: `${c.nameZh} ${c.nameEn} ${c.code}`.toLowerCase(),
        })),
      })),
    [catalogue, i18n.language],
  );
  const treeProps = {
    treeData: units,
    showSearch: {
      filterTreeNode: (input: string, node: object) =>
        String((node as { search?: string }).search ?? '').includes(input.trim().toLowerCase()),
    },
    allowClear: true,
    treeDefaultExpandedKeys: units.map((u) => u.value),
    fieldNames: { label: 'title', value: 'value', children: 'children' },
    loading: tree === null,
    style: { width: '100%' },
    listHeight: 320,
  };

  return (
    <>
      {detail.triageReason && (
        <Alert
          type={detail.triageReason === 'returned' ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={t(`triageReason.${detail.triageReason as 'returned'}`, {
            defaultValue: detail.triageReason,
          })}
          description={
            back ? (
              <>
                {t('forms.dispatch.returnedBy', { unit: unitName(back.unit, i18n.language) })}
                <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{back.returnReason}</Typography.Text>
              </>
            ) : undefined
          }
        />
      )}
      <RoutingSuggestions
        suggestion={routing}
        selected={categoryCode}
        onPickCategory={(code) => form.setFieldValue('categoryCode', code)}
      />
      <Form.Item
        name="categoryCode"
        label={t('common:field.category')}
        rules={
          detail.category
            ? []
            : [{ required: true, message: t('form.choose', { label: t('common:field.category') }) }]
        }
        extra={detail.category ? undefined : t('forms.dispatch.categoryNeeded')}
      >
        <Select
          showSearch={{
            filterOption: (input, option) =>
              String((option as { search?: string })?.search ?? '').includes(input.trim().toLowerCase()),
          }}
          options={categories}
          loading={catalogue === null}
          placeholder={t('forms.dispatch.categoryPlaceholder')}
        />
      </Form.Item>
      <Form.Item
        name="leadUnitId"
        label={t('forms.dispatch.lead')}
        rules={[{ required: true, message: t('form.choose', { label: t('forms.dispatch.lead') }) }]}
        extra={
          suggestion && (
            <span>
              {suggestion.lead ? (
                <>
                  {t('forms.dispatch.suggested', { unit: unitName(suggestion.lead, i18n.language) })}
                  {suggestion.lead.id === back?.unit.id && t('forms.dispatch.suggestedReturned')}
                  {suggestion.lead.id !== leadUnitId && (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => form.setFieldValue('leadUnitId', suggestion.lead?.id)}
                    >
                      {t('forms.dispatch.useSuggested')}
                    </Button>
                  )}
                </>
              ) : (
                t(`forms.dispatch.noSuggestion.${suggestion.reason ?? 'no_unit'}`)
              )}
            </span>
          )
        }
      >
        <TreeSelect {...treeProps} placeholder={t('forms.dispatch.unitPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="coUnitIds"
        label={t('forms.dispatch.co')}
        extra={t('forms.dispatch.coHint')}
        dependencies={['leadUnitId']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value: number[] | undefined) =>
              value?.includes(getFieldValue('leadUnitId'))
                ? Promise.reject(new Error(t('forms.dispatch.coIsLead')))
                : Promise.resolve(),
          }),
        ]}
      >
        <TreeSelect {...treeProps} multiple placeholder={t('forms.dispatch.coPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="urgent"
        label={t('common:field.urgent')}
        valuePropName="checked"
        extra={t('forms.dispatch.urgentHint')}
      >
        <Switch />
      </Form.Item>
      <Form.Item name="note" label={t('forms.dispatch.note')}>
        <Input.TextArea rows={2} maxLength={1000} showCount />
      </Form.Item>
    </>
  );
}

export const dispatchForm: ActionForm<DispatchValues> = {
  fields: ['categoryCode', 'leadUnitId', 'coUnitIds', 'urgent', 'note'],
  width: 640,
  initialValues: (detail) => {
    const round = currentRound(detail);
    return {
      categoryCode: detail.category?.code,
      leadUnitId: detail.status === 'received' ? undefined : (detail.leadUnit?.id ?? undefined),
      coUnitIds: round.filter((a) => a.role === 'co').map((a) => a.unit.id),
      urgent: detail.urgent,
    };
  },
  Fields: DispatchFields as ActionForm<DispatchValues>['Fields'],
  send: ({ client, detail, values }) =>
    postAction(client, detail, 'dispatch', {
      leadUnitId: values.leadUnitId,
      coUnitIds: values.coUnitIds ?? [],
      categoryCode:
        values.categoryCode && values.categoryCode !== detail.category?.code
          ? values.categoryCode
          : undefined,
      urgent: values.urgent,
      note: optionalText(values.note),
    }),
};
