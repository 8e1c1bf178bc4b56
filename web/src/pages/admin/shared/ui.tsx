import { UploadOutlined } from '@ant-design/icons';
import { Button, type FormInstance, Space, Typography } from 'antd';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/workbench.ts';
import { saveFile } from '../../../components/lists/export-xlsx.ts';
import '../admin.css';

/** The page's title with its main actions beside it (wrapping under it on a phone). */
export function PageHeader({
  title,
  extra,
  children,
}: {
  title: ReactNode;
  extra?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <header style={{ marginBottom: 16 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between', alignItems: 'flex-start' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra && <Space wrap>{extra}</Space>}
      </Space>
      {children && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {children}
        </Typography.Paragraph>
      )}
    </header>
  );
}

/** Something loaded from the server: the value, the error's message, and a way to load it again. */
export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => Promise<void>;
  set: (data: T) => void;
}

/** Loads with `load` now and whenever it changes (keep it in a useCallback); the latest call wins. */
export function useLoaded<T>(load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const round = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++round.current;
    setLoading(true);
    try {
      const value = await load();
      if (mine === round.current) {
        setData(value);
        setError(null);
      }
    } catch (e) {
      if (mine === round.current) setError(e instanceof Error ? e.message : String(e));
    } finally {
      if (mine === round.current) setLoading(false);
    }
  }, [load]);
  useEffect(() => void reload(), [reload]);
  return { data, error, loading, reload, set: setData };
}

/**
 * Puts a 400's field messages under the form's fields: the server names them `body.roles.0.unitId`,
 * the form `['roles', 0, 'unitId']`. Returns how many it placed, so the caller can say "see the
 * fields" or show the whole message instead.
 */
export function showFieldErrors(
  form: FormInstance,
  error: unknown,
  rename: (path: (string | number)[]) => (string | number)[] = (p) => p,
): number {
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const d of errorDetails(error)) {
    if (!d.path.startsWith('body.')) continue;
    const name = rename(
      d.path
        .slice(5)
        .split('.')
        .map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
    );
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(d.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return byField.size;
}

/** Every field detail of a 400, in order (a field may have several). */
export function errorDetails(error: unknown): { path: string; message: string }[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return (error.details as { path?: unknown; message?: unknown }[]).flatMap((d) =>
    typeof d.path === 'string' && typeof d.message === 'string' ? [{ path: d.path, message: d.message }] : [],
  );
}

/** A failure's message for a toast: the server's, already in the user's language. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError || error instanceof Error) return error.message;
  return String(error);
}

/** Saves a value as a pretty-printed .json file. */
export function downloadJson(value: unknown, fileName: string): void {
  saveFile(new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' }), fileName, '');
}

/** Today's local date `YYYY-MM-DD`, for file names. */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A button that opens a .json file and hands over its parsed content (or the parse error). */
export function JsonFileButton({
  label,
  onFile,
  disabled,
}: {
  label: string;
  onFile: (content: unknown, fileName: string) => void;
  disabled?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} disabled={disabled}>
        {label}
      </Button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label={label}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          const text = await file.text();
          try {
            onFile(JSON.parse(text), file.name);
          } catch (error) {
            onFile(error instanceof Error ? error : new Error(String(error)), file.name);
          }
        }}
      />
    </>
  );
}

/** A plain bordered list of rows, each with its content on the left and its buttons on the right. */
export function RowList<T>({
  items,
  rowKey,
  render,
  actions,
  empty,
  selected,
  label,
}: {
  items: T[];
  rowKey: (item: T) => string | number;
  render: (item: T) => ReactNode;
  actions?: (item: T) => ReactNode;
  empty?: ReactNode;
  selected?: (item: T) => boolean;
  label?: string;
}) {
  if (items.length === 0) return <div className="admin-rows-empty">{empty}</div>;
  return (
    <ul className="admin-rows" aria-label={label}>
      {items.map((item) => (
        <li key={rowKey(item)} className={selected?.(item) ? 'selected' : undefined}>
          <div className="admin-rows-main">{render(item)}</div>
          {actions && <div className="admin-rows-actions">{actions(item)}</div>}
        </li>
      ))}
    </ul>
  );
}
