import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SearchHighlight } from '../../api/http.ts';
import './search-snippets.css';

/**
 * The snippets of a search result: which field matched (description, address, resolution, a note)
 * and its text around the match, the matched words in <mark>. The server sends plain segments, never
 * HTML, so a case's text cannot inject markup.
 */
export function SearchSnippets({ highlights }: { highlights: SearchHighlight[] }) {
  const { t } = useTranslation('case');
  if (highlights.length === 0) return null;
  return (
    <ul className="search-snippets" aria-label={t('search.snippets')}>
      {highlights.map((h, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: snippets are a fixed list per result, never reordered
        <li key={i}>
          <Typography.Text type="secondary">
            {t(`search.field.${h.field}`)}
            {t('colon')}
          </Typography.Text>
          {h.segments.map((s, j) =>
            // biome-ignore lint/suspicious/noArrayIndexKey: segments of one snippet, in order
            s.hit ? <mark key={j}>{s.text}</mark> : <span key={j}>{s.text}</span>,
          )}
        </li>
      ))}
    </ul>
  );
}
