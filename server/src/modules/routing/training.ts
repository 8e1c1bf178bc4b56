import fs from 'node:fs';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { type AuditContext, recordAudit } from '../../platform/audit.ts';
import { nowIso } from '../../platform/time.ts';
import {
  type CategoryModel,
  classify,
  loadModel,
  type Sample,
  type StoredModel,
  storeModel,
  trainModel,
} from './classifier.ts';
import { type LearntPlaces, learnPlaces, type PlaceSample } from './places.ts';

/**
 * Where the routing model's knowledge comes from: the seed corpus written for this project (every
 * category, as residents and agents really write), and the platform's own closed cases, whose final
 * category is the truth. A case that was returned before it was closed was first sent to the wrong
 * unit: its text with its final category counts double, so the model learns from the correction.
 */

const CORPUS_DIR = new URL('./corpus/', import.meta.url);
const CorpusLine = z.object({
  text: z.string().min(1),
  category: z.string().min(1),
  street: z.string().nullish(),
});

/** Closed cases learnt from per category, newest first: enough to follow how people write now. */
export const CASES_PER_CATEGORY = 400;
/** A returned case's text counts this much more than another's. */
const CORRECTION_WEIGHT = 2;
/** Every tenth corpus text is kept out of the measuring model, to say how well the model does. */
const HOLD_OUT_EVERY = 10;

export interface CorpusText {
  text: string;
  category: string;
  street: string | null;
}

let corpusCache: CorpusText[] | null = null;

/** The seed corpus (corpus/*.jsonl), read once per process. */
export function seedCorpus(): CorpusText[] {
  if (corpusCache) return corpusCache;
  const texts: CorpusText[] = [];
  for (const file of fs.readdirSync(CORPUS_DIR).sort()) {
    if (!file.endsWith('.jsonl')) continue;
    const lines = fs.readFileSync(new URL(file, CORPUS_DIR), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const parsed = CorpusLine.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`corpus/${file} line ${i + 1}: ${parsed.error.message}`);
      texts.push({ ...parsed.data, street: parsed.data.street ?? null });
    });
  }
  corpusCache = texts;
  return texts;
}

export interface TrainingSet {
  samples: Sample[];
  places: PlaceSample[];
  caseSamples: number;
}

/** Training samples and place samples of corpus texts. */
export function corpusTrainingSet(corpus: readonly CorpusText[]): TrainingSet {
  return {
    samples: corpus.map((t) => ({ text: t.text, label: t.category })),
    places: corpus.flatMap((t) => (t.street ? [{ text: t.text, street: t.street }] : [])),
    caseSamples: 0,
  };
}

/** The corpus plus the newest closed, non-confidential cases of every category, from `db`. */
export async function collectTrainingSet(
  db: Db | null,
  options: { perCategory?: number; corpus?: boolean } = {},
): Promise<TrainingSet> {
  const { samples, places } = corpusTrainingSet(options.corpus === false ? [] : seedCorpus());
  let caseSamples = 0;
  if (db) {
    const categories = await db.selectFrom('categories').select(['id', 'code']).orderBy('code').execute();
    for (const category of categories) {
      const rows = await db
        .selectFrom('cases as c')
        .leftJoin('units as s', 's.id', 'c.street_id')
        .select(['c.description', 'c.address', 'c.return_count', 's.code as street'])
        .where('c.category_id', '=', category.id)
        .where('c.status', '=', 'closed')
        .where('c.sensitive', '=', 0)
        .where('c.merged_into_id', 'is', null)
        .orderBy('c.registered_at', 'desc')
        .limit(options.perCategory ?? CASES_PER_CATEGORY)
        .execute();
      for (const row of rows) {
        samples.push({
          text: row.description,
          label: category.code,
          weight: row.return_count > 0 ? CORRECTION_WEIGHT : 1,
        });
        if (row.street) places.push({ text: `${row.address ?? ''} ${row.description}`, street: row.street });
      }
      caseSamples += rows.length;
    }
  }
  return { samples, places, caseSamples };
}

export interface RoutingKnowledge {
  categories: CategoryModel;
  places: LearntPlaces;
}

export interface TrainingMetrics {
  /** Corpus texts kept out of the measuring model and classified by it. */
  heldOut: number;
  top1: number;
  top3: number;
}

/** How often the right category is first, and among the first three, for labelled texts. */
export function accuracy(model: CategoryModel, texts: readonly { text: string; label: string }[]) {
  let top1 = 0;
  let top3 = 0;
  for (const t of texts) {
    const ranked = classify(model, t.text, 3).map((s) => s.label);
    if (ranked[0] === t.label) top1++;
    if (ranked.includes(t.label)) top3++;
  }
  const n = Math.max(texts.length, 1);
  return { top1: top1 / n, top3: top3 / n };
}

/**
 * Trains on a set: first without every tenth corpus text, to measure on those, then on everything
 * for the model kept.
 */
export async function trainKnowledge(
  set: TrainingSet,
): Promise<{ knowledge: RoutingKnowledge; metrics: TrainingMetrics }> {
  const heldOut: Sample[] = [];
  const rest: Sample[] = [];
  set.samples.forEach((s, i) => {
    if (s.weight === undefined && i % HOLD_OUT_EVERY === HOLD_OUT_EVERY - 1) heldOut.push(s);
    else rest.push(s);
  });
  const measuring = await trainModel(rest);
  const measured = accuracy(measuring, heldOut);
  return {
    knowledge: { categories: await trainModel(set.samples), places: learnPlaces(set.places) },
    metrics: { heldOut: heldOut.length, ...measured },
  };
}

interface StoredKnowledge {
  categories: StoredModel;
  places: LearntPlaces;
}

export function serialiseKnowledge(knowledge: RoutingKnowledge): string {
  const stored: StoredKnowledge = { categories: storeModel(knowledge.categories), places: knowledge.places };
  return JSON.stringify(stored);
}

export function parseKnowledge(text: string): RoutingKnowledge {
  const stored = JSON.parse(text) as StoredKnowledge;
  return { categories: loadModel(stored.categories), places: stored.places };
}

/** What started a training. */
export type TrainedBy = 'cli' | 'job' | 'seed' | 'admin';

/** Models kept besides the newest, for comparing a retrained model with the one before. */
const KEEP_MODELS = 3;

/** Trains from the corpus and `db`'s closed cases and stores the model as the one in use. */
export async function retrain(
  db: Db,
  ctx: AuditContext,
  trainedBy: TrainedBy,
): Promise<{ id: number; samples: number; caseSamples: number; metrics: TrainingMetrics; ms: number }> {
  const started = performance.now();
  const set = await collectTrainingSet(db);
  const { knowledge, metrics } = await trainKnowledge(set);
  const model = serialiseKnowledge(knowledge);
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('routing_models')
      .values({
        trained_at: nowIso(),
        trained_by: trainedBy,
        samples: set.samples.length,
        case_samples: set.caseSamples,
        metrics: JSON.stringify(metrics),
        model,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, {
      action: 'routing.retrain',
      recordType: 'routing_model',
      recordId: row.id,
      after: { trainedBy, samples: set.samples.length, caseSamples: set.caseSamples, metrics },
    });
    const keep = await trx
      .selectFrom('routing_models')
      .select('id')
      .orderBy('id', 'desc')
      .limit(KEEP_MODELS + 1)
      .execute();
    const oldest = keep.at(-1)?.id;
    if (keep.length > KEEP_MODELS && oldest !== undefined)
      await trx.deleteFrom('routing_models').where('id', '<', oldest).execute();
    return row.id;
  });
  return {
    id,
    samples: set.samples.length,
    caseSamples: set.caseSamples,
    metrics,
    ms: Math.round(performance.now() - started),
  };
}
