import type { WorkCalendar } from '../../platform/calendar.ts';
import type { CategoryInfo } from '../categories/categories.service.ts';
import { iso, type SimCase, type SlaState } from './cases.seed-case.ts';
import type { Random } from './cases.seed-random.ts';
import type { SeedActor } from './cases.seed-world.ts';

/**
 * Deadlines of the demo cases: the working calendar in epoch milliseconds, the sign and resolve
 * deadlines of a dispatch as the case engine sets them, and the deadline sweep's entries (due soon,
 * overdue, escalated) for a round of handling.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The working calendar (which speaks ISO text) in epoch milliseconds. */
export class Clock {
  constructor(readonly calendar: WorkCalendar) {}

  addWorkingHours(at: number, hours: number): number {
    return Date.parse(this.calendar.addWorkingHours(iso(at), hours));
  }

  addWorkingDays(at: number, days: number): number {
    return Date.parse(this.calendar.addWorkingDays(iso(at), days));
  }

  workingHoursBetween(a: number, b: number): number {
    return this.calendar.workingHoursBetween(iso(a), iso(b));
  }

  dueSoonAt(start: number, due: number): number {
    return Date.parse(this.calendar.dueSoonAt(iso(start), iso(due), 0.8));
  }

  /** As the engine's deadlinesFor: 2 working hours to sign (30 min urgent), the category's days to resolve. */
  deadlines(
    at: number,
    category: Pick<CategoryInfo, 'resolveWorkdays' | 'urgentHours'>,
    urgent: boolean,
  ): { sign: number; resolve: number; soon: number } {
    if (urgent) {
      return {
        sign: at + 30 * MINUTE,
        resolve: at + category.urgentHours * HOUR,
        soon: at + Math.round(category.urgentHours * 60 * 0.8) * MINUTE,
      };
    }
    const resolve = this.addWorkingDays(at, category.resolveWorkdays);
    return { sign: this.addWorkingHours(at, 2), resolve, soon: this.dueSoonAt(at, resolve) };
  }
}

/** A stretch of a round with one resolve deadline: from the dispatch, or from an approved extension. */
interface Segment {
  from: number;
  due: number;
  soon: number;
  state: SlaState;
}

/**
 * What the deadline sweep (run every minute) does to one round of handling: marks it due soon once
 * 80% of its time is gone, overdue at the deadline, escalated a working day later. The round's open
 * stretch is swept in pieces, up to each change the sweep would see (an extension, the end).
 */
export class SlaTrack {
  #segments: Segment[] = [];
  /** When the case was escalated (level 2), if ever. */
  escalatedAt = Number.POSITIVE_INFINITY;

  constructor(
    readonly clock: Clock,
    readonly sweeper: SeedActor,
    readonly r: Random,
  ) {}

  /** A new round: fresh deadlines, nothing marked yet. */
  begin(at: number, due: number, soon: number): void {
    this.#segments = [{ from: at, due, soon, state: 'none' }];
  }

  /** An approved extension at `at` moves the deadline; returns the SLA state the approval sets. */
  extend(c: SimCase, at: number, due: number, soon: number): SlaState {
    this.sweep(c, at);
    const state: SlaState = due <= at ? 'overdue' : soon <= at ? 'due_soon' : 'none';
    this.#segments.push({ from: at, due, soon, state });
    return state;
  }

  /**
   * Records the sweep's entries on the case up to `end` and sets its SLA state as of then; returns
   * when it went overdue in this stretch (0 if it did not).
   */
  sweep(c: SimCase, end: number): number {
    const lead = c.leadUnit?.id ?? null;
    let state: SlaState = 'none';
    let overdueAt = 0;
    const mark = (at: number, action: string, data: object) =>
      c.record(at, this.sweeper, action, c.statusAt(at), { from: c.statusAt(at), unitId: lead, data });
    for (const [i, seg] of this.#segments.entries()) {
      const segmentEnd = Math.min(end, this.#segments[i + 1]?.from ?? Number.POSITIVE_INFINITY);
      const swept = (t: number) => t + this.r.between(1, 60) * 1000;
      const data = { resolveDueAt: iso(seg.due) };
      state = seg.state;
      if (state === 'none') {
        const at = swept(Math.max(seg.soon, seg.from));
        if (at < segmentEnd && at < seg.due) {
          mark(at, 'due_soon', data);
          state = 'due_soon';
        }
      }
      if (state !== 'overdue') {
        const at = swept(Math.max(seg.due, seg.from));
        if (at < segmentEnd) {
          mark(at, 'overdue', data);
          state = 'overdue';
          overdueAt = at;
          c.escalationLevel = Math.max(c.escalationLevel, 1);
        }
      }
      if (state === 'overdue' && c.escalationLevel < 2) {
        const at = swept(Math.max(seg.due + DAY, this.clock.addWorkingDays(seg.due, 1), seg.from));
        if (at < segmentEnd) {
          mark(at, 'escalate', { level: 2 });
          c.escalationLevel = 2;
          this.escalatedAt = at;
        }
      }
    }
    c.slaState = state;
    // Swept up to `end`: what follows starts from there, in the state reached.
    this.#segments = this.#segments.slice(-1).map((s) => ({ ...s, from: Math.max(s.from, end), state }));
    return overdueAt;
  }
}
