import type { Db } from '../../db/database.ts';
import type { AssignmentState, Rating } from '../../db/types.ts';
import type { Rate } from './figures.schema.ts';
import { type CallbackSpec, type DispatchSpec, ensureCategory, makeCase } from './figures.test-support.ts';

/** A dispatch in one line: unit, sent, sign deadline, signed (or null), state, ended. */
function sent(
  unit: string,
  at: string,
  signDue: string,
  signedAt: string | null,
  state: AssignmentState,
  endedAt?: string,
  more: { role?: 'lead' | 'co'; round?: number } = {},
): DispatchSpec {
  return {
    unit,
    at,
    signDue,
    state,
    ...(signedAt ? { signedAt } : {}),
    ...(endedAt ? { endedAt } : {}),
    ...more,
  };
}

/** A callback in one line: when, answered, solved, rating. */
function called(at: string, answered: boolean, solved?: boolean, rating?: Rating): CallbackSpec {
  return { at, answered, ...(solved === undefined ? {} : { solved }), ...(rating ? { rating } : {}) };
}

/**
 * The hand-built history the figures tests work out on paper: 14 cases around March and April 2026
 * in street GL (community GL01) and street JX (community JX01), plus one district case with no place
 * and no category. Times are Beijing time. The tests' comments call them C1…C14.
 */
export async function buildHistory(db: Db): Promise<void> {
  await ensureCategory(db, 'UM01', '垃圾清运与环境卫生', 'Garbage collection and sanitation');
  await ensureCategory(db, 'UM02', '违章搭建', 'Illegal construction');
  const gl = { street: 'GL', community: 'GL01' };
  const jx = { street: 'JX', community: 'JX01' };
  const [glEnf, jxEnf] = ['GL-ENFORCEMENT', 'JX-ENFORCEMENT'];
  // C1: signed and resolved on time, called back solved and satisfied, closed.
  await makeCase(db, {
    ...gl,
    category: 'UM01',
    channel: 'hotline',
    status: 'closed',
    registeredAt: '2026-03-02 09:00',
    dispatches: [
      sent(glEnf, '2026-03-02 09:30', '2026-03-02 11:30', '2026-03-02 10:00', 'resolved', '2026-03-04 15:00'),
    ],
    resolveDueAt: '2026-03-05 18:00',
    resolvedAt: '2026-03-04 15:00',
    closedAt: '2026-03-05 10:00',
    callbacks: [called('2026-03-05 10:00', true, true, 'satisfied')],
  });
  // C2: signed late; an unsolved, dissatisfied callback reopened it; round 2 signed and resolved on time.
  await makeCase(db, {
    ...gl,
    category: 'UM01',
    channel: 'portal',
    status: 'closed',
    registeredAt: '2026-03-03 08:00',
    reopenCount: 1,
    dispatches: [
      sent(glEnf, '2026-03-03 08:30', '2026-03-03 10:30', '2026-03-03 11:00', 'resolved', '2026-03-07 09:00'),
      sent(
        glEnf,
        '2026-03-08 11:00',
        '2026-03-08 13:00',
        '2026-03-08 12:00',
        'resolved',
        '2026-03-10 16:00',
        { round: 2 },
      ),
    ],
    resolveDueAt: '2026-03-12 18:00',
    resolvedAt: '2026-03-10 16:00',
    closedAt: '2026-03-11 09:00',
    callbacks: [
      { ...called('2026-03-08 10:00', true, false, 'dissatisfied'), reopened: true },
      called('2026-03-11 09:00', true, true, 'basically_satisfied'),
    ],
  });
  // C3: an enquiry answered at intake: resolved and closed at once, without a deadline.
  await makeCase(db, {
    ...gl,
    category: 'UM02',
    channel: 'walk_in',
    kind: 'enquiry',
    status: 'closed',
    answeredAtIntake: true,
    registeredAt: '2026-03-10 14:00',
    resolvedAt: '2026-03-10 14:05',
    closedAt: '2026-03-10 14:05',
  });
  // C4: located in GL only; misrouted to JX-ENFORCEMENT (returned), then signed on time by GL-ENFORCEMENT; overdue.
  await makeCase(db, {
    street: 'GL',
    category: 'UM02',
    channel: 'hotline',
    status: 'accepted',
    registeredAt: '2026-03-15 10:00',
    dispatches: [
      sent(jxEnf, '2026-03-15 10:30', '2026-03-15 12:30', null, 'returned', '2026-03-15 11:00'),
      sent(glEnf, '2026-03-15 13:00', '2026-03-15 15:00', '2026-03-15 14:00', 'accepted', undefined, {
        round: 2,
      }),
    ],
    resolveDueAt: '2026-03-25 18:00',
  });
  // C5: lead signed on time, co-unit GL01 late; resolved at 23:30 on 31 March; the callback reached nobody.
  await makeCase(db, {
    ...gl,
    category: 'UM01',
    channel: 'hotline',
    status: 'resolved',
    registeredAt: '2026-03-20 09:00',
    dispatches: [
      sent(glEnf, '2026-03-20 09:10', '2026-03-20 11:10', '2026-03-20 09:40', 'resolved', '2026-03-31 23:30'),
      sent('GL01', '2026-03-20 09:10', '2026-03-20 11:10', '2026-03-20 11:30', 'reported', undefined, {
        role: 'co',
      }),
    ],
    resolveDueAt: '2026-04-01 18:00',
    resolvedAt: '2026-03-31 23:30',
    callbacks: [called('2026-04-02 10:00', false)],
  });
  // C6: registered 23:30 on 31 March; dispatched 07:30 on 1 April, which is 23:30 UTC on 31 March; repeated.
  await makeCase(db, {
    ...jx,
    category: 'UM01',
    channel: 'portal',
    kind: 'help',
    status: 'closed',
    registeredAt: '2026-03-31 23:30',
    repeated: true,
    dispatches: [
      sent(jxEnf, '2026-04-01 07:30', '2026-04-01 09:30', '2026-04-01 08:00', 'resolved', '2026-04-03 10:00'),
    ],
    resolveDueAt: '2026-04-06 18:00',
    resolvedAt: '2026-04-03 10:00',
    closedAt: '2026-04-04 09:00',
    callbacks: [called('2026-04-04 09:00', true, true, 'satisfied')],
  });
  // C7: an enquiry answered at intake in April.
  await makeCase(db, {
    ...jx,
    category: 'UM02',
    channel: 'hotline',
    kind: 'enquiry',
    status: 'closed',
    answeredAtIntake: true,
    registeredAt: '2026-04-02 10:00',
    resolvedAt: '2026-04-02 10:03',
    closedAt: '2026-04-02 10:03',
  });
  // C8: withdrawn before the unit signed: its cancelled dispatch does not count.
  await makeCase(db, {
    ...jx,
    category: 'UM02',
    channel: 'walk_in',
    status: 'withdrawn',
    registeredAt: '2026-04-05 09:00',
    endedAt: '2026-04-05 12:00',
    dispatches: [sent(jxEnf, '2026-04-05 09:30', '2026-04-05 11:30', null, 'cancelled', '2026-04-05 12:00')],
  });
  // C9: withdrawn after GL-ENFORCEMENT signed on time: its cancelled dispatch counts.
  await makeCase(db, {
    ...gl,
    category: 'UM01',
    channel: 'hotline',
    status: 'withdrawn',
    registeredAt: '2026-04-10 09:00',
    endedAt: '2026-04-11 10:00',
    lead: null,
    dispatches: [
      sent(
        glEnf,
        '2026-04-10 09:30',
        '2026-04-10 11:30',
        '2026-04-10 10:00',
        'cancelled',
        '2026-04-11 10:00',
      ),
    ],
  });
  // C10: still in triage, no lead unit.
  await makeCase(db, {
    ...gl,
    category: 'UM02',
    channel: 'portal',
    status: 'received',
    registeredAt: '2026-04-12 15:00',
  });
  // C11: signed late, being handled, deadline far away (not overdue).
  await makeCase(db, {
    ...jx,
    category: 'UM01',
    channel: 'hotline',
    status: 'accepted',
    registeredAt: '2026-04-20 10:00',
    dispatches: [sent(jxEnf, '2026-04-20 10:30', '2026-04-20 12:30', '2026-04-20 12:45', 'accepted')],
    resolveDueAt: '2099-01-01 00:00',
  });
  // C12: no place, no category; the district housing bureau resolved it late; solved but dissatisfied.
  await makeCase(db, {
    channel: 'hotline',
    status: 'closed',
    registeredAt: '2026-04-15 09:00',
    dispatches: [
      sent(
        'HS-HOUSING',
        '2026-04-15 09:30',
        '2026-04-15 11:30',
        '2026-04-15 10:00',
        'resolved',
        '2026-04-18 10:00',
      ),
    ],
    resolveDueAt: '2026-04-17 18:00',
    resolvedAt: '2026-04-18 10:00',
    closedAt: '2026-04-19 10:00',
    callbacks: [called('2026-04-19 10:00', true, true, 'dissatisfied')],
  });
  // C13: registered in February, resolved late in March, called back solved without a rating.
  await makeCase(db, {
    ...jx,
    category: 'UM01',
    channel: 'hotline',
    status: 'closed',
    registeredAt: '2026-02-25 10:00',
    dispatches: [
      sent(jxEnf, '2026-02-25 10:30', '2026-02-25 12:30', '2026-02-25 11:00', 'resolved', '2026-03-06 10:00'),
    ],
    resolveDueAt: '2026-03-05 18:00',
    resolvedAt: '2026-03-06 10:00',
    closedAt: '2026-03-07 10:00',
    callbacks: [called('2026-03-07 10:00', true, true)],
  });
  // C14: merged into another case within the hour.
  await makeCase(db, {
    ...gl,
    category: 'UM01',
    channel: 'portal',
    status: 'merged',
    registeredAt: '2026-03-25 10:00',
    endedAt: '2026-03-25 11:00',
  });
}

/** A rate as worked out on paper: numerator, denominator and the fraction to four decimals. */
export const R = (numerator: number, denominator: number, rate: number | null): Rate => ({
  numerator,
  denominator,
  rate,
});

export const MARCH = 'from=2026-03-01&to=2026-04-01';
export const APRIL = 'from=2026-04-01&to=2026-05-01';
export const BOTH = 'from=2026-03-01&to=2026-05-01';

// The figures of the history above, worked out on paper.
// March, district (C1–C6 and C14 registered; C13 from February acts in March).
export const marchDistrict = {
  volumes: {
    registered: 7,
    dispatches: 7,
    returns: 1,
    resolved: 5,
    callbacksAnswered: 4,
    ratings: 3,
    closed: 4,
    backlog: 3,
  },
  rates: {
    firstContactResolution: R(1, 7, 0.1429), // C3 answered at intake / C1 C2 C3 C4 C5 C6 C14
    response: R(4, 7, 0.5714), // on time: C1, C2 round 2, C4 to GL-ENF, C5 lead / + C2 round 1, C4 returned, C5 co
    onTime: R(4, 5, 0.8), // C1, C2 (latest resolution), C3 (no deadline), C5 (23:30 on 31 March) / + C13 late
    resolution: R(3, 4, 0.75), // C1, C2 2nd, C13 solved / + C2 1st callback unsolved
    satisfaction: R(2, 3, 0.6667), // C1 satisfied, C2 basically / + C2 dissatisfied (C13 gave no rating)
    oneTimeResolution: R(3, 4, 0.75), // closed C1, C3, C13 first time / + C2 reopened
    routingAccuracy: R(6, 7, 0.8571), // 1 − C4's return / 7 dispatches
  },
  overdueNow: 1, // C4, accepted, due 25 March; C11 is due in 2099
};
// Backlog at the end of March: C4 (accepted), C5 (resolved, awaiting callback), C6 (closed 4 April).

// April, district (C7–C12 registered; C6 dispatched 07:30 on 1 April counts here, not in March).
export const aprilDistrict = {
  volumes: {
    registered: 6,
    dispatches: 4,
    returns: 0,
    resolved: 3,
    callbacksAnswered: 2,
    ratings: 2,
    closed: 3,
    backlog: 4,
  },
  rates: {
    firstContactResolution: R(1, 6, 0.1667), // C7 / C7 C8 C9 C10 C11 C12
    response: R(3, 4, 0.75), // C6, C9 (signed, then withdrawn), C12 / + C11 late; C8 cancelled unsigned is out
    onTime: R(2, 3, 0.6667), // C6, C7 / + C12 late
    resolution: R(2, 2, 1), // C6, C12 solved (C5's unanswered callback is out)
    satisfaction: R(1, 2, 0.5), // C6 satisfied / + C12 dissatisfied
    oneTimeResolution: R(2, 3, 0.6667), // C7, C12 / + C6 repeated
    routingAccuracy: R(4, 4, 1),
  },
  overdueNow: 1,
};
// Backlog at the end of April: C4, C5, C10 (triage), C11; merged C14 and withdrawn C8, C9 never count.
