import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ok } from '../../api/http.ts';
import { useClient } from '../../components/session.tsx';

type PersonView = Ok<'/api/persons'>['items'][number];

/**
 * Finds someone already in the Person register by name or phone, so a party who is known stays one
 * Person; clearing it goes back to typing a new person's particulars.
 */
export function PersonPicker({
  value,
  onChange,
  onPicked,
  label,
}: {
  value?: number;
  onChange?: (id: number | undefined) => void;
  /** The person chosen (their name for the card), or null when cleared. */
  onPicked: (person: PersonView | null) => void;
  label: string;
}) {
  const { t } = useTranslation('mediation');
  const client = useClient();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<PersonView[]>([]);
  const [loading, setLoading] = useState(false);
  const request = useRef(0);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) return;
    const mine = ++request.current;
    const timer = setTimeout(async () => {
      setLoading(true);
      try {
        const page = await client.get<Ok<'/api/persons'>>('/api/persons', { q, limit: 10 });
        if (mine === request.current) setFound(page.items);
      } catch {
        if (mine === request.current) setFound([]);
      } finally {
        if (mine === request.current) setLoading(false);
      }
    }, 300);
    return () => clearTimeout(timer);
  }, [client, query]);

  return (
    <Select<number>
      allowClear
      showSearch={{ filterOption: false, onSearch: setQuery }}
      aria-label={label}
      placeholder={t('parties.findPlaceholder')}
      loading={loading}
      value={value}
      notFoundContent={query.trim().length < 2 ? t('parties.findHint') : t('parties.findNone')}
      options={found.map((p) => ({
        value: p.id,
        label: [p.name, p.phone, p.address].filter(Boolean).join(' · '),
      }))}
      onChange={(id) => {
        onChange?.(id);
        onPicked(found.find((p) => p.id === id) ?? null);
      }}
    />
  );
}
