import { Select, type SelectProps, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryName } from '../../components/case/labels.tsx';
import type { Catalogue, Category, CategoryGroup } from './intake-types.ts';
import { matchRank } from './search.ts';

interface Entry {
  category: Category;
  group: CategoryGroup;
}

/** `城市管理 › 垃圾清运与环境卫生` in the UI's language. */
export function categoryPath(entry: Entry, language: string): string {
  return `${categoryName(entry.group, language)} › ${categoryName(entry.category, language)}`;
}

/** Every category of the catalogue with its group, in display order. */
export function entriesOf(catalogue: Catalogue | undefined): Entry[] {
  return (catalogue?.groups ?? []).flatMap((group) =>
    group.categories.map((category) => ({ category, group })),
  );
}

/**
 * A category picker for the keyboard: grouped when idle; while typing, one list of the matches,
 * best first, found by Chinese words, pinyin initials (`zs` → 噪声), pinyin, English or code.
 */
export function CategoryPicker({
  id,
  catalogue,
  value,
  onChange,
  status,
}: {
  id?: string;
  catalogue: Catalogue | undefined;
  value?: string;
  onChange?: (code: string | undefined) => void;
  status?: 'error';
}) {
  const { t, i18n } = useTranslation('intake');
  const language = i18n.language;
  const [search, setSearch] = useState('');
  const entries = useMemo(() => entriesOf(catalogue), [catalogue]);
  const byCode = useMemo(() => new Map(entries.map((e) => [e.category.code, e])), [entries]);

  const options = useMemo((): SelectProps['options'] => {
    const option = (entry: Entry, withGroup: boolean) => ({
      value: entry.category.code,
      label: withGroup ? categoryPath(entry, language) : categoryName(entry.category, language),
    });
    if (search.trim() === '') {
      return (catalogue?.groups ?? []).map((group) => ({
        label: categoryName(group, language),
        title: categoryName(group, language),
        options: group.categories.map((category) => option({ category, group }, false)),
      }));
    }
    return entries
      .map((entry) => ({ entry, rank: matchRank(search, entry.category, entry.group) }))
      .filter((hit): hit is { entry: Entry; rank: number } => hit.rank !== null)
      .sort((a, b) => a.rank - b.rank)
      .map((hit) => option(hit.entry, true));
  }, [catalogue, entries, search, language]);

  return (
    <Select
      id={id}
      value={value}
      onChange={(code?: string) => onChange?.(code)}
      options={options}
      status={status}
      allowClear
      placeholder={t('category.placeholder')}
      loading={!catalogue}
      virtual={false}
      listHeight={320}
      showSearch={{
        searchValue: search,
        onSearch: setSearch,
        filterOption: false,
        autoClearSearchValue: true,
      }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
      notFoundContent={<Typography.Text type="secondary">{t('category.empty')}</Typography.Text>}
      labelRender={({ value: code, label }) => {
        const entry = byCode.get(String(code));
        return entry ? categoryPath(entry, language) : label;
      }}
    />
  );
}
