import { BulbOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ok } from '../../api/http.ts';
import type { Client } from '../../api/workbench.ts';
import { categoryName, unitName } from '../case/labels.tsx';
import './routing-suggestions.css';

export type RoutingSuggestion = Ok<'/api/routing/suggestions', 'post'>;
export type SuggestedPlace = NonNullable<RoutingSuggestion['place']>;

/** Typing pauses this long before the text is sent: a suggestion per pause, not per key. */
const SUGGEST_DELAY_MS = 400;
/** Fewer characters than this say too little to suggest from. */
const MIN_CHARS = 4;

/** The routing model's suggestions for a text, refreshed as it changes; null while there are none. */
export function useRoutingSuggestion(client: Client, text: string | undefined, address?: string) {
  const [suggestion, setSuggestion] = useState<RoutingSuggestion | null>(null);
  const words = text?.trim() ?? '';
  const where = address?.trim() || undefined;
  useEffect(() => {
    if ([...words].length < MIN_CHARS) {
      setSuggestion(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      client.post<RoutingSuggestion>('/api/routing/suggestions', { text: words, address: where }).then(
        (answer) => current && setSuggestion(answer),
        // Suggestions only help: without them the agent picks as before.
        () => current && setSuggestion(null),
      );
    }, SUGGEST_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, words, where]);
  return suggestion;
}

/**
 * What the routing model reads in a request: up to three categories with how sure it is (one click
 * picks one), the place the text names (one click takes it), and the unit the case would go to.
 */
export function RoutingSuggestions({
  suggestion,
  selected,
  onPickCategory,
  onPickPlace,
}: {
  suggestion: RoutingSuggestion | null;
  /** The category chosen now, shown as picked. */
  selected?: string | undefined;
  onPickCategory: (code: string) => void;
  /** Without it the place is shown, not offered. */
  onPickPlace?: (place: SuggestedPlace) => void;
}) {
  const { t, i18n } = useTranslation('common');
  const language = i18n.language;
  if (!suggestion || (suggestion.categories.length === 0 && !suggestion.place)) return null;
  const { categories, place, unit } = suggestion;
  const placeText =
    place &&
    [place.street, place.community]
      .filter((u) => u !== null)
      .map((u) => unitName(u, language))
      .join(' · ');
  return (
    <section className="routing-suggestions" aria-label={t('routing.title')}>
      {categories.length > 0 && (
        <Space size={[4, 4]} wrap>
          <Typography.Text type="secondary">
            <BulbOutlined /> {t('routing.categories')}
          </Typography.Text>
          {categories.map((c) => (
            <Tag.CheckableTag
              key={c.code}
              checked={selected === c.code}
              onChange={() => onPickCategory(c.code)}
              aria-label={t('routing.pick', {
                name: categoryName(c, language),
                score: Math.round(c.score * 100),
              })}
            >
              {categoryName(c, language)} <span className="routing-score">{Math.round(c.score * 100)}%</span>
            </Tag.CheckableTag>
          ))}
        </Space>
      )}
      {place && (
        <Space size={[4, 4]} wrap>
          <Typography.Text type="secondary">{t('routing.place')}</Typography.Text>
          <Typography.Text>{placeText}</Typography.Text>
          {place.matched.length > 0 && (
            <Typography.Text type="secondary">
              {t('routing.matched', { words: place.matched.join('、') })}
            </Typography.Text>
          )}
          {onPickPlace && (
            <Button size="small" type="link" onClick={() => onPickPlace(place)}>
              {t('routing.usePlace')}
            </Button>
          )}
        </Space>
      )}
      {unit && (
        <Space size={[4, 4]} wrap>
          <Typography.Text type="secondary">{t('routing.unit')}</Typography.Text>
          <Tag>{unitName(unit, language)}</Tag>
        </Space>
      )}
    </section>
  );
}
