import { Alert, Form, Input, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseList, CaseSummary } from '../../api/http.ts';
import { StatusTag } from '../../components/case/labels.tsx';
import { useClient } from '../../components/session.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { type ActionForm, optionalText, postAction } from './action-types.ts';
import type { CaseDetail } from './case-data.ts';

/** A duplicate joins an open case, never a closed or merged one. */
const OPEN = ['received', 'dispatched', 'accepted', 'resolved'];

interface MergeValues {
  intoCaseId?: number;
  note?: string;
}

/**
 * The case to merge into: at first the open cases of the same category at the same place (the
 * likely originals), then whatever a tracking number or words of the title find.
 */
function MergeFields({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation(['case', 'common']);
  const client = useClient();
  const [text, setText] = useState('');
  const [found, setFound] = useState<CaseSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const request = useRef(0);

  useEffect(() => {
    const mine = ++request.current;
    const query = text.trim();
    const nearby = {
      category: detail.category?.code,
      communityId: detail.community?.id,
      streetId: detail.community ? undefined : detail.street?.id,
    };
    if (!query && !nearby.category && !nearby.communityId && !nearby.streetId) {
      setFound([]);
      return;
    }
    setLoading(true);
    const timer = setTimeout(
      () => {
        client
          .get<CaseList>('/api/cases', { ...(query ? { q: query } : nearby), status: OPEN, limit: 20 })
          .then((list) => mine === request.current && setFound(list.items.filter((c) => c.id !== detail.id)))
          .catch(() => mine === request.current && setFound([]))
          .finally(() => mine === request.current && setLoading(false));
      },
      query ? 300 : 0,
    );
    return () => clearTimeout(timer);
  }, [client, text, detail]);

  const options = useMemo(
    () =>
      found.map((c) => ({
        value: c.id,
        label: `${c.trackingNo} · ${c.title}`,
        summary: c,
      })),
    [found],
  );

  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('forms.merge.hint')} />
      <Form.Item
        name="intoCaseId"
        label={t('forms.merge.target')}
        extra={text.trim() ? undefined : t('forms.merge.nearby')}
        rules={[{ required: true, message: t('form.choose', { label: t('forms.merge.target') }) }]}
      >
        <Select
          showSearch={{ filterOption: false, onSearch: setText }}
          options={options}
          loading={loading}
          placeholder={t('forms.merge.placeholder')}
          notFoundContent={loading ? t('common:list.loading') : t('forms.merge.noneFound')}
          optionRender={(option) => {
            const c = (option.data as { summary: CaseSummary }).summary;
            return (
              <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                <Space size={4} wrap>
                  <Typography.Text strong>{c.trackingNo}</Typography.Text>
                  <StatusTag status={c.status} />
                  <Typography.Text type="secondary">
                    {formatDateTime(c.registeredAt, i18n.language)}
                  </Typography.Text>
                </Space>
                <Typography.Text ellipsis>{c.title}</Typography.Text>
              </Space>
            );
          }}
        />
      </Form.Item>
      <Form.Item name="note" label={t('forms.noteLabel')}>
        <Input.TextArea rows={2} maxLength={1000} showCount />
      </Form.Item>
    </>
  );
}

export const mergeForm: ActionForm<MergeValues> = {
  fields: ['intoCaseId', 'note'],
  width: 640,
  Fields: MergeFields as ActionForm<MergeValues>['Fields'],
  send: ({ client, detail, values }) =>
    postAction(client, detail, 'merge', { intoCaseId: values.intoCaseId, note: optionalText(values.note) }),
};
