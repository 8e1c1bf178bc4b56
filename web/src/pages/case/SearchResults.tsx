import { Empty, Grid } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SearchItem, SearchResult } from '../../api/http.ts';
import type { Query } from '../../api/workbench.ts';
import { CursorTable } from '../../components/lists/CursorTable.tsx';
import type { Page } from '../../components/lists/export-xlsx.ts';
import { useClient } from '../../components/session.tsx';
import { type ColumnContext, type ColumnKey, caseColumns } from '../../components/worklist/columns.tsx';
import '../../components/worklist/worklist.css';
import { SearchSnippets } from './SearchSnippets.tsx';

const PAGE = 20;

/**
 * Search results: the cases holding the words, best match first (the server ranks them), each title
 * with the snippets that matched under it; a row opens the case. Pages by the ranking's offset.
 */
export function SearchResults({ query, columns }: { query: Query; columns: ColumnKey[] }) {
  const { t, i18n } = useTranslation(['inbox', 'dispatch', 'callbacks', 'common', 'case']);
  const client = useClient();
  const navigate = useNavigate();
  const compact = Grid.useBreakpoint().md === false;
  const key = JSON.stringify(query);

  const chosen = useMemo(() => {
    const ctx: ColumnContext = { t, language: i18n.language, compact };
    const all = caseColumns(ctx);
    // The snippets go under the title: each result reads as its title, then why it matched.
    return columns.map((k): ColumnType<SearchItem> => {
      // A search item is a worklist item with snippets: the worklist's columns read it as one.
      const column = all[k].column as unknown as ColumnType<SearchItem>;
      if (k !== 'title') return column;
      return {
        ...column,
        render: (value, row, index) => (
          <>
            {column.render ? column.render(value, row, index) : value}
            <SearchSnippets highlights={row.highlights} />
          </>
        ),
      };
    });
  }, [columns, t, i18n.language, compact]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the text of `query`
  const load = useCallback(
    async (cursor: string | null): Promise<Page<SearchItem>> => {
      const result = await client.get<SearchResult>('/api/search', {
        ...query,
        offset: cursor ?? undefined,
        limit: PAGE,
      });
      return {
        items: result.items,
        nextCursor: result.nextOffset === null ? null : String(result.nextOffset),
      };
    },
    [client, key],
  );
  const open = (row: SearchItem) => navigate(`/admin/cases/${row.id}`);

  return (
    <CursorTable<SearchItem>
      rowKey="id"
      size={compact ? 'small' : 'middle'}
      load={load}
      reloadKey={key}
      columns={chosen}
      emptyText={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case:search.empty')} />}
      aria-label={t('case:search.caption')}
      onRow={(row) => ({
        tabIndex: 0,
        className: 'worklist-row',
        onClick: () => open(row),
        onKeyDown: (e) => {
          if (e.key === 'Enter' && e.target === e.currentTarget) open(row);
        },
      })}
    />
  );
}
