import {
  type CaseDraft,
  iso,
  type MergeFinder,
  type SimAssignment,
  SimCase,
  type SimExtension,
} from './cases.seed-case.ts';
import { SlaTrack } from './cases.seed-deadlines.ts';
import type { Random } from './cases.seed-random.ts';
import type { SeedActor, SeedCategory, SeedUnit, SeedWorld } from './cases.seed-world.ts';

/**
 * The life of one demo case, from registration to where it stands now, written exactly as the case
 * services would have written it: the same statuses, columns, assignment rounds, deadlines on the
 * working calendar, history entries (with the sweep's due-soon, overdue and escalation entries) and
 * version count. Pure and synchronous: times are epoch milliseconds until the rows are written.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const AUTO_CLOSE_DAYS = 7;
const MAX_REOPENS = 2;
const WITHDRAWABLE = new Set(['received', 'dispatched', 'accepted']);

/** Plays one case's life forward until it ends, or until now (or until the reporter withdraws it). */
export class CaseSimulation {
  readonly c: SimCase;
  readonly #horizon: number;
  readonly #sla: SlaTrack;
  #round = 0;
  #returnedAt = 0;

  constructor(
    readonly world: SeedWorld,
    readonly r: Random,
    readonly draft: CaseDraft,
    readonly now: number,
    readonly findMergeTarget: MergeFinder,
  ) {
    this.c = new SimCase(draft);
    this.#sla = new SlaTrack(world.clock, world.sweep, r);
    this.#horizon = Math.min(now, draft.withdrawAt ?? Number.POSITIVE_INFINITY);
  }

  run(): SimCase {
    const { c, draft, world } = this;
    const t0 = draft.registeredAt;
    const category = draft.categoryKnown ? draft.category : null;
    c.categoryId = category?.info.id ?? null;
    c.sensitive = category?.info.sensitive ?? false;
    c.record(t0, draft.registrar.actor, 'register', 'received', {
      data: {
        channel: draft.channel,
        category: category?.info.code ?? null,
        place: (draft.place.community ?? draft.place.street)?.code ?? null,
      },
    });
    if (draft.answered) {
      const text = world.texts.answer(this.r, draft.category.info.code, draft.text);
      Object.assign(c, {
        answeredAtIntake: true,
        resolution: text,
        outcome: 'solved',
        resolvedAt: t0,
        closedAt: t0,
        endedAt: t0,
      });
      c.record(t0, draft.registrar.actor, 'answer', 'closed', { note: text });
      c.status = 'closed';
      return c;
    }
    const decided = this.#decideRoute(category);
    if ('unit' in decided) {
      this.#dispatch(t0, world.autoRoute, decided.unit, [], 'auto');
    } else {
      c.triageReason = decided.triage;
      if (!this.#dispatchFromTriage(t0)) return this.#finish();
    }
    this.#handle();
    return this.#finish();
  }

  /** Whether the case gets to `at`: not past now, nor past its withdrawal while it can still be withdrawn. */
  #reach(at: number): boolean {
    return at <= (WITHDRAWABLE.has(this.c.status) ? this.#horizon : this.now);
  }

  #decideRoute(category: SeedCategory | null): { unit: SeedUnit } | { triage: string } {
    if (!category?.routeText) return { triage: 'unknown_category' };
    if (category.info.review) return { triage: 'review' };
    const scope = category.routeText.slice(0, category.routeText.indexOf(':'));
    if ((scope === 'street' || scope === 'community') && this.draft.place.street === null)
      return { triage: 'no_location' };
    const unit = this.world.route(category.routeText, this.draft.place);
    return unit ? { unit } : { triage: 'no_unit' };
  }

  /** A dispatcher picks the case up from triage: merges a duplicate, or classifies and sends it. */
  #dispatchFromTriage(after: number): boolean {
    const { c, draft, world } = this;
    // Most are sent within the hour; unclear ones wait while the dispatcher calls the reporter back.
    const wait = this.r.chance(0.65) ? this.r.between(0.05, 1.2) : this.r.between(3, 40);
    const at = this.world.clock.addWorkingHours(after, wait);
    if (!this.#reach(at)) return false;
    const dispatcher = world.dispatcherFor(draft.truePlace);
    if (c.triageReason === 'unknown_category') {
      const target = this.findMergeTarget(draft, at);
      if (target) {
        this.#merge(at, dispatcher, target);
        return false;
      }
    }
    const lead =
      world.route(draft.category.routeText, draft.truePlace) ?? world.alternativeTo(-1, draft.truePlace);
    if (!lead) return false;
    const co = this.r.chance(0.25) ? world.alternativeTo(lead.id, draft.truePlace) : null;
    this.#dispatch(at, dispatcher, lead, co ? [co] : [], 'manual');
    return true;
  }

  #merge(at: number, dispatcher: SeedActor, target: SimCase): void {
    const { c, draft } = this;
    const note = this.world.texts.pick(this.r, 'mergeNotes');
    target.record(at, dispatcher, 'merge_in', target.statusAt(at), {
      from: target.statusAt(at),
      note,
      data: { from: draft.trackingNo },
    });
    if (draft.reporterId !== null)
      target.reporters.push({ personId: draft.reporterId, sourceCaseId: draft.id, addedAt: at });
    c.record(at, dispatcher, 'merge', 'merged', { note, data: { into: target.draft.trackingNo } });
    Object.assign(c, { status: 'merged', mergedIntoId: target.id, endedAt: at, triageReason: null });
  }

  /** As sendToUnits: earlier live assignments end, a new round goes out with fresh deadlines. */
  #dispatch(
    at: number,
    actor: SeedActor,
    lead: SeedUnit,
    co: SeedUnit[],
    how: 'auto' | 'manual' | 'reopen',
    extra: object = {},
  ) {
    const { c, draft } = this;
    for (const a of this.#current()) {
      if (a.state === 'dispatched' || a.state === 'accepted' || a.state === 'reported')
        Object.assign(a, { state: 'cancelled', endedAt: at });
    }
    this.#round++;
    const due = this.world.clock.deadlines(at, draft.category.info, draft.urgent);
    const by = actor.type === 'staff' ? actor.id : null;
    for (const [unit, role] of [[lead, 'lead'], ...co.map((u) => [u, 'co'])] as [SeedUnit, 'lead' | 'co'][]) {
      this.c.assignments.push({
        unit,
        role,
        round: this.#round,
        state: 'dispatched',
        dispatchedAt: at,
        dispatchedBy: by,
        signDueAt: due.sign,
        signedAt: null,
        signedBy: null,
        report: null,
        reportedAt: null,
        returnReason: null,
        endedAt: null,
      });
    }
    const category = draft.category.info;
    const from = c.status;
    Object.assign(c, {
      status: 'dispatched',
      categoryId: category.id,
      sensitive: category.sensitive || c.sensitive,
      leadUnit: lead,
      triageReason: null,
      dispatchedAt: at,
      signDueAt: due.sign,
      signedAt: null,
      resolveDueAt: due.resolve,
      dueSoonAt: due.soon,
      slaState: 'none',
    });
    this.#sla.begin(at, due.resolve, due.soon);
    const deadlines = { signDueAt: iso(due.sign), resolveDueAt: iso(due.resolve) };
    if (how === 'auto') {
      c.record(at, actor, 'dispatch', 'dispatched', {
        from,
        unitId: lead.id,
        data: { auto: true, lead: lead.code, ...deadlines },
      });
    } else if (how === 'manual') {
      const note = this.r.chance(0.3) ? this.world.texts.pick(this.r, 'dispatchNotes') : null;
      c.record(at, actor, 'dispatch', 'dispatched', {
        from,
        unitId: lead.id,
        note,
        data: {
          lead: lead.code,
          co: co.map((u) => u.code),
          category: category.code,
          ...deadlines,
          redispatch: false,
        },
      });
    } else {
      c.record(at, actor, 'reopen', 'dispatched', { from, unitId: lead.id, ...extra });
    }
  }

  #current(): SimAssignment[] {
    return this.c.assignments.filter((a) => a.round === this.#round);
  }

  #lead(): SimAssignment {
    const lead = this.#current().find((a) => a.role === 'lead');
    if (!lead) throw new Error('a dispatched case without a lead assignment');
    return lead;
  }

  /** Rounds of handling, returns and re-dispatches, callbacks and reopenings, until closed or now. */
  #handle(): void {
    for (;;) {
      const outcome = this.#handleRound();
      if (outcome === 'stopped') return;
      if (outcome === 'returned') {
        const at = this.world.clock.addWorkingHours(this.#returnedAt, this.r.between(0.1, 2.5));
        if (!this.#reach(at)) return;
        const lead = this.world.alternativeTo(this.#lead().unit.id, this.draft.truePlace);
        if (!lead) return;
        this.#dispatch(at, this.world.dispatcherFor(this.draft.truePlace), lead, [], 'manual');
        continue;
      }
      if (this.#callBack() !== 'reopened') return;
    }
  }

  #handleRound(): 'resolved' | 'returned' | 'stopped' {
    const { c, r, draft } = this;
    const lead = this.#lead();
    const co = this.#current().filter((a) => a.role === 'co');
    const handler = this.world.handlerOf(lead.unit);
    const signAt = this.#signTime(lead.dispatchedAt);
    if (c.reopenCount === 0 && c.returnCount < 2 && r.chance(this.#round === 1 ? 0.045 : 0.02)) {
      const signFirst = r.chance(0.45);
      const returnAt = this.world.clock.addWorkingHours(
        signFirst ? signAt : lead.dispatchedAt,
        r.between(0.2, signFirst ? 6 : 1.8),
      );
      if (signFirst) {
        if (!this.#reach(signAt)) return this.#stop();
        this.#sign(lead, signAt, handler);
      }
      this.#coSign(co, returnAt);
      if (!this.#reach(returnAt)) return this.#stop();
      this.#sweep(returnAt);
      this.#return(lead, co, returnAt, handler);
      return 'returned';
    }
    if (!this.#reach(signAt)) return this.#stop();
    this.#sign(lead, signAt, handler);
    this.#coSign(co, Number.POSITIVE_INFINITY);
    let start = signAt;
    const extensionChance = draft.urgent
      ? 0.01
      : 0.05 + Math.min(0.1, draft.category.info.resolveWorkdays * 0.008);
    if (c.reopenCount === 0 && r.chance(extensionChance)) {
      const decided = this.#extension(lead, signAt, handler);
      if (decided === 'stopped') return this.#stop();
      start = Math.max(start, decided);
    }
    let resolveAt = this.#resolveTime(start);
    // Co-units report their part first; the lead unit cannot resolve before the last report.
    for (const a of co) {
      if (a.signedAt === null) return this.#stop();
      const span = resolveAt - a.signedAt;
      const reportAt =
        a.signedAt + (span > 20 * MINUTE ? span * r.between(0.3, 0.9) : r.between(10, 60) * MINUTE);
      resolveAt = Math.max(resolveAt, reportAt + 5 * MINUTE);
      if (!this.#reach(reportAt)) continue;
      const text = this.world.texts.pick(r, 'coReports');
      Object.assign(a, { state: 'reported', report: text, reportedAt: reportAt });
      c.record(reportAt, this.world.handlerOf(a.unit), 'report_part', c.statusAt(reportAt), {
        from: c.statusAt(reportAt),
        unitId: a.unit.id,
        note: text,
      });
    }
    if (!this.#reach(resolveAt)) return this.#stop();
    this.#sweep(resolveAt);
    this.#resolve(lead, resolveAt, handler);
    return 'resolved';
  }

  /** Stops at the horizon: the sweep's entries up to it, and the SLA state the case shows now. */
  #stop(): 'stopped' {
    if (this.c.status === 'dispatched' || this.c.status === 'accepted') this.#sweep(this.#horizon);
    return 'stopped';
  }

  #signTime(dispatchedAt: number): number {
    const late = this.r.chance(0.025);
    if (this.draft.urgent)
      return (
        dispatchedAt + (late ? 30 * MINUTE + this.r.exponential(45 * MINUTE) : this.r.between(2, 29) * MINUTE)
      );
    return this.world.clock.addWorkingHours(
      dispatchedAt,
      late ? 2.05 + this.r.exponential(2.5) : this.r.between(0.02, 1.95),
    );
  }

  #sign(a: SimAssignment, at: number, handler: SeedActor): void {
    Object.assign(a, { state: 'accepted', signedAt: at, signedBy: handler.id });
    Object.assign(this.c, { signedAt: at });
    this.c.record(at, handler, 'sign', 'accepted', { unitId: a.unit.id, data: { late: at > a.signDueAt } });
    this.c.status = 'accepted';
  }

  /** Co-units sign for their part (before `until`); returns the latest signing time. */
  #coSign(co: SimAssignment[], until: number): number {
    let latest = 0;
    for (const a of co) {
      const at = this.#signTime(a.dispatchedAt);
      if (at >= until || !this.#reach(at)) continue;
      const handler = this.world.handlerOf(a.unit);
      Object.assign(a, { state: 'accepted', signedAt: at, signedBy: handler.id });
      this.c.record(at, handler, 'co_sign', this.c.statusAt(at), {
        from: this.c.statusAt(at),
        unitId: a.unit.id,
        data: { late: at > a.signDueAt },
      });
      latest = Math.max(latest, at);
    }
    return latest;
  }

  #return(lead: SimAssignment, co: SimAssignment[], at: number, handler: SeedActor): void {
    const { c } = this;
    const reason = this.world.texts.pick(this.r, 'returnReasons');
    Object.assign(lead, { state: 'returned', returnReason: reason, endedAt: at });
    for (const a of co) if (a.state !== 'cancelled') Object.assign(a, { state: 'cancelled', endedAt: at });
    c.record(at, handler, 'return', 'received', { unitId: lead.unit.id, note: reason });
    this.#returnedAt = at;
    Object.assign(c, {
      status: 'received',
      triageReason: 'returned',
      returnCount: c.returnCount + 1,
      leadUnit: null,
      signDueAt: null,
      signedAt: null,
      resolveDueAt: null,
      dueSoonAt: null,
      slaState: 'none',
    });
  }

  /** The lead unit asks for more days; a dispatcher decides. Returns the decision time, or stops. */
  #extension(lead: SimAssignment, signedAt: number, handler: SeedActor): number | 'stopped' {
    const { c, r, world } = this;
    const due = c.resolveDueAt as number;
    const hours = this.world.clock.workingHoursBetween(signedAt, due);
    if (hours < 1) return signedAt;
    const requestedAt = this.world.clock.addWorkingHours(signedAt, hours * r.between(0.3, 0.85));
    if (!this.#reach(requestedAt)) return 'stopped';
    const days = r.int(2, Math.max(3, Math.min(15, this.draft.category.info.resolveWorkdays)));
    const reason = world.texts.pick(r, 'extensionReasons');
    const ext: SimExtension = {
      unitId: lead.unit.id,
      days,
      reason,
      state: 'pending',
      requestedBy: handler.id,
      requestedAt,
      approvedDays: null,
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
      dueBefore: due,
      dueAfter: null,
    };
    c.extensions.push(ext);
    c.record(requestedAt, handler, 'request_extension', 'accepted', {
      unitId: lead.unit.id,
      note: reason,
      data: { days },
    });
    const decidedAt = this.world.clock.addWorkingHours(requestedAt, r.between(0.2, 6));
    if (!this.#reach(decidedAt)) return 'stopped';
    const approve = r.chance(0.8);
    const granted = approve ? (r.chance(0.8) ? days : r.int(1, days)) : 0;
    const dispatcher = world.dispatcherFor(this.draft.truePlace);
    const note = r.chance(0.5) ? world.texts.pick(r, 'extensionNotes') : null;
    let dueAfter = due;
    if (approve) {
      dueAfter = this.world.clock.addWorkingDays(due, granted);
      const soon = this.world.clock.dueSoonAt(c.dispatchedAt as number, dueAfter);
      this.#sweep(decidedAt);
      const state = this.#sla.extend(c, decidedAt, dueAfter, soon);
      Object.assign(c, {
        resolveDueAt: dueAfter,
        dueSoonAt: soon,
        extendedDays: c.extendedDays + granted,
        slaState: state,
      });
    }
    Object.assign(ext, {
      state: approve ? 'approved' : 'rejected',
      approvedDays: approve ? granted : null,
      decidedBy: dispatcher.id,
      decidedAt,
      decisionNote: note,
      dueAfter,
    });
    c.record(decidedAt, dispatcher, approve ? 'approve_extension' : 'reject_extension', 'accepted', {
      unitId: lead.unit.id,
      note,
      data: { days: granted, dueBefore: iso(due), dueAfter: iso(dueAfter) },
    });
    return decidedAt;
  }

  /** When the lead unit reports it resolved: mostly inside the deadline, sometimes late, rarely very late. */
  #resolveTime(start: number): number {
    const { r, draft } = this;
    const due = this.c.resolveDueAt as number;
    const onTime = r.chance(draft.category.info.resolveWorkdays >= 10 ? 0.88 : 0.915) && due > start;
    const share = 0.05 + 0.93 * r.next() ** 1.4;
    if (draft.urgent) {
      return onTime
        ? start + (due - start) * share
        : Math.max(start, due) + r.exponential(draft.category.info.urgentHours * 0.3 * HOUR);
    }
    if (onTime)
      return this.world.clock.addWorkingHours(
        start,
        Math.max(0.05, this.world.clock.workingHoursBetween(start, due) * share),
      );
    const lateness = r.chance(0.08) ? r.between(15, 110) : 0.2 + r.exponential(5);
    return this.world.clock.addWorkingHours(Math.max(start, due), lateness);
  }

  #resolve(lead: SimAssignment, at: number, handler: SeedActor): void {
    const { c, r, world, draft } = this;
    const roll = r.next();
    const outcome = roll < 0.86 ? 'solved' : roll < 0.97 ? 'explained' : 'not_solvable';
    const { code, groupCode } = draft.category.info;
    const text = world.texts.resolution(r, code, groupCode, outcome, draft.text);
    Object.assign(lead, { state: 'resolved', endedAt: at });
    c.record(at, handler, 'resolve', 'resolved', {
      unitId: lead.unit.id,
      note: text,
      data: { outcome, reason: outcome === 'solved' ? null : text, onTime: at <= (c.resolveDueAt as number) },
    });
    Object.assign(c, { status: 'resolved', resolvedAt: at, outcome, resolution: text });
  }

  /**
   * The agent calls the reporter back. No reporter or no answer in 7 days: the sweep closes it.
   * Dissatisfied and not solved: reopened to the same units.
   */
  #callBack(): 'closed' | 'reopened' | 'stopped' {
    const { c, r, world } = this;
    const resolvedAt = c.resolvedAt as number;
    const autoCloseAt = resolvedAt + AUTO_CLOSE_DAYS * DAY + r.between(1, 60) * 1000;
    const agent = world.agent.actor;
    let at = this.world.clock.addWorkingHours(resolvedAt, r.between(0.3, 10));
    for (let attempt = 0; this.draft.reporterId !== null && attempt < 2 && at < autoCloseAt; attempt++) {
      if (!this.#reach(at)) return 'stopped';
      if (!r.chance(attempt === 0 ? 0.9 : 0.65)) {
        const comment = world.texts.pick(r, 'callbackUnanswered');
        c.callbacks.push({
          at,
          byUser: agent.id,
          answered: false,
          solved: null,
          rating: null,
          comment,
          reopened: false,
        });
        c.record(at, agent, 'callback', 'resolved', {
          note: comment,
          data: { answered: false, solved: null, rating: null, reopened: false },
        });
        at = this.world.clock.addWorkingHours(at, r.between(2, 8));
        continue;
      }
      return this.#answeredCallback(at, agent);
    }
    if (!this.#reach(autoCloseAt)) return 'stopped';
    c.record(autoCloseAt, world.sweep, 'auto_close', 'closed', { data: { days: AUTO_CLOSE_DAYS } });
    Object.assign(c, { status: 'closed', closedAt: autoCloseAt, endedAt: autoCloseAt });
    return 'closed';
  }

  #answeredCallback(at: number, agent: SeedActor): 'closed' | 'reopened' {
    const { c, r, world } = this;
    const solvedChance =
      c.reopenCount > 0 ? 0.93 : c.outcome === 'solved' ? 0.95 : c.outcome === 'explained' ? 0.6 : 0.2;
    const solved = r.chance(solvedChance);
    const roll = r.next();
    const rating = solved
      ? roll < 0.8
        ? 'satisfied'
        : roll < 0.98
          ? 'basically_satisfied'
          : 'dissatisfied'
      : roll < 0.1
        ? 'satisfied'
        : roll < 0.5
          ? 'basically_satisfied'
          : 'dissatisfied';
    const reopen = !solved && rating === 'dissatisfied' && c.reopenCount < MAX_REOPENS;
    const list =
      rating === 'satisfied'
        ? 'callbackSatisfied'
        : rating === 'basically_satisfied'
          ? 'callbackBasic'
          : 'callbackDissatisfied';
    const comment = world.texts.pick(r, list) || null;
    c.callbacks.push({ at, byUser: agent.id, answered: true, solved, rating, comment, reopened: reopen });
    const data = { answered: true, solved, rating, reopened: reopen };
    Object.assign(c, { callbackAt: at, solved, rating });
    if (!reopen) {
      c.record(at, agent, 'callback', 'closed', { note: comment, data });
      Object.assign(c, { status: 'closed', closedAt: at, endedAt: at });
      return 'closed';
    }
    const lead = this.#lead().unit;
    const co = this.#current()
      .filter((a) => a.role === 'co' && a.state !== 'cancelled')
      .map((a) => a.unit);
    c.reopenCount++;
    this.#dispatch(at, agent, lead, co, 'reopen', { note: comment, data });
    Object.assign(c, { resolvedAt: null, outcome: null });
    return 'reopened';
  }

  /** The deadline sweep's entries up to `end`; an overdue case is now and then supervised too. */
  #sweep(end: number): void {
    const overdueAt = this.#sla.sweep(this.c, end);
    if (overdueAt > 0 && !this.c.supervised && this.r.chance(0.2))
      this.#supervise(this.world.clock.addWorkingHours(overdueAt, this.r.between(0.5, 8)), end);
  }

  #supervise(at: number, end: number): void {
    const { c } = this;
    if (at >= end) return;
    const comment = this.world.texts.pick(this.r, 'superviseComments');
    const level = at > this.#sla.escalatedAt ? 2 : 1;
    c.record(at, this.world.supervisor, 'supervise', c.statusAt(at), {
      from: c.statusAt(at),
      unitId: c.leadUnit?.id ?? null,
      note: comment,
      data: { level },
    });
    c.supervised = true;
  }

  /** Withdrawn by the reporter while still being handled; otherwise the case stays as it stands now. */
  #finish(): SimCase {
    const { c, draft } = this;
    const at = draft.withdrawAt;
    if (at !== null && at <= this.now && WITHDRAWABLE.has(c.status)) {
      for (const a of this.#current()) {
        if (a.state === 'dispatched' || a.state === 'accepted' || a.state === 'reported')
          Object.assign(a, { state: 'cancelled', endedAt: at });
      }
      const note = this.world.texts.pick(this.r, 'withdrawReasons');
      const actor = draft.channel === 'portal' ? draft.registrar.actor : this.world.agent.actor;
      c.record(at, actor, 'withdraw', 'withdrawn', { note });
      Object.assign(c, { status: 'withdrawn', endedAt: at, slaState: 'none' });
    }
    c.events.sort((a, b) => a.at - b.at);
    return c;
  }
}
