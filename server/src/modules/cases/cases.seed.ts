import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { forgetAllFigureDays, warmDistrictFigures } from '../figures/figures.service.ts';
import type { Channel } from './cases.schema.ts';
import type { CaseDraft, SimCase } from './cases.seed-case.ts';
import { CaseSimulation } from './cases.seed-lifecycle.ts';
import { Random, WeightedTable } from './cases.seed-random.ts';
import { CaseTexts, reporterMobile, titleOf } from './cases.seed-text.ts';
import {
  type Registrar,
  type SeedCategory,
  type SeedCommunity,
  type SeedPlace,
  SeedWorld,
} from './cases.seed-world.ts';
import {
  BulkWriter,
  isPostgres,
  markRepeated,
  type NewPerson,
  reserveIds,
  reserveTrackingNumbers,
} from './cases.seed-write.ts';

/**
 * `shequ seed --cases N`: a year of realistic demo cases, as the case services would have written
 * them, spread over streets, categories and channels with office-hour and weekday patterns; most
 * closed, the recent ones still open. Generated in memory a chunk at a time and written with
 * multi-row inserts, one transaction per chunk, so a million cases take minutes.
 */

const HOUR = 3_600_000;
const DAY = 86_400_000;
const BEIJING = 8 * HOUR;

/** Relative intake per local hour of the day: office hours heavy, a little at night. */
const HOUR_WEIGHTS = [
  0.15, 0.08, 0.05, 0.04, 0.05, 0.12, 0.35, 0.9, 2, 2.8, 2.9, 2.6, 1.6, 1.7, 2.6, 2.7, 2.5, 2, 1.4, 1.3, 1.2,
  1, 0.7, 0.35,
];
/** Relative intake per month: quieter at Spring Festival and National Day, busier in summer. */
const MONTH_WEIGHTS = [0.85, 0.75, 0.95, 1, 1, 1.05, 1.15, 1.15, 1.05, 0.95, 1, 0.95];
/** How much likelier a category is in its peak months (noise in summer, leaks in the plum rains). */
const PEAK_FACTOR = 1.6;
/** Share of persons in the reporter pool per case: some residents report again and again. */
const POOL_PER_CASE = 0.45;
const REPEAT_WINDOW_MS = 30 * DAY;
/** Cases registered without a category: residents in the portal and apps often pick "other". */
const UNCLASSIFIED: Partial<Record<Channel, number>> = { hotline: 0.03, portal: 0.08, open311: 0.08 };

export interface SeedCasesOptions {
  count: number;
  /** Same seed (and same `now` and database), same cases. */
  seed?: number;
  now?: Date;
  /** How far back the cases reach, in days. */
  days?: number;
  chunkSize?: number;
  onProgress?: (progress: { done: number; total: number; elapsedMs: number }) => void;
}

export interface SeedCasesResult {
  cases: number;
  persons: number;
  elapsedMs: number;
}

/** A case as later cases of the same reporter see it (repeat detection, duplicates). */
interface Recent {
  id: number;
  personId: number;
  categoryId: number | null;
  communityId: number | null;
  registeredAt: number;
  endedAt: number | null;
  closedAt: number | null;
  status: string;
  repeated: boolean;
  /** The simulated case while its chunk is unwritten; null once written. */
  sim: SimCase | null;
  draft: CaseDraft;
}

/**
 * Writes `count` demo cases into a database holding an organisation and categories, with one
 * `system.seed_cases` audit entry; tracking numbers and ids are reserved first, so the API goes on
 * after them.
 */
export async function seedDemoCases(db: Db, options: SeedCasesOptions): Promise<SeedCasesResult> {
  const started = Date.now();
  const world = await SeedWorld.load(db, new CaseTexts());
  if (options.count <= 0) return { cases: 0, persons: 0, elapsedMs: 0 };
  const seeder = new CaseSeeder(db, world, options);
  const result = await seeder.run();
  // The cases were written with past dates behind the engine's back: kept daily figures are stale.
  await forgetAllFigureDays(db);
  await warmDistrictFigures(db);
  await db.transaction().execute((trx) =>
    recordAudit(
      trx,
      { actor: { type: 'system', name: 'seed' }, ip: null, requestId: null },
      {
        action: 'system.seed_cases',
        recordType: 'system',
        after: { count: result.cases, persons: result.persons, seed: options.seed ?? 1 },
      },
    ),
  );
  return { ...result, elapsedMs: Date.now() - started };
}

class CaseSeeder {
  readonly r: Random;
  readonly now: number;
  readonly start: number;
  readonly count: number;
  readonly chunkSize: number;
  readonly writer: BulkWriter;
  readonly #categoriesByMonth: WeightedTable<SeedCategory>[];
  readonly #communities: WeightedTable<SeedCommunity>;
  readonly #channels = new Map<string, WeightedTable<Channel>>();
  readonly #hours = new WeightedTable(HOUR_WEIGHTS.map((w, h) => [h, w] as const));
  // Reporters: a pool per community, created on first use.
  readonly #poolOffset = new Map<number, { offset: number; size: number }>();
  #personIds = new Int32Array(0);
  #personBase = 0;
  #personsCreated = 0;
  #phoneBase = 0;
  #takenPhones = new Set<string>();
  #newPersons: NewPerson[] = [];
  // Recent cases: by reporter (repeats), a ring of repeatable ones, by community in this chunk (duplicates).
  readonly #byPerson = new Map<number, Recent[]>();
  readonly #ring: Recent[] = [];
  #ringNext = 0;
  #chunkByCommunity = new Map<number, SimCase[]>();
  #chunk: SimCase[] = [];
  #chunkRecents: Recent[] = [];
  #repeatedWritten: number[] = [];
  #done = 0;
  readonly #started = Date.now();

  constructor(
    readonly db: Db,
    readonly world: SeedWorld,
    readonly options: SeedCasesOptions,
  ) {
    this.r = new Random(options.seed ?? 1);
    this.now = (options.now ?? new Date()).getTime();
    this.start = this.now - (options.days ?? 365) * DAY;
    this.count = options.count;
    this.chunkSize = options.chunkSize ?? 5000;
    this.writer = new BulkWriter(db);
    this.#categoriesByMonth = Array.from(
      { length: 12 },
      (_, m) =>
        new WeightedTable(
          world.categories.map(
            (c) => [c, c.profile.weight * (c.profile.peakMonths.has(m + 1) ? PEAK_FACTOR : 1)] as const,
          ),
        ),
    );
    this.#communities = new WeightedTable(
      world.communities.map((c) => [c, c.street.weight * c.weight] as const),
    );
  }

  async run(): Promise<{ cases: number; persons: number }> {
    const days = this.#planDays();
    const perDay = new Map(days.map((d) => [d.key, d.count]));
    const firstSeq = await reserveTrackingNumbers(this.db, this.world.district.code, perDay);
    const firstId = await reserveIds(this.db, 'cases', this.count);
    await this.#preparePersons();
    const restoreCache = await this.#widenSqliteCache();
    try {
      let id = firstId;
      for (const day of days) {
        let seq = firstSeq.get(day.key) ?? 1;
        for (const at of this.#timesOf(day)) {
          const trackingNo = `${this.world.district.code}${day.key}${String(seq++).padStart(6, '0')}`;
          this.#add(this.#draft(id++, trackingNo, at, day.month));
          if (this.#chunk.length >= this.chunkSize) await this.#flush();
        }
      }
      await this.#flush();
    } finally {
      await restoreCache();
    }
    return { cases: this.#done, persons: this.#personsCreated };
  }

  /** Local days of the window with how many cases each gets: weekdays busier, holidays and weekends quieter. */
  #planDays(): { key: string; month: number; dayStart: number; count: number }[] {
    const calendar = this.world.calendar;
    const first = Math.floor((this.start + BEIJING) / DAY);
    const last = Math.floor((this.now - 1 + BEIJING) / DAY);
    const hourTotal = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
    const plan = [];
    for (let d = first; d <= last; d++) {
      const dayStart = d * DAY - BEIJING;
      let inside = 0;
      HOUR_WEIGHTS.forEach((w, h) => {
        const from = Math.max(dayStart + h * HOUR, this.start);
        const to = Math.min(dayStart + (h + 1) * HOUR, this.now);
        if (to > from) inside += (w * (to - from)) / HOUR;
      });
      const date = new Date(d * DAY).toISOString().slice(0, 10);
      const weekday = (((d + 4) % 7) + 7) % 7;
      const weekend = weekday === 0 || weekday === 6;
      const working = calendar.isWorkingDay(date);
      const dayFactor = working ? (weekend ? 0.9 : 1) : weekend ? (weekday === 6 ? 0.62 : 0.55) : 0.5;
      const month = Number(date.slice(5, 7));
      const trend = 0.95 + (0.1 * (d - first)) / Math.max(1, last - first);
      const weight = (dayFactor * (MONTH_WEIGHTS[month - 1] ?? 1) * trend * inside) / hourTotal;
      plan.push({ key: date.replaceAll('-', ''), month, dayStart, weight, count: 0 });
    }
    // Largest remainder: the counts add up to exactly `count`.
    const total = plan.reduce((a, p) => a + p.weight, 0);
    let given = 0;
    const remainders = plan.map((p, i) => {
      const exact = (this.count * p.weight) / total;
      p.count = Math.floor(exact);
      given += p.count;
      return { i, rest: exact - p.count };
    });
    remainders.sort((a, b) => b.rest - a.rest || a.i - b.i);
    for (let k = 0; k < this.count - given; k++)
      (plan[(remainders[k] as { i: number }).i] as { count: number }).count++;
    return plan;
  }

  /** The registration instants of a day's cases, by the hour profile, in order. */
  #timesOf(day: { dayStart: number; count: number }): number[] {
    const times: number[] = [];
    for (let i = 0; i < day.count; i++) {
      let at = this.start;
      for (let attempt = 0; attempt < 100; attempt++) {
        at = Math.floor(day.dayStart + this.#hours.draw(this.r) * HOUR + this.r.next() * HOUR);
        if (at >= this.start && at < this.now) break;
      }
      times.push(Math.min(Math.max(at, this.start), this.now - 1));
    }
    return times.sort((a, b) => a - b);
  }

  /** Reporter pools per community, persons' ids reserved, and the phones already in the register. */
  async #preparePersons(): Promise<void> {
    const size = Math.max(200, Math.round(this.count * POOL_PER_CASE));
    const total = this.world.communities.reduce((a, c) => a + c.street.weight * c.weight, 0);
    let offset = 0;
    for (const c of this.world.communities) {
      const n = Math.max(5, Math.round((size * c.street.weight * c.weight) / total));
      this.#poolOffset.set(c.id, { offset, size: n });
      offset += n;
    }
    this.#personIds = new Int32Array(offset);
    this.#personBase = await reserveIds(this.db, 'persons', offset);
    const phones = await this.db
      .selectFrom('persons')
      .select('phone')
      .where('phone', 'is not', null)
      .execute();
    this.#takenPhones = new Set(phones.map((p) => p.phone as string));
    this.#phoneBase = phones.length;
  }

  /** The person behind a reporter slot of a community, created in the register on first use. */
  #reporter(community: SeedCommunity, at: number): { id: number; name: string } {
    const pool = this.#poolOffset.get(community.id) ?? { offset: 0, size: 1 };
    const slot = pool.offset + Math.floor(pool.size * this.r.next() ** 1.6);
    const known = this.#personIds[slot] as number;
    const index = this.#phoneBase + slot;
    if (known !== 0) return { id: known, name: this.world.texts.reporterName(index) };
    let phone = reporterMobile(index);
    for (let k = 1; this.#takenPhones.has(phone); k++)
      phone = reporterMobile(index + k * this.#personIds.length);
    this.#takenPhones.add(phone);
    const id = this.#personBase + this.#personsCreated++;
    this.#personIds[slot] = id;
    const name = this.world.texts.reporterName(index);
    this.#newPersons.push({ id, name, phone, unitId: community.id, createdAt: at });
    return { id, name };
  }

  /** What the intake knew of a new case: channel, kind, category, place, reporter, words. */
  #draft(id: number, trackingNo: string, at: number, month: number): CaseDraft {
    const { r, world } = this;
    const repeatOf = r.chance(0.06) ? this.#repeatable(at) : null;
    const duplicateOf = !repeatOf && r.chance(0.012) ? this.#duplicable(at) : null;
    const model = repeatOf?.draft ?? duplicateOf?.draft;
    const category =
      model?.category ?? (this.#categoriesByMonth[month - 1] as WeightedTable<SeedCategory>).draw(r);
    const community = model?.truePlace.community ?? this.#communities.draw(r);
    const truePlace: SeedPlace = { street: community.street, community };
    const channel: Channel = model ? 'hotline' : this.#channel(category, at);
    const place = repeatOf ? repeatOf.draft.place : this.#intakePlace(channel, truePlace);
    const kind = repeatOf ? 'complaint' : category.profile.kinds.draw(r);

    let reporter: { id: number; name: string } | null = null;
    let anonymous = false;
    if (repeatOf) reporter = { id: repeatOf.personId, name: '' };
    else if (channel === 'patrol') reporter = null;
    else if (channel === 'hotline' && r.chance(0.05)) anonymous = true;
    else if (!(channel === 'open311' && r.chance(0.1))) {
      reporter = this.#reporter(community, at);
      anonymous = channel === 'hotline' && r.chance(0.03);
    }
    const registrar = this.#registrar(channel, community, reporter);
    const described = repeatOf ? null : world.texts.describe(r, category.info.code, kind, community.street);
    const description = repeatOf
      ? `${world.texts.pick(r, 'repeatPrefixes')}${repeatOf.draft.description}`
      : (described?.text ?? '');
    const categoryKnown = !duplicateOf && (repeatOf !== null || !r.chance(UNCLASSIFIED[channel] ?? 0));
    const byAgent = channel === 'hotline' || channel === 'letter_visit';
    const answerChance =
      kind === 'enquiry' ? 0.9 : kind === 'praise' ? 0.6 : kind === 'suggestion' ? 0.25 : 0;
    const answered = byAgent && categoryKnown && !repeatOf && r.chance(answerChance);
    const point =
      place.community?.bbox &&
      r.chance(channel === 'patrol' ? 0.9 : channel === 'open311' ? 0.8 : channel === 'portal' ? 0.4 : 0);
    const bbox = place.community?.bbox;
    const withdraws = !answered && kind !== 'praise' && kind !== 'enquiry' && r.chance(0.012);
    return {
      id,
      trackingNo,
      registeredAt: at,
      channel,
      kind,
      category,
      categoryKnown,
      place,
      truePlace,
      registrar,
      reporterId: reporter?.id ?? null,
      anonymous,
      urgent: r.chance(category.profile.urgent),
      title: titleOf(description),
      description,
      address: repeatOf
        ? repeatOf.draft.address
        : world.texts.address(
            r,
            world.district.nameZh,
            place.street,
            place.community,
            described?.named ?? {},
          ),
      text: repeatOf ? repeatOf.draft.text : (described?.pick ?? { enquiry: false, index: -1 }),
      lat: point && bbox ? round6(r.between(bbox[1], bbox[3])) : null,
      lng: point && bbox ? round6(r.between(bbox[0], bbox[2])) : null,
      answered,
      withdrawAt: withdraws ? at + 10 * 60_000 + r.exponential(20 * HOUR) : null,
      duplicate: duplicateOf !== null,
    };
  }

  /** A channel for the category's group; walk-ins and letters only in office hours, patrols by day. */
  #channel(category: SeedCategory, at: number): Channel {
    const local = new Date(at + BEIJING);
    const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
    const office =
      this.world.calendar.isWorkingDay(local.toISOString().slice(0, 10)) && minutes >= 510 && minutes < 1050;
    const daytime = minutes >= 420 && minutes < 1260;
    const key = `${category.info.groupCode}:${office ? 'office' : daytime ? 'day' : 'night'}`;
    let table = this.#channels.get(key);
    if (!table) {
      const weights = this.world.texts.channelsOf(category.info.groupCode);
      const entries = (Object.entries(weights) as [Channel, number][]).map(([c, w]) => {
        if ((c === 'walk_in' || c === 'letter_visit') && !office) return [c, 0] as const;
        if (c === 'patrol' && !daytime) return [c, 0] as const;
        return [c, w] as const;
      });
      table = new WeightedTable(entries.some(([, w]) => w > 0) ? entries : [['hotline', 1] as const]);
      this.#channels.set(key, table);
    }
    return table.draw(this.r);
  }

  /** Where the intake places the case: the community, or for some calls only the street or nothing. */
  #intakePlace(channel: Channel, truePlace: SeedPlace): SeedPlace {
    if (channel === 'walk_in' || channel === 'patrol' || channel === 'open311') return truePlace;
    const roll = this.r.next();
    if (roll < 0.015) return { street: null, community: null };
    if (roll < 0.035) return { street: truePlace.street, community: null };
    return truePlace;
  }

  #registrar(channel: Channel, community: SeedCommunity, reporter: { name: string } | null): Registrar {
    switch (channel) {
      case 'walk_in':
        return this.world.walkInAt(community);
      case 'patrol':
        return this.world.patrolIn(community);
      case 'open311':
        return this.world.app;
      case 'portal':
        return {
          actor: { type: 'resident', id: null, label: reporter?.name || this.world.texts.label('resident') },
          intakeUnitId: null,
        };
      default:
        return this.world.agent;
    }
  }

  /** An earlier case the same reporter calls about again: still open, or closed within 30 days. */
  #repeatable(at: number): Recent | null {
    for (let attempt = 0; attempt < 4 && this.#ring.length > 0; attempt++) {
      const e = this.r.pick(this.#ring);
      if (e.registeredAt < at - 40 * DAY || e.categoryId === null) continue;
      if (qualifiesAsEarlier(e, at)) return e;
    }
    return null;
  }

  /** A recent open case in this chunk that a neighbour reports again (a duplicate to merge). */
  #duplicable(at: number): Recent | null {
    for (let attempt = 0; attempt < 4 && this.#chunkRecents.length > 0; attempt++) {
      const e = this.r.pick(this.#chunkRecents);
      if (
        e.sim &&
        e.categoryId !== null &&
        e.registeredAt > at - 3 * DAY &&
        (e.endedAt === null || e.endedAt > at + DAY)
      )
        return e;
    }
    return null;
  }

  /** The open case a duplicate in triage joins: same community and category, still open then. */
  #mergeTarget = (draft: CaseDraft, at: number): SimCase | null => {
    const community = draft.truePlace.community;
    if (!community) return null;
    // Deliberate duplicates are merged; other unclassified cases only now and then match an open one.
    if (!draft.duplicate && this.r.chance(0.85)) return null;
    const list = this.#chunkByCommunity.get(community.id) ?? [];
    for (let i = list.length - 1; i >= 0 && i >= list.length - 30; i--) {
      const c = list[i] as SimCase;
      if (c.categoryId !== draft.category.info.id || c.draft.registeredAt >= at) continue;
      if (!['closed', 'merged', 'withdrawn'].includes(c.statusAt(at))) return c;
    }
    return null;
  };

  #add(draft: CaseDraft): void {
    const sim = new CaseSimulation(this.world, this.r, draft, this.now, this.#mergeTarget).run();
    const personId = draft.reporterId;
    const communityId = draft.place.community?.id ?? null;
    const recent: Recent = {
      id: sim.id,
      personId: personId ?? 0,
      categoryId: sim.categoryId,
      communityId,
      registeredAt: draft.registeredAt,
      endedAt: sim.endedAt,
      closedAt: sim.closedAt,
      status: sim.status,
      repeated: false,
      sim,
      draft,
    };
    if (personId !== null && draft.categoryKnown) this.#markRepeat(sim, recent, draft.registeredAt);
    if (personId !== null) {
      const list = this.#byPerson.get(personId);
      if (list) list.push(recent);
      else this.#byPerson.set(personId, [recent]);
      if (sim.categoryId !== null && !sim.answeredAtIntake && !['merged', 'withdrawn'].includes(sim.status))
        this.#remember(recent);
    }
    this.#chunk.push(sim);
    this.#chunkRecents.push(recent);
    if (communityId !== null && sim.categoryId !== null) {
      const list = this.#chunkByCommunity.get(communityId);
      if (list) list.push(sim);
      else this.#chunkByCommunity.set(communityId, [sim]);
    }
  }

  /** As the intake's markRepeat: the reporter's latest open (or 30-day closed) case on the category there. */
  #markRepeat(sim: SimCase, recent: Recent, at: number): void {
    const list = this.#byPerson.get(recent.personId);
    if (!list) return;
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i] as Recent;
      if (
        e.categoryId !== recent.categoryId ||
        e.communityId !== recent.communityId ||
        !qualifiesAsEarlier(e, at)
      )
        continue;
      sim.repeatOfId = e.id;
      if (!e.repeated) {
        e.repeated = true;
        if (e.sim) e.sim.repeated = true;
        else this.#repeatedWritten.push(e.id);
      }
      return;
    }
  }

  #remember(recent: Recent): void {
    if (this.#ring.length < 5000) this.#ring.push(recent);
    else this.#ring[this.#ringNext++ % 5000] = recent;
  }

  async #flush(): Promise<void> {
    if (this.#chunk.length === 0) return;
    const chunk = this.#chunk;
    const persons = this.#newPersons;
    const repeated = this.#repeatedWritten;
    const district = this.world.district.path;
    await this.db.transaction().execute(async (trx) => {
      await this.writer.writeChunk(
        trx,
        persons,
        chunk,
        (c) => (c.draft.place.community ?? c.draft.place.street)?.path ?? district,
      );
      await markRepeated(trx, repeated);
    });
    this.#done += chunk.length;
    for (const recent of this.#chunkRecents) recent.sim = null;
    this.#chunk = [];
    this.#chunkRecents = [];
    this.#chunkByCommunity = new Map();
    this.#newPersons = [];
    this.#repeatedWritten = [];
    if ((this.#done / this.chunkSize) % 20 === 0) this.#forget(chunk.at(-1)?.draft.registeredAt ?? this.now);
    this.options.onProgress?.({ done: this.#done, total: this.count, elapsedMs: Date.now() - this.#started });
  }

  /** Drops remembered cases no later case can repeat any more (ended over 30 days ago). */
  #forget(at: number): void {
    for (const [personId, list] of this.#byPerson) {
      const kept = list.filter((e) => e.endedAt === null || e.endedAt > at - REPEAT_WINDOW_MS - DAY);
      if (kept.length === 0) this.#byPerson.delete(personId);
      else if (kept.length !== list.length) this.#byPerson.set(personId, kept);
    }
  }

  /** SQLite: a larger page cache while seeding (index pages stay in memory); gives back a restore. */
  async #widenSqliteCache(): Promise<() => Promise<void>> {
    if (isPostgres(this.db)) return async () => {};
    const before = await sql<{ cache_size: number }>`pragma cache_size`.execute(this.db);
    const size = before.rows[0]?.cache_size ?? -2000;
    await sql`pragma cache_size = -262144`.execute(this.db);
    return async () => {
      await sql.raw(`pragma cache_size = ${Number(size)}`).execute(this.db);
    };
  }
}

/** Whether an earlier case counts for repeat detection at `at`: open then, or closed within 30 days. */
function qualifiesAsEarlier(e: Pick<Recent, 'endedAt' | 'closedAt' | 'status'>, at: number): boolean {
  if (e.endedAt === null || e.endedAt > at) return true;
  return e.status === 'closed' && e.closedAt !== null && e.closedAt >= at - REPEAT_WINDOW_MS;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Progress lines for the command line: at most one every two seconds, and the last. */
export function progressPrinter(print: (line: string) => void = console.log): SeedCasesOptions['onProgress'] {
  let last = 0;
  return ({ done, total, elapsedMs }) => {
    if (done < total && elapsedMs - last < 2000) return;
    last = elapsedMs;
    const rate = Math.round(done / Math.max(0.001, elapsedMs / 1000));
    print(
      `  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} cases (${(elapsedMs / 1000).toFixed(1)} s, ${rate.toLocaleString('en')}/s)`,
    );
  };
}
