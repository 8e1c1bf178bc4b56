import { Flex, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DuplicateCandidate, DuplicateReason } from '../../api/http.ts';
import { categoryName, DateTime, StatusTag, unitName } from './labels.tsx';

/** One reason a case is offered, as people read it: 同一分类, 相距约 120 米, 用词相近：井盖、松动. */
export function ReasonTag({ reason }: { reason: DuplicateReason }) {
  const { t } = useTranslation(['case', 'common']);
  const sep = t('case:listSeparator', { defaultValue: '、' });
  switch (reason.kind) {
    case 'similar_words':
      return (
        <Tag color="gold">
          {reason.words?.length
            ? t('case:duplicates.reason.similar_words', { words: reason.words.join(sep) })
            : t('case:duplicates.reason.similar_text')}
        </Tag>
      );
    case 'same_address':
      return (
        <Tag color="volcano">
          {t('case:duplicates.reason.same_address', { words: (reason.words ?? []).join(sep) })}
        </Tag>
      );
    case 'nearby':
      return <Tag color="volcano">{t('case:duplicates.reason.nearby', { metres: reason.metres ?? 0 })}</Tag>;
    case 'same_compound':
    case 'same_community':
      return <Tag color="volcano">{t(`case:duplicates.reason.${reason.kind}`)}</Tag>;
    default:
      return <Tag color="blue">{t(`case:duplicates.reason.${reason.kind}`)}</Tag>;
  }
}

/**
 * Open cases likely about the same problem, best first: number (opening the case), status, title,
 * place, when registered, how alike and why; `action` adds a button to each.
 */
export function DuplicateCandidateList({
  items,
  action,
  newWindow = false,
  label,
}: {
  items: DuplicateCandidate[];
  action?: (c: DuplicateCandidate) => ReactNode;
  /** Open a case in a new window (the intake form must not lose what was typed). */
  newWindow?: boolean;
  label: string;
}) {
  const { t, i18n } = useTranslation(['case', 'common']);
  return (
    <ul className="duplicate-list" aria-label={label} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((c) => {
        const place = c.place ?? c.community ?? c.street;
        return (
          <li key={c.id} style={{ padding: '8px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}>
            <Flex justify="space-between" align="flex-start" gap={8} wrap>
              <Flex vertical gap={2} style={{ flex: 1, minWidth: 200 }}>
                <Space size={6} wrap>
                  <Link
                    to={`/admin/cases/${c.id}`}
                    {...(newWindow ? { target: '_blank', rel: 'noopener' } : {})}
                  >
                    {c.trackingNo}
                  </Link>
                  <StatusTag status={c.status} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('case:duplicates.score', { percent: Math.round(c.score * 100) })}
                  </Typography.Text>
                </Space>
                <Typography.Text style={{ overflowWrap: 'anywhere' }}>{c.title}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[categoryName(c.category, i18n.language), unitName(place, i18n.language)]
                    .filter(Boolean)
                    .join(' · ')}
                  {' · '}
                  <DateTime value={c.registeredAt} />
                </Typography.Text>
                <Space size={[0, 4]} wrap>
                  {c.reasons.map((r) => (
                    <ReasonTag key={r.kind} reason={r} />
                  ))}
                </Space>
              </Flex>
              {action?.(c)}
            </Flex>
          </li>
        );
      })}
    </ul>
  );
}
