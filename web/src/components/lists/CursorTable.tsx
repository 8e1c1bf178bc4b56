import { Alert, Button, Space, Table, type TableProps } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from './export-xlsx.ts';

export interface CursorTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading'> {
  /** One page of the list as filtered now; `null` is the first page. */
  load: (cursor: string | null) => Promise<Page<T>>;
  /** Changes when the filters change: the table goes back to the first page. */
  reloadKey: string;
  /** Shown above the table, right-aligned: export, refresh, … */
  toolbar?: React.ReactNode;
  /** What an empty list says (default: "no records"). */
  emptyText?: React.ReactNode;
  /** Also called when the user refreshes the list (e.g. to refresh counts shown beside it). */
  onRefresh?: () => void;
}

/**
 * A server-paged table over a keyset-cursor API: "previous" and "next" walk a stack of cursors, so
 * every page is one indexed query however deep the list goes (no total, no offset).
 */
export function CursorTable<T extends object>({
  load,
  reloadKey,
  toolbar,
  emptyText,
  onRefresh,
  ...table
}: CursorTableProps<T>) {
  const { t } = useTranslation('common');
  const [stack, setStack] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<Page<T> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);
  const cursor = stack.at(-1) ?? null;

  const fetchPage = useCallback(
    async (at: string | null) => {
      const mine = ++request.current;
      setLoading(true);
      setError(null);
      try {
        const next = await load(at);
        if (mine === request.current) setPage(next);
      } catch (e) {
        if (mine === request.current) setError(e instanceof Error ? e.message : String(e));
      } finally {
        if (mine === request.current) setLoading(false);
      }
    },
    [load],
  );

  // A new filter set starts from page one: a cursor of the old list is never sent with the new filters.
  const stackKey = useRef(reloadKey);
  // biome-ignore lint/correctness/useExhaustiveDependencies: load changes with reloadKey
  useEffect(() => {
    if (stackKey.current !== reloadKey) {
      stackKey.current = reloadKey;
      if (stack.length > 1) {
        setStack([null]);
        return;
      }
    }
    void fetchPage(cursor);
  }, [cursor, reloadKey]);

  return (
    <div className="cursor-table">
      {(toolbar || error) && (
        <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
          <div>{error && <Alert type="error" showIcon title={error} />}</div>
          <Space wrap>
            {toolbar}
            <Button
              onClick={() => {
                onRefresh?.();
                void fetchPage(cursor);
              }}
            >
              {t('button.refresh')}
            </Button>
          </Space>
        </Space>
      )}
      <Table<T>
        {...table}
        dataSource={page?.items ?? []}
        loading={loading}
        pagination={false}
        locale={{ emptyText: emptyText ?? t('list.empty') }}
        scroll={{ x: 'max-content', ...table.scroll }}
      />
      <Space style={{ marginTop: 12, width: '100%', justifyContent: 'flex-end' }}>
        <span>{t('list.page', { page: stack.length })}</span>
        <Button disabled={stack.length <= 1 || loading} onClick={() => setStack((s) => s.slice(0, -1))}>
          {t('list.previous')}
        </Button>
        <Button
          disabled={!page?.nextCursor || loading}
          onClick={() => page?.nextCursor && setStack((s) => [...s, page.nextCursor])}
        >
          {t('list.next')}
        </Button>
      </Space>
    </div>
  );
}
