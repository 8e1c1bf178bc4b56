import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../../components/session.tsx';
import type { UserList, UserView } from '../api.ts';

/** Picks a staff account by name or username, searching the server as one types. */
export function UserPicker({
  value,
  onChange,
  ...rest
}: {
  value?: number;
  onChange?: (id: number | undefined) => void;
  'aria-label'?: string;
  placeholder?: string;
  style?: React.CSSProperties;
}) {
  const { t } = useTranslation(['admin', 'common']);
  const client = useClient();
  const [options, setOptions] = useState<UserView[]>([]);
  const [chosen, setChosen] = useState<UserView | null>(null);
  const [loading, setLoading] = useState(false);
  const round = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // A search typed just before the picker closes must not run after it is gone.
  useEffect(() => () => clearTimeout(timer.current), []);

  // The chosen account's name, when the page opens with an id in the URL.
  useEffect(() => {
    if (!value || chosen?.id === value) return;
    let live = true;
    client.get<UserView>(`/api/users/${value}`).then(
      (u) => live && setChosen(u),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, value, chosen?.id]);

  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const mine = ++round.current;
      setLoading(true);
      try {
        const list = await client.get<UserList>('/api/users', { q: q.trim() || undefined, limit: 20 });
        if (mine === round.current) setOptions(list.items);
      } catch {
        if (mine === round.current) setOptions([]);
      } finally {
        if (mine === round.current) setLoading(false);
      }
    }, 250);
  };

  const all = chosen && !options.some((o) => o.id === chosen.id) ? [chosen, ...options] : options;
  return (
    <Select<number>
      value={value}
      allowClear
      loading={loading}
      placeholder={rest.placeholder ?? t('admin:audit.anyActor')}
      style={rest.style}
      aria-label={rest['aria-label']}
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(open) => open && options.length === 0 && search('')}
      notFoundContent={loading ? t('common:list.loading') : t('common:list.empty')}
      onChange={(id) => {
        setChosen(all.find((u) => u.id === id) ?? null);
        onChange?.(id ?? undefined);
      }}
      options={all.map((u) => ({
        value: u.id,
        label: t('admin:common.nameWithUsername', { name: u.displayName, username: u.username }),
      }))}
    />
  );
}
