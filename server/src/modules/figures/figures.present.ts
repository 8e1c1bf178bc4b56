import type { Counts } from './figures.repo.ts';
import type { Figures, FiguresNow, FiguresSummary, GroupKey, Handling, Rate } from './figures.schema.ts';

/** A ratio as the API shows it: 0..1 to four decimals, null rather than NaN when nothing was counted. */
export function rateOf(numerator: number, denominator: number): Rate {
  return {
    numerator,
    denominator,
    rate: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000,
  };
}

export function zeroCounts(): Counts {
  return {
    registered: 0,
    answeredAtIntake: 0,
    registeredOpenable: 0,
    dispatches: 0,
    signedOnTime: 0,
    returns: 0,
    resolved: 0,
    resolvedOnTime: 0,
    callbacksAnswered: 0,
    callbacksSolved: 0,
    ratings: 0,
    ratingsSatisfied: 0,
    closed: 0,
    closedFirstTime: 0,
    handledResolved: 0,
    handlingMinutes: 0,
    backlog: 0,
    overdueNow: 0,
    handlingNow: 0,
    supervisedNow: 0,
  };
}

/** Adds `more` into `into` (counts of days folding into a week, or of several queries into a group). */
export function addCounts(into: Counts, more: Partial<Counts>): Counts {
  for (const [name, value] of Object.entries(more) as [keyof Counts, number][]) into[name] += value;
  return into;
}

/** The figures of one group or bucket, as defined in DOMAIN.md ("Figures") and the README. */
export function presentFigures(c: Counts): Figures {
  return {
    volumes: {
      registered: c.registered,
      dispatches: c.dispatches,
      returns: c.returns,
      resolved: c.resolved,
      callbacksAnswered: c.callbacksAnswered,
      ratings: c.ratings,
      closed: c.closed,
      backlog: c.backlog,
    },
    rates: {
      firstContactResolution: rateOf(c.answeredAtIntake, c.registered),
      response: rateOf(c.signedOnTime, c.dispatches),
      onTime: rateOf(c.resolvedOnTime, c.resolved),
      resolution: rateOf(c.callbacksSolved, c.callbacksAnswered),
      satisfaction: rateOf(c.ratingsSatisfied, c.ratings),
      oneTimeResolution: rateOf(c.closedFirstTime, c.closed),
      // Returns are counted when they happen and dispatches when sent, so a period can see more
      // returns than dispatches; accuracy then bottoms out at 0 rather than going negative.
      routingAccuracy: rateOf(Math.max(0, c.dispatches - c.returns), c.dispatches),
    },
  };
}

export function presentFiguresNow(c: Counts): FiguresNow {
  return { ...presentFigures(c), overdueNow: c.overdueNow };
}

/** Mean hours of handling, to one decimal; null when no handled case was resolved. */
export function averageHandlingHours(c: Counts): number | null {
  return c.handledResolved === 0 ? null : Math.round((c.handlingMinutes / c.handledResolved / 60) * 10) / 10;
}

export function presentHandling(c: Counts): Handling {
  return {
    now: c.handlingNow,
    supervisedNow: c.supervisedNow,
    resolved: c.handledResolved,
    averageHours: averageHandlingHours(c),
  };
}

/**
 * Names of the case channels (DOMAIN.md glossary). The case engine owns the list; these labels only
 * name breakdown rows, and an unknown code is shown as itself.
 */
const CHANNEL_NAMES: Record<string, { zh: string; en: string }> = {
  hotline: { zh: '热线电话', en: 'Hotline' },
  walk_in: { zh: '窗口接待', en: 'Walk-in' },
  portal: { zh: '居民门户', en: 'Resident portal' },
  open311: { zh: '第三方应用', en: 'Third-party app' },
  patrol: { zh: '巡查上报', en: 'Patrol report' },
  letter_visit: { zh: '信访', en: 'Letters and visits' },
};

export function channelKey(code: string): GroupKey {
  const names = CHANNEL_NAMES[code];
  return { id: null, code, nameZh: names?.zh ?? code, nameEn: names?.en ?? code };
}

function percent(r: Rate): string {
  return r.rate === null ? '—' : `${(r.rate * 100).toFixed(2)}% (${r.numerator}/${r.denominator})`;
}

/** The summary as the command line prints it. */
export function summaryLines(s: FiguresSummary): string[] {
  const { volumes: v, rates: r } = s.figures;
  const by = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || '—';
  return [
    `${s.unit.nameZh} / ${s.unit.nameEn} (${s.unit.code}), ${s.period.from} – ${s.period.to} (exclusive)`,
    `Registered               ${v.registered}   by channel: ${by(s.registeredBy.channel)}`,
    `First-contact resolution ${percent(r.firstContactResolution)}`,
    `Dispatches               ${v.dispatches}   returns: ${v.returns}`,
    `Response rate            ${percent(r.response)}`,
    `Routing accuracy         ${percent(r.routingAccuracy)}`,
    `Resolved                 ${v.resolved}`,
    `On-time rate             ${percent(r.onTime)}`,
    `Callbacks answered       ${v.callbacksAnswered}   ratings: ${v.ratings}`,
    `Resolution rate          ${percent(r.resolution)}`,
    `Satisfaction rate        ${percent(r.satisfaction)}`,
    `Closed                   ${v.closed}`,
    `One-time resolution rate ${percent(r.oneTimeResolution)}`,
    `Backlog at period end    ${v.backlog}   overdue now: ${s.figures.overdueNow}`,
  ];
}
