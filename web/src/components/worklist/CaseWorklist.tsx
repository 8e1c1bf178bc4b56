import { Empty, Grid } from 'antd';
import { type ReactNode, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CaseList, CaseListItem } from '../../api/http.ts';
import type { Query } from '../../api/workbench.ts';
import { CursorTable } from '../lists/CursorTable.tsx';
import { ExportButton } from '../lists/ExportButton.tsx';
import { useClient } from '../session.tsx';
import './worklist.css';
import { type ColumnContext, type ColumnKey, caseColumns, type WorklistColumn } from './columns.tsx';

const PAGE = 50;
/** Export pages are as large as the API allows: fewer round trips for the same rows. */
const EXPORT_PAGE = 200;

/** A column by its key, or a page's own column. */
export type WorklistColumnSpec = ColumnKey | ((ctx: ColumnContext) => WorklistColumn);

/** The spreadsheet's name: the list's name and today's date. */
export function exportFileName(name: string, today = new Date()): string {
  const date = [today.getFullYear(), today.getMonth() + 1, today.getDate()]
    .map((n) => String(n).padStart(2, '0'))
    .join('-');
  return `${name}-${date}.xlsx`.replace(/[\\/:*?"<>|]/g, '_');
}

/**
 * A worklist of cases: the server's page of the list as filtered now, one row per case opening the
 * case page (click, or Enter on the focused row), export of the whole filtered list to .xlsx with
 * columns in the UI language, refresh, and an empty state that says what the list is for.
 */
export function CaseWorklist({
  query,
  columns,
  name,
  emptyText,
  expected,
  onRefresh,
  toolbar,
}: {
  /** The list's API query, without cursor and limit. */
  query: Query;
  columns: WorklistColumnSpec[];
  /** The list's name: the spreadsheet file and sheet. */
  name: string;
  emptyText?: ReactNode;
  /** Rows in the list, when known: the export shows a percentage. */
  expected?: number;
  onRefresh?: () => void;
  toolbar?: ReactNode;
}) {
  const { t, i18n } = useTranslation(['inbox', 'dispatch', 'callbacks', 'common']);
  const client = useClient();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const compact = screens.md === false;
  const key = JSON.stringify(query);

  const chosen = useMemo(() => {
    const ctx: ColumnContext = { t, language: i18n.language, compact };
    const all = caseColumns(ctx);
    return columns.map((spec) => (typeof spec === 'function' ? spec(ctx) : all[spec]));
  }, [columns, t, i18n.language, compact]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the text of `query`
  const fetchPage = useCallback(
    (limit: number) => (cursor: string | null) =>
      client.get<CaseList>('/api/cases', { ...query, cursor, limit }),
    [client, key],
  );
  const load = useMemo(() => fetchPage(PAGE), [fetchPage]);
  const open = (row: CaseListItem) => navigate(`/admin/cases/${row.id}`);

  return (
    <CursorTable<CaseListItem>
      rowKey="id"
      size={compact ? 'small' : 'middle'}
      load={load}
      reloadKey={key}
      onRefresh={onRefresh}
      columns={chosen.map((c) => c.column)}
      emptyText={
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? t('common:list.empty')} />
      }
      aria-label={t('inbox:worklist.caption')}
      onRow={(row) => ({
        tabIndex: 0,
        className: 'worklist-row',
        onClick: () => open(row),
        onKeyDown: (e) => {
          if (e.key === 'Enter' && e.target === e.currentTarget) open(row);
        },
      })}
      toolbar={
        <>
          {toolbar}
          <ExportButton<CaseListItem>
            expected={expected}
            options={() => ({
              fileName: exportFileName(name),
              sheetName: name,
              columns: chosen.flatMap((c) => c.export),
              fetchPage: fetchPage(EXPORT_PAGE),
            })}
          />
        </>
      }
    />
  );
}
