// How a figure moved against the period before: which way, by how much, and whether that is good.

export type Direction = 'up' | 'down' | 'flat' | 'none';
/** `better`/`worse` by the figure's own sense; `neutral` for a figure that is neither (volumes). */
export type Tone = 'better' | 'worse' | 'neutral';
/** Which way a figure should go: rates up, overdue cases and handling time down, volumes either. */
export type Sense = 'higher' | 'lower' | 'neutral';

export interface Change {
  direction: Direction;
  tone: Tone;
  /** Percentage points for a rate, the difference for a count or hours; null when either side is missing. */
  delta: number | null;
  /** The relative change of a count (0.125 = 12.5 %); null for rates or when the period before had none. */
  relative: number | null;
}

const NONE: Change = { direction: 'none', tone: 'neutral', delta: null, relative: null };

function toneOf(direction: Direction, sense: Sense): Tone {
  if (sense === 'neutral' || direction === 'flat' || direction === 'none') return 'neutral';
  return (direction === 'up') === (sense === 'higher') ? 'better' : 'worse';
}

/**
 * A rate's change in percentage points, to one decimal: a move under 0.05 points is flat, as it
 * reads 0.0 anyway. Either rate missing (nothing counted) gives no comparison.
 */
export function compareRate(now: number | null, before: number | null, sense: Sense = 'higher'): Change {
  if (now === null || before === null) return NONE;
  const delta = Math.round((now - before) * 1000) / 10;
  const direction: Direction = delta === 0 ? 'flat' : delta > 0 ? 'up' : 'down';
  return { direction, tone: toneOf(direction, sense), delta, relative: null };
}

/** A count's or an average's change, with the relative change when the period before had some. */
export function compareValue(now: number | null, before: number | null, sense: Sense): Change {
  if (now === null || before === null) return NONE;
  const delta = Math.round((now - before) * 10) / 10;
  const direction: Direction = delta === 0 ? 'flat' : delta > 0 ? 'up' : 'down';
  return {
    direction,
    tone: toneOf(direction, sense),
    delta,
    relative: before === 0 ? null : (now - before) / before,
  };
}
