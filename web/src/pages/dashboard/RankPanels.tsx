import { FilterOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { categoryName, unitName } from '../../components/case/labels.tsx';
import { formatCount, formatRate } from './format.ts';
import type { Breakdown, BreakdownRow } from './types.ts';

export const TOP_CATEGORIES = 10;
export const TOP_UNITS = 8;

/** The categories with most registrations, most first; cases without a category are left out. */
export function topCategories(breakdown: Breakdown, n = TOP_CATEGORIES): BreakdownRow[] {
  return breakdown.rows
    .filter((r) => r.key !== null && r.figures.volumes.registered > 0)
    .sort((a, b) => b.figures.volumes.registered - a.figures.volumes.registered)
    .slice(0, n);
}

/** The units that sent most dispatches back, most first. */
export function topReturns(breakdown: Breakdown, n = TOP_UNITS): BreakdownRow[] {
  return breakdown.rows
    .filter((r) => r.key !== null && r.figures.volumes.returns > 0)
    .sort(
      (a, b) =>
        b.figures.volumes.returns - a.figures.volumes.returns ||
        (a.figures.rates.routingAccuracy.rate ?? 1) - (b.figures.rates.routingAccuracy.rate ?? 1),
    )
    .slice(0, n);
}

function Bar({ share }: { share: number }) {
  return (
    <span className="dashboard-rank-bar" aria-hidden>
      <span style={{ width: `${Math.max(2, share * 100)}%` }} />
    </span>
  );
}

/** The top categories of the period; choosing one narrows the whole dashboard to it. */
export function CategoryRank({
  breakdown,
  total,
  current,
  onCategory,
}: {
  breakdown: Breakdown;
  total: number;
  current: string | undefined;
  onCategory: (code: string) => void;
}) {
  const { t, i18n } = useTranslation('dashboard');
  const rows = topCategories(breakdown);
  const max = Math.max(1, ...rows.map((r) => r.figures.volumes.registered));
  return (
    <Card
      className="dashboard-card"
      title={t('categories.title')}
      extra={
        <Typography.Text type="secondary">{t('categories.top', { count: TOP_CATEGORIES })}</Typography.Text>
      }
    >
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('categories.empty')} />
      ) : (
        <ol className="dashboard-rank">
          {rows.map((r, i) => {
            const name = categoryName(r.key, i18n.language);
            const n = r.figures.volumes.registered;
            const code = r.key?.code ?? '';
            return (
              <li key={code}>
                <span className={`dashboard-rank-no${i < 3 ? ' is-top' : ''}`}>{i + 1}</span>
                <span className="dashboard-rank-name" title={name}>
                  {name}
                </span>
                <Bar share={n / max} />
                <span className="dashboard-rank-value">
                  {formatCount(n, i18n.language)}
                  <small>{total > 0 ? formatRate(n / total) : ''}</small>
                </span>
                <Tooltip title={t('categories.only', { name })}>
                  <Button
                    size="small"
                    type="text"
                    icon={<FilterOutlined />}
                    aria-label={t('categories.only', { name })}
                    aria-pressed={current === code}
                    onClick={() => onCategory(code)}
                  />
                </Tooltip>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}

/** The units sending most dispatches back as not theirs: where routing rules or duties need fixing. */
export function ReturnsRank({ breakdown }: { breakdown: Breakdown }) {
  const { t, i18n } = useTranslation('dashboard');
  const rows = topReturns(breakdown);
  const max = Math.max(1, ...rows.map((r) => r.figures.volumes.returns));
  return (
    <Card className="dashboard-card" title={t('units.title')}>
      <Typography.Paragraph type="secondary" className="dashboard-card-lead">
        {t('units.lead')}
      </Typography.Paragraph>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('units.empty')} />
      ) : (
        <ol className="dashboard-rank">
          {rows.map((r, i) => {
            const name = unitName(r.key, i18n.language);
            const { returns, dispatches } = r.figures.volumes;
            return (
              <li key={r.key?.code ?? i}>
                <span className={`dashboard-rank-no${i < 3 ? ' is-top' : ''}`}>{i + 1}</span>
                <span className="dashboard-rank-name" title={name}>
                  {name}
                  <small>
                    {t('units.detail', {
                      dispatches: formatCount(dispatches, i18n.language),
                      accuracy: formatRate(r.figures.rates.routingAccuracy.rate),
                    })}
                  </small>
                </span>
                <Bar share={returns / max} />
                <span className="dashboard-rank-value">
                  {formatCount(returns, i18n.language)}
                  <small>{t('volume.returns')}</small>
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
