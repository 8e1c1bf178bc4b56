import { FilterOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Form, Grid, Input, Row, Select, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListQuery } from '../../api/http.ts';
import type { Query } from '../../api/workbench.ts';
import { unitName } from '../case/labels.tsx';
import { splitList } from '../lists/url-filters.ts';
import { useClient } from '../session.tsx';
import { useCatalogue, useStreets } from './options.ts';

/** The URL keys of the case filters; they are also the API's query parameters. */
export const FILTER_KEYS = [
  'q',
  'status',
  'category',
  'streetId',
  'communityId',
  'channel',
  'from',
  'to',
  'overdue',
  'sort',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type FilterValues = Partial<Record<FilterKey, string>>;

/** The fields a filter bar may offer; `place` is the street and community pair, `registered` the date range. */
export type FilterField =
  | 'q'
  | 'status'
  | 'category'
  | 'place'
  | 'channel'
  | 'registered'
  | 'overdue'
  | 'sort';
export type Sort = NonNullable<CaseListQuery['sort']>;

const STATUSES = ['received', 'dispatched', 'accepted', 'resolved', 'closed', 'merged', 'withdrawn'] as const;
const CHANNELS = ['hotline', 'walk_in', 'portal', 'patrol', 'open311', 'letter_visit'] as const;

/** The filters as API query parameters. */
export function filterQuery(filters: FilterValues): Query {
  const out: Query = {};
  for (const key of FILTER_KEYS) out[key] = filters[key];
  return out;
}

/** Whether filters narrow the list (a tab's count then no longer tells the list's size). */
export function isNarrowed(filters: FilterValues): boolean {
  return FILTER_KEYS.some((k) => k !== 'sort' && filters[k]);
}

/**
 * The filter bar of a case list: the fields the page asks for, each labelled, each applied at once
 * (the keyword on Enter) and written to the URL. On a phone only the keyword shows until the
 * filters are opened.
 */
export function CaseFilters({
  fields,
  filters,
  set,
  sorts = [],
  defaultSort,
}: {
  fields: FilterField[];
  filters: FilterValues;
  set: (changes: Partial<Record<FilterKey, string | null | undefined>>) => void;
  sorts?: Sort[];
  defaultSort?: Sort;
}) {
  const { t, i18n } = useTranslation(['inbox', 'common']);
  const client = useClient();
  const catalogue = useCatalogue(client);
  const streets = useStreets(client);
  const screens = Grid.useBreakpoint();
  const compact = screens.md === false;
  const [open, setOpen] = useState(false);
  const [keyword, setKeyword] = useState(filters.q ?? '');
  const id = useId();
  const language = i18n.language;
  useEffect(() => setKeyword(filters.q ?? ''), [filters.q]);

  const has = (f: FilterField) => fields.includes(f);
  const label = (key: string) => t(`inbox:worklist.filter.${key}` as 'inbox:worklist.filter.status');
  const list = (key: FilterKey) => splitList(filters[key]);
  const setList = (key: FilterKey) => (values: string[]) => set({ [key]: values.join(',') });
  const active = FILTER_KEYS.filter((k) => k !== 'sort' && k !== 'q' && filters[k]).length;
  const street = streets.find((s) => String(s.id) === filters.streetId);
  const any = label('any');

  const keywordField = has('q') && (
    <Col xs={24} md={12} xl={8} key="q">
      <Form.Item label={label('keyword')} htmlFor={`${id}-q`}>
        <Input.Search
          id={`${id}-q`}
          value={keyword}
          allowClear
          placeholder={label('keywordPlaceholder')}
          onChange={(e) => {
            setKeyword(e.target.value);
            if (e.target.value === '' && filters.q) set({ q: null });
          }}
          onSearch={(v) => set({ q: v.trim() || null })}
          enterButton={t('common:button.search')}
        />
      </Form.Item>
    </Col>
  );

  const rest = [
    has('status') && (
      <Col xs={24} sm={12} md={8} xl={6} key="status">
        <Form.Item label={label('status')} htmlFor={`${id}-status`}>
          <Select
            id={`${id}-status`}
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={any}
            value={list('status')}
            onChange={setList('status')}
            options={STATUSES.map((s) => ({ value: s, label: t(`common:status.${s}`) }))}
          />
        </Form.Item>
      </Col>
    ),
    has('category') && (
      <Col xs={24} sm={12} md={8} xl={6} key="category">
        <Form.Item label={label('category')} htmlFor={`${id}-category`}>
          <TreeSelect
            id={`${id}-category`}
            multiple
            allowClear
            showSearch
            treeNodeFilterProp="title"
            maxTagCount="responsive"
            placeholder={any}
            value={list('category')}
            onChange={(v: string[]) => setList('category')(v)}
            treeData={catalogue.groups.map((g) => ({
              value: `group:${g.code}`,
              title: unitName(g, language),
              selectable: false,
              children: g.categories.map((c) => ({ value: c.code, title: unitName(c, language) })),
            }))}
          />
        </Form.Item>
      </Col>
    ),
    has('place') && (
      <Col xs={24} sm={12} md={8} xl={6} key="street">
        <Form.Item label={label('street')} htmlFor={`${id}-street`}>
          <Select
            id={`${id}-street`}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={any}
            value={filters.streetId ? Number(filters.streetId) : undefined}
            onChange={(v?: number) =>
              set({ streetId: v === undefined ? null : String(v), communityId: null })
            }
            options={streets.map((s) => ({ value: s.id, label: unitName(s, language) }))}
          />
        </Form.Item>
      </Col>
    ),
    has('place') && (
      <Col xs={24} sm={12} md={8} xl={6} key="community">
        <Form.Item label={label('community')} htmlFor={`${id}-community`}>
          <Select
            id={`${id}-community`}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!street}
            placeholder={street ? any : label('pickStreetFirst')}
            value={filters.communityId ? Number(filters.communityId) : undefined}
            onChange={(v?: number) => set({ communityId: v === undefined ? null : String(v) })}
            options={(street?.communities ?? []).map((c) => ({ value: c.id, label: unitName(c, language) }))}
          />
        </Form.Item>
      </Col>
    ),
    has('channel') && (
      <Col xs={24} sm={12} md={8} xl={6} key="channel">
        <Form.Item label={label('channel')} htmlFor={`${id}-channel`}>
          <Select
            id={`${id}-channel`}
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            placeholder={any}
            value={list('channel')}
            onChange={setList('channel')}
            options={CHANNELS.map((c) => ({ value: c, label: t(`common:channel.${c}`) }))}
          />
        </Form.Item>
      </Col>
    ),
    has('registered') && (
      <Col xs={24} sm={12} md={8} xl={6} key="registered">
        <Form.Item label={label('registered')} htmlFor={`${id}-from`}>
          <DatePicker.RangePicker
            id={{ start: `${id}-from`, end: `${id}-to` }}
            style={{ width: '100%' }}
            allowEmpty={[true, true]}
            value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
            onChange={(range) =>
              set({
                from: range?.[0]?.format('YYYY-MM-DD') ?? null,
                to: range?.[1]?.format('YYYY-MM-DD') ?? null,
              })
            }
          />
        </Form.Item>
      </Col>
    ),
    has('overdue') && (
      <Col xs={24} sm={12} md={8} xl={6} key="overdue">
        <Form.Item label={label('overdue')} htmlFor={`${id}-overdue`}>
          <Select
            id={`${id}-overdue`}
            allowClear
            placeholder={any}
            value={filters.overdue}
            onChange={(v?: string) => set({ overdue: v ?? null })}
            options={[
              { value: 'true', label: label('overdueYes') },
              { value: 'false', label: label('overdueNo') },
            ]}
          />
        </Form.Item>
      </Col>
    ),
    has('sort') && sorts.length > 1 && (
      <Col xs={24} sm={12} md={8} xl={6} key="sort">
        <Form.Item label={label('sort')} htmlFor={`${id}-sort`}>
          <Select<string>
            id={`${id}-sort`}
            value={filters.sort ?? defaultSort}
            onChange={(v) => set({ sort: v === defaultSort ? null : v })}
            options={sorts.map((s) => ({ value: s, label: t(`inbox:worklist.sort.${s}`) }))}
          />
        </Form.Item>
      </Col>
    ),
  ].filter(Boolean);

  const clear = () => set(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])));
  const toggle = rest.length > 0 && compact && (
    <Button
      icon={<FilterOutlined />}
      aria-expanded={open}
      onClick={() => setOpen((o) => !o)}
      type={active > 0 ? 'primary' : 'default'}
      ghost={active > 0}
    >
      {active > 0 ? t('inbox:worklist.filter.toggleCount', { count: active }) : label('toggle')}
    </Button>
  );

  return (
    <Form layout="vertical" className="worklist-filters" role="search" component="div">
      <Row gutter={[16, 0]} align="bottom">
        {keywordField}
        {(!compact || open) && rest}
        <Col flex="auto" style={{ display: 'flex', gap: 8, justifyContent: 'flex-end', marginBottom: 12 }}>
          {toggle}
          {active + (filters.q ? 1 : 0) > 0 && (!compact || open) && (
            <Button type="link" onClick={clear}>
              {label('clear')}
            </Button>
          )}
        </Col>
      </Row>
    </Form>
  );
}
