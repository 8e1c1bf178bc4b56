import { ArrowDownOutlined, ArrowUpOutlined, InfoCircleOutlined, MinusOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Change, compareRate, compareValue, type Sense } from './compare.ts';
import { formatCount, formatHours, formatPeriod, formatRate } from './format.ts';
import { RATE_KEYS, type Summary } from './types.ts';

/** The district's headline target for the one-time resolution rate (DOMAIN.md: over 90 %). */
export const ONE_TIME_TARGET = 0.9;

/** A change as an arrow and words: up or down by how much, flat, or nothing to compare with. */
export function ChangeLine({
  change,
  unit,
  previous,
}: {
  change: Change;
  unit: 'points' | 'hours' | 'count';
  /** The period compared with, shown on hover. */
  previous?: string;
}) {
  const { t } = useTranslation('dashboard');
  const { direction, tone, delta } = change;
  let text: string;
  if (direction === 'none') text = t('compare.none');
  else if (direction === 'flat') text = t('compare.flat');
  else {
    const value = Math.abs(delta ?? 0);
    const amount =
      unit === 'points'
        ? t('compare.points', { value: value.toFixed(1) })
        : unit === 'hours'
          ? t('compare.hours', { value: value.toFixed(1) })
          : t('compare.count', { value });
    text = amount;
  }
  const icon =
    direction === 'up' ? (
      <ArrowUpOutlined />
    ) : direction === 'down' ? (
      <ArrowDownOutlined />
    ) : (
      <MinusOutlined />
    );
  const line = (
    <span className={`dashboard-change is-${tone}`} data-direction={direction} data-tone={tone}>
      {direction !== 'none' && <span aria-hidden>{icon}</span>}
      {(direction === 'up' || direction === 'down') && (
        <span className="dashboard-sr-only">{t(`compare.${direction}`)}</span>
      )}
      <span>{text}</span>
      <span className="dashboard-change-label">{t('compare.label')}</span>
    </span>
  );
  return previous ? <Tooltip title={previous}>{line}</Tooltip> : line;
}

/** The bar under a rate: how full it is, with the target marked on the headline figure. */
function RateBar({ rate, target }: { rate: number | null; target?: number }) {
  return (
    <div className="dashboard-rate-bar" aria-hidden>
      <div className="dashboard-rate-fill" style={{ width: `${Math.round((rate ?? 0) * 100)}%` }} />
      {target !== undefined && <div className="dashboard-rate-target" style={{ left: `${target * 100}%` }} />}
    </div>
  );
}

/**
 * The six figures of DOMAIN.md as cards: the rate, its parts, and how it moved against the period
 * before. The one-time resolution rate leads, with its target.
 */
export function FigureCards({ summary }: { summary: Summary }) {
  const { t, i18n } = useTranslation('dashboard');
  const { rates } = summary.figures;
  const before = summary.previous;
  const previous = before
    ? t('compare.previous', {
        period: formatPeriod(before.period.from, lastDay(before.period.to), i18n.language),
      })
    : undefined;
  return (
    <ul className="dashboard-figures" aria-label={t('title')}>
      {RATE_KEYS.map((key) => {
        const rate = rates[key];
        const headline = key === 'oneTimeResolution';
        const change = compareRate(rate.rate, before ? before.figures.rates[key].rate : null);
        return (
          <li
            key={key}
            className={`dashboard-figure${headline ? ' is-headline' : ''}`}
            data-testid={`figure-${key}`}
          >
            <div className="dashboard-figure-name">
              <span>{t(`figure.${key}`)}</span>
              <Tooltip title={t(`rule.${key}`)}>
                <InfoCircleOutlined aria-label={t(`rule.${key}`)} tabIndex={0} />
              </Tooltip>
            </div>
            <div className="dashboard-figure-value">{rate.rate === null ? '—' : formatRate(rate.rate)}</div>
            <RateBar rate={rate.rate} target={headline ? ONE_TIME_TARGET : undefined} />
            <div className="dashboard-figure-meta">
              {rate.denominator === 0
                ? t('noData')
                : t('ratio', {
                    numerator: formatCount(rate.numerator, i18n.language),
                    denominator: formatCount(rate.denominator, i18n.language),
                  })}
              {headline && (
                <span className="dashboard-figure-target">
                  {t('target', { value: formatRate(ONE_TIME_TARGET) })}
                </span>
              )}
            </div>
            <ChangeLine change={change} unit="points" previous={previous} />
          </li>
        );
      })}
    </ul>
  );
}

/** `to` of the API is the day after the period. */
export function lastDay(to: string): string {
  return new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

type VolumeKey =
  | 'registered'
  | 'resolved'
  | 'backlog'
  | 'handlingNow'
  | 'overdueNow'
  | 'supervisedNow'
  | 'averageHours';

/**
 * The volumes beside the rates: what came in and went out in the period, what stands now, and the
 * average handling time; the period's flows are compared with the period before.
 */
export function VolumeStrip({ summary, onOverdue }: { summary: Summary; onOverdue?: () => void }) {
  const { t, i18n } = useTranslation('dashboard');
  const { volumes } = summary.figures;
  const before = summary.previous;
  const items: {
    key: VolumeKey;
    value: string;
    change?: Change;
    unit?: 'count' | 'hours';
    alert?: boolean;
    hint?: string;
  }[] = [
    {
      key: 'registered',
      value: formatCount(volumes.registered, i18n.language),
      change: compare(volumes.registered, before?.figures.volumes.registered, 'neutral'),
      unit: 'count',
    },
    {
      key: 'resolved',
      value: formatCount(volumes.resolved, i18n.language),
      change: compare(volumes.resolved, before?.figures.volumes.resolved, 'neutral'),
      unit: 'count',
    },
    { key: 'backlog', value: formatCount(volumes.backlog, i18n.language) },
    { key: 'handlingNow', value: formatCount(summary.handling.now, i18n.language) },
    {
      key: 'overdueNow',
      value: formatCount(summary.figures.overdueNow, i18n.language),
      alert: summary.figures.overdueNow > 0,
    },
    { key: 'supervisedNow', value: formatCount(summary.handling.supervisedNow, i18n.language) },
    {
      key: 'averageHours',
      value: formatHours(summary.handling.averageHours),
      change: compareValue(summary.handling.averageHours, before?.averageHandlingHours ?? null, 'lower'),
      unit: 'hours',
      hint: t('volume.averageHint'),
    },
  ];
  return (
    <ul className="dashboard-volumes">
      {items.map((item) => {
        const label = (
          <span className="dashboard-volume-name">
            {t(`volume.${item.key}`)}
            {item.hint && (
              <Tooltip title={item.hint}>
                <InfoCircleOutlined aria-label={item.hint} tabIndex={0} />
              </Tooltip>
            )}
          </span>
        );
        const value = (
          <span className={`dashboard-volume-value${item.alert ? ' is-alert' : ''}`}>
            {item.value}
            <small>{item.key === 'averageHours' ? t('volume.hoursUnit') : t('volume.casesUnit')}</small>
          </span>
        );
        return (
          <li key={item.key} data-testid={`volume-${item.key}`}>
            {label}
            {item.key === 'overdueNow' && onOverdue && item.alert ? (
              <button type="button" className="dashboard-link-button" onClick={onOverdue}>
                {value}
              </button>
            ) : (
              value
            )}
            {item.change && before && <ChangeLine change={item.change} unit={item.unit ?? 'count'} />}
          </li>
        );
      })}
    </ul>
  );
}

function compare(now: number, before: number | undefined, sense: Sense): Change {
  return compareValue(now, before ?? null, sense);
}
