import type { Db } from '../../db/database.ts';
import type { Actor } from '../../platform/access.ts';
import { can, scopeOf } from '../../platform/access.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { decideRoute } from '../cases/case-intake.service.ts';
import { findCategoryByCode, listCatalogue } from '../categories/categories.service.ts';
import type { UnitRef } from '../org/org.schema.ts';
import { addressResolver } from '../org/org-address.ts';
import { classify } from './classifier.ts';
import { learntStreetOf, type PlaceIndex, placeIndex } from './places.ts';
import type { ModelHistory, RoutingSuggestion } from './routing.schema.ts';
import {
  corpusTrainingSet,
  parseKnowledge,
  type RoutingKnowledge,
  retrain,
  seedCorpus,
  trainKnowledge,
} from './training.ts';

/**
 * Routing suggestions: the likely categories of a request, the place it names, and the unit the
 * category's route resolves to there. Every process suggests with the newest model stored in the
 * database; before any is stored (a new database) it uses a model trained from the seed corpus alone.
 */

interface LoadedKnowledge extends RoutingKnowledge {
  index: PlaceIndex;
  id: number | null;
  trainedAt: string | null;
  samples: number;
}

let corpusOnly: Promise<LoadedKnowledge> | null = null;

/** The model from the seed corpus alone, trained once per process. */
export function corpusKnowledge(): Promise<LoadedKnowledge> {
  corpusOnly ??= (async () => {
    const set = corpusTrainingSet(seedCorpus());
    const { knowledge } = await trainKnowledge(set);
    return {
      ...knowledge,
      index: placeIndex(knowledge.places),
      id: null,
      trainedAt: null,
      samples: set.samples.length,
    };
  })();
  return corpusOnly;
}

const CHECK_EVERY_MS = 10_000;
const cache = new WeakMap<Db, { knowledge: LoadedKnowledge; checkedAt: number }>();

/**
 * The newest stored model, cached per database handle; whether a newer one was stored (by another
 * process, or a retraining) is checked at most every 10 seconds.
 */
export async function currentKnowledge(db: Db): Promise<LoadedKnowledge> {
  const cached = cache.get(db);
  if (cached && Date.now() - cached.checkedAt < CHECK_EVERY_MS) return cached.knowledge;
  const newest = await db
    .selectFrom('routing_models')
    .select(['id', 'trained_at', 'samples'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  let knowledge: LoadedKnowledge;
  if (!newest) knowledge = await corpusKnowledge();
  else if (cached && cached.knowledge.id === newest.id) knowledge = cached.knowledge;
  else {
    const row = await db
      .selectFrom('routing_models')
      .select('model')
      .where('id', '=', newest.id)
      .executeTakeFirstOrThrow();
    const parsed = parseKnowledge(row.model);
    knowledge = {
      ...parsed,
      index: placeIndex(parsed.places),
      id: newest.id,
      trainedAt: newest.trained_at,
      samples: newest.samples,
    };
  }
  cache.set(db, { knowledge, checkedAt: Date.now() });
  return knowledge;
}

/** Forgets the cached model, so the next suggestion reads the newest (after a retraining here). */
export function forgetCachedKnowledge(db: Db): void {
  cache.delete(db);
}

export interface PlaceGuess {
  street: UnitRef | null;
  community: UnitRef | null;
  /** The words of the text that named it. */
  matched: string[];
  /** organisation: by the names of streets, communities and compounds; learnt: by a name cases taught. */
  via: 'organisation' | 'learnt';
  confidence: 'high' | 'medium' | 'low';
}

/**
 * Reads the place a request names: the organisation's own names first (a community implies its
 * street), then names learnt from cases (a compound or road seen in one street only), then a lone
 * short name. The names are read once, so a batch of texts is read without a query each.
 */
export async function placeGuesser(
  db: Db,
  knowledge: LoadedKnowledge,
): Promise<(text: string) => PlaceGuess | null> {
  const resolve = await addressResolver(db);
  const streets = new Map(
    (
      await db
        .selectFrom('units')
        .select(['id', 'code', 'name_zh', 'name_en'])
        .where('kind', '=', 'street')
        .where('active', '=', 1)
        .execute()
    ).map((r) => [r.code, { id: r.id, code: r.code, nameZh: r.name_zh, nameEn: r.name_en }]),
  );
  return (text) => {
    const found = resolve(text);
    const byOrganisation = (confidence: PlaceGuess['confidence']): PlaceGuess | null =>
      found?.street && !found.conflict
        ? {
            street: found.street,
            community: found.community,
            matched: found.matches.map((m) => m.text),
            via: 'organisation',
            confidence,
          }
        : null;
    if (found && found.confidence !== 'low') {
      const sure = byOrganisation(found.confidence);
      if (sure) return sure;
    }
    const learnt = learntStreetOf(knowledge.index, text);
    const street = learnt ? streets.get(learnt.street) : undefined;
    if (learnt && street)
      return { street, community: null, matched: [learnt.name], via: 'learnt', confidence: 'medium' };
    return byOrganisation('low');
  };
}

/** Below this probability a category is no suggestion at all (an unclear text gets none). */
export const MIN_SCORE = 0.08;

export interface CategoryGuess {
  code: string;
  groupCode: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string | null;
  descriptionEn: string | null;
  score: number;
}

/** The active categories a text most likely belongs to, best first, at most `limit`. */
export async function guessCategories(
  db: Db,
  knowledge: LoadedKnowledge,
  text: string,
  limit = 3,
): Promise<CategoryGuess[]> {
  const catalogue = await listCatalogue(db, { type: 'anonymous' }, { includeInactive: false });
  const active = new Map(catalogue.groups.flatMap((g) => g.categories).map((c) => [c.code, c]));
  const guesses: CategoryGuess[] = [];
  for (const { label, score } of classify(knowledge.categories, text, limit + 3)) {
    const c = active.get(label);
    if (!c || score < MIN_SCORE) continue;
    guesses.push({
      code: c.code,
      groupCode: c.groupCode,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      descriptionZh: c.descriptionZh,
      descriptionEn: c.descriptionEn,
      score: Math.round(score * 1000) / 1000,
    });
    if (guesses.length === limit) break;
  }
  return guesses;
}

/** Staff who take cases in or route them: help-line agents, workroom staff, patrols, dispatchers. */
function mayAskForRouting(actor: Actor): boolean {
  return scopeOf(actor, 'case.register').length > 0 || scopeOf(actor, 'case.dispatch').length > 0;
}

/** Suggestions for a request being taken in or triaged: categories, place, and the unit it would go to. */
export async function suggestRouting(
  db: Db,
  actor: Actor,
  request: { text: string; address?: string | undefined },
): Promise<RoutingSuggestion> {
  if (!mayAskForRouting(actor)) throw new AppError('access.denied');
  const knowledge = await currentKnowledge(db);
  const categories = await guessCategories(db, knowledge, request.text);
  const guessPlace = await placeGuesser(db, knowledge);
  const place = (request.address ? guessPlace(request.address) : null) ?? guessPlace(request.text);
  let unit: UnitRef | null = null;
  const top = categories[0];
  if (top && place) {
    const category = await findCategoryByCode(db, top.code);
    const decided = await decideRoute(db, category, {
      unit: null,
      streetId: place.street?.id ?? null,
      communityId: place.community?.id ?? null,
      path: '',
    });
    if ('unit' in decided)
      unit = {
        id: decided.unit.id,
        code: decided.unit.code,
        nameZh: decided.unit.nameZh,
        nameEn: decided.unit.nameEn,
      };
  }
  return {
    categories,
    place,
    unit,
    model: { id: knowledge.id, trainedAt: knowledge.trainedAt, samples: knowledge.samples },
  };
}

/** Administrators of the taxonomy look after the model that suggests from it. */
function mayManageModel(actor: Actor): boolean {
  return can(actor, 'category.manage', null);
}

/** The stored models, newest (in use) first. */
export async function modelHistory(db: Db, actor: Actor): Promise<ModelHistory> {
  if (!mayManageModel(actor)) throw new AppError('access.denied');
  const rows = await db
    .selectFrom('routing_models')
    .select(['id', 'trained_at', 'trained_by', 'samples', 'case_samples', 'metrics'])
    .orderBy('id', 'desc')
    .execute();
  return {
    models: rows.map((r) => ({
      id: r.id,
      trainedAt: r.trained_at,
      trainedBy: r.trained_by as ModelHistory['models'][number]['trainedBy'],
      samples: r.samples,
      caseSamples: r.case_samples,
      metrics: JSON.parse(r.metrics) as ModelHistory['models'][number]['metrics'],
    })),
  };
}

/** Retrains now, for an administrator; every process suggests with the new model within seconds. */
export async function retrainNow(db: Db, ctx: AuditContext): Promise<ModelHistory> {
  if (!mayManageModel(ctx.actor)) throw new AppError('access.denied');
  await retrain(db, ctx, 'admin');
  forgetCachedKnowledge(db);
  return modelHistory(db, ctx.actor);
}
