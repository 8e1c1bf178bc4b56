import type { Db } from '../../db/database.ts';
import type { WorkCalendar } from '../../platform/calendar.ts';
import { getWorkCalendar } from '../calendar/calendar.service.ts';
import {
  type CategoryInfo,
  findCategoryByCode,
  listCatalogue,
  parseRoute,
} from '../categories/categories.service.ts';
import { resolveRoute } from '../org/org.service.ts';
import { Clock } from './cases.seed-deadlines.ts';
import type { CaseTexts, CategoryProfile } from './cases.seed-text.ts';

/**
 * What the demo-case seed knows of the installation before it writes a case: the district with its
 * streets and communities, the categories, every route resolved once per place, and the accounts
 * that act on cases. Everything the per-case simulation asks is then a synchronous lookup.
 */

export interface SeedUnit {
  id: number;
  code: string;
  path: string;
  nameZh: string;
}

export interface SeedStreet extends SeedUnit {
  weight: number;
  communities: SeedCommunity[];
}

export interface SeedCommunity extends SeedUnit {
  street: SeedStreet;
  weight: number;
  /** [minLng, minLat, maxLng, maxLat] of its area, when it has one. */
  bbox: [number, number, number, number] | null;
}

export interface SeedCategory {
  info: CategoryInfo;
  routeText: string | null;
  profile: CategoryProfile;
}

/** Who an event names: a staff account (or a unit's staff in general), the system, a resident, an app. */
export interface SeedActor {
  type: 'staff' | 'system' | 'resident' | 'apikey';
  id: number | null;
  label: string;
}

/** An actor who registers cases, and the unit the case is taken in at. */
export interface Registrar {
  actor: SeedActor;
  intakeUnitId: number | null;
}

/** A place as the intake resolves it: the community (or only the street, or nothing) of the address. */
export interface SeedPlace {
  street: SeedStreet | null;
  community: SeedCommunity | null;
}

/** Units tried, in order, when a unit returns a case as not theirs. */
const ALTERNATIVE_ROUTES = [
  'community:COMMITTEE',
  'street:GOVERNANCE_CENTER',
  'street:ENFORCEMENT',
  'district:ENFORCEMENT',
];

const HANDLING_ROLES = [
  'handler',
  'unit_head',
  'community_worker',
  'mediator',
  'social_worker',
  'employment_manager',
];

export class SeedWorld {
  readonly #routes = new Map<string, SeedUnit | null>();
  readonly #handlers = new Map<number, SeedActor>();
  readonly #streetDispatchers = new Map<number, SeedActor>();
  readonly #communityWorkers = new Map<number, SeedActor>();
  readonly #patrols = new Map<number, Registrar>();
  readonly communities: SeedCommunity[];

  agent: Registrar;
  districtDispatcher: SeedActor;
  supervisor: SeedActor;
  readonly autoRoute: SeedActor = { type: 'system', id: null, label: 'auto-route' };
  readonly sweep: SeedActor = { type: 'system', id: null, label: 'sla-sweep' };
  readonly app: Registrar;
  readonly clock: Clock;

  constructor(
    readonly calendar: WorkCalendar,
    readonly texts: CaseTexts,
    readonly district: SeedUnit,
    readonly streets: SeedStreet[],
    readonly categories: SeedCategory[],
  ) {
    this.communities = streets.flatMap((s) => s.communities);
    this.clock = new Clock(calendar);
    // Until accounts are found: the roles' own names.
    this.agent = { actor: { type: 'staff', id: null, label: texts.label('agent') }, intakeUnitId: null };
    this.districtDispatcher = { type: 'staff', id: null, label: texts.label('dispatcher') };
    this.supervisor = { type: 'staff', id: null, label: texts.label('supervisor') };
    this.app = { actor: { type: 'apikey', id: null, label: texts.label('app') }, intakeUnitId: district.id };
  }

  /** The unit a route names for a place, as `resolveRoute` found it when the world was loaded. */
  route(routeText: string | null, place: SeedPlace): SeedUnit | null {
    if (routeText === null) return null;
    return this.#routes.get(routeKey(routeText, place)) ?? null;
  }

  /** Where a dispatcher sends a case that `unit` returned: the first alternative unit that is not it. */
  alternativeTo(unitId: number, place: SeedPlace): SeedUnit | null {
    for (const text of ALTERNATIVE_ROUTES) {
      const unit = this.route(text, place);
      if (unit && unit.id !== unitId) return unit;
    }
    return null;
  }

  /** The account acting for a handling unit; the unit's own name when no account is bound there. */
  handlerOf(unit: SeedUnit): SeedActor {
    return this.#handlers.get(unit.id) ?? { type: 'staff', id: null, label: unit.nameZh };
  }

  /** The dispatcher of the street holding the place, else the district's. */
  dispatcherFor(place: SeedPlace): SeedActor {
    return (place.street && this.#streetDispatchers.get(place.street.id)) || this.districtDispatcher;
  }

  /** A community worker registering a walk-in case at the community's workroom. */
  walkInAt(community: SeedCommunity): Registrar {
    const actor = this.#communityWorkers.get(community.id) ?? {
      type: 'staff',
      id: null,
      label: this.texts.label('communityStaff', { community: community.nameZh }),
    };
    return { actor, intakeUnitId: community.id };
  }

  /** A patrol reporting from the community: its service team if it has one, else the street dispatcher. */
  patrolIn(community: SeedCommunity): Registrar {
    return (
      this.#patrols.get(community.id) ?? {
        actor: this.dispatcherFor({ street: community.street, community }),
        intakeUnitId: community.street.id,
      }
    );
  }

  /** Loads the organisation, categories, routes and accounts; fails when there is no district yet. */
  static async load(db: Db, texts: CaseTexts): Promise<SeedWorld> {
    const units = await db
      .selectFrom('units')
      .select([
        'id',
        'code',
        'path',
        'name_zh',
        'kind',
        'parent_id',
        'min_lng',
        'min_lat',
        'max_lng',
        'max_lat',
      ])
      .where('active', '=', 1)
      .orderBy('path')
      .execute();
    const root = units.find((u) => u.parent_id === null);
    if (!root) throw new Error('There is no organisation yet: seed the district first (shequ seed --demo).');
    const unit = (u: (typeof units)[number]): SeedUnit => ({
      id: u.id,
      code: u.code,
      path: u.path,
      nameZh: u.name_zh,
    });
    const streets: SeedStreet[] = units
      .filter((u) => u.kind === 'street' && u.path.startsWith(root.path))
      .map((u) => ({ ...unit(u), weight: texts.streetWeight(u.code), communities: [] }));
    const streetById = new Map(streets.map((s) => [s.id, s]));
    for (const u of units) {
      const street = u.kind === 'community' && u.parent_id !== null ? streetById.get(u.parent_id) : undefined;
      if (!street) continue;
      const bbox: SeedCommunity['bbox'] =
        u.min_lng !== null && u.min_lat !== null && u.max_lng !== null && u.max_lat !== null
          ? [u.min_lng, u.min_lat, u.max_lng, u.max_lat]
          : null;
      // Communities differ in size; a stable spread by code keeps runs reproducible.
      street.communities.push({ ...unit(u), street, weight: 0.7 + (hashCode(u.code) % 600) / 1000, bbox });
    }
    const populated = streets.filter((s) => s.communities.length > 0);
    if (populated.length === 0)
      throw new Error('The organisation has no streets with communities to place cases in.');

    const categories = await loadCategories(db, texts);
    if (categories.length === 0) throw new Error('There are no active categories: import a taxonomy first.');
    const world = new SeedWorld(await getWorkCalendar(db), texts, unit(root), populated, categories);
    await world.#resolveRoutes(db);
    await world.#loadActors(db, units);
    return world;
  }

  async #resolveRoutes(db: Db): Promise<void> {
    const texts = new Set([
      ...this.categories.flatMap((c) => (c.routeText ? [c.routeText] : [])),
      ...ALTERNATIVE_ROUTES,
    ]);
    for (const text of texts) {
      const route = parseRoute(text);
      const places: SeedPlace[] =
        route.scope === 'street'
          ? this.streets.map((street) => ({ street, community: null }))
          : route.scope === 'community'
            ? this.communities.map((community) => ({ street: community.street, community }))
            : [{ street: null, community: null }];
      for (const place of places) {
        const found = await resolveRoute(db, route, {
          streetId: place.street?.id ?? null,
          communityId: place.community?.id ?? null,
        });
        const value = found
          ? { id: found.id, code: found.code, path: found.path, nameZh: found.nameZh }
          : null;
        this.#routes.set(routeKey(text, place), value);
      }
    }
  }

  async #loadActors(
    db: Db,
    units: { id: number; parent_id: number | null; kind: string; path: string }[],
  ): Promise<void> {
    const unitById = new Map(units.map((u) => [u.id, u]));
    const bindings = await db
      .selectFrom('role_bindings as rb')
      .innerJoin('users as u', 'u.id', 'rb.user_id')
      .select(['rb.role', 'rb.unit_id', 'u.id as user_id', 'u.display_name'])
      .where('u.active', '=', 1)
      .where('u.kind', '=', 'staff')
      .orderBy('u.id')
      .execute();
    const streetIds = new Set(this.streets.map((s) => s.id));
    let dispatcherDepth = Number.POSITIVE_INFINITY;
    for (const b of bindings) {
      const actor: SeedActor = { type: 'staff', id: b.user_id, label: b.display_name };
      const u = unitById.get(b.unit_id);
      if (!u) continue;
      if (b.role === 'agent' && this.agent.actor.id === null) this.agent = { actor, intakeUnitId: b.unit_id };
      if (b.role === 'supervisor' && this.supervisor.id === null) this.supervisor = actor;
      if (b.role === 'dispatcher') {
        if (streetIds.has(b.unit_id)) {
          if (!this.#streetDispatchers.has(b.unit_id)) this.#streetDispatchers.set(b.unit_id, actor);
        } else if (u.path.split('/').length < dispatcherDepth) {
          dispatcherDepth = u.path.split('/').length;
          this.districtDispatcher = actor;
        }
      }
      if (HANDLING_ROLES.includes(b.role) && !this.#handlers.has(b.unit_id))
        this.#handlers.set(b.unit_id, actor);
      if (b.role === 'community_worker' && !this.#communityWorkers.has(b.unit_id))
        this.#communityWorkers.set(b.unit_id, actor);
      if ((b.role === 'team_leader' || b.role === 'volunteer') && u.parent_id !== null) {
        const parent = unitById.get(u.parent_id);
        if (parent?.kind === 'community' && !this.#patrols.has(parent.id))
          this.#patrols.set(parent.id, { actor, intakeUnitId: b.unit_id });
      }
    }
  }
}

function routeKey(text: string, place: SeedPlace): string {
  const scope = text.slice(0, text.indexOf(':'));
  if (scope === 'street') return `${text}|s${place.street?.id ?? '-'}`;
  if (scope === 'community') return `${text}|c${place.community?.id ?? '-'}`;
  return `${text}|`;
}

function hashCode(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** Active categories through the categories service, each with the demo's profile (weight, kinds). */
async function loadCategories(db: Db, texts: CaseTexts): Promise<SeedCategory[]> {
  const catalogue = await listCatalogue(db, { type: 'system', name: 'seed' }, { includeInactive: false });
  const out: SeedCategory[] = [];
  for (const group of catalogue.groups) {
    for (const c of group.categories) {
      const info = await findCategoryByCode(db, c.code);
      if (!info?.active) continue;
      const profile = texts.profileOf(info.code) ?? fallbackProfile(texts);
      out.push({
        info,
        routeText: info.route ? `${info.route.scope}:${info.route.function}` : null,
        profile,
      });
    }
  }
  return out;
}

/** A category the demo texts do not know: rare, hotline help requests. */
function fallbackProfile(texts: CaseTexts): CategoryProfile {
  const known = texts.profileOf('UM01');
  if (!known) throw new Error('the demo case texts lack UM01');
  return { ...known, weight: 0.3, urgent: 0.02, peakMonths: new Set() };
}
