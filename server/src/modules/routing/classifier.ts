import { Random } from '../cases/cases.seed-random.ts';
import { type FeatureCounts, featuresOf } from './features.ts';

/**
 * The category model: multinomial logistic regression over the words and character pairs of a text
 * (features.ts), weighted by how rare each feature is (idf) and scaled to unit length. Trained by
 * stochastic gradient descent with a fixed seed, so the same samples give the same model. Scoring a
 * text is a sum over its few dozen features: far cheaper than segmenting it.
 */

export interface Sample {
  text: string;
  label: string;
  /** How much this sample counts (a dispatcher's correction counts more). Default 1. */
  weight?: number;
}

export interface CategoryModel {
  labels: string[];
  features: string[];
  /** Per feature: log of how rare it is among the training texts. */
  idf: Float32Array;
  /** Feature-major: the scores feature f adds are weights[f * labels.length + k]. */
  weights: Float32Array;
  bias: Float32Array;
  index: Map<string, number>;
}

export interface Scored {
  label: string;
  /** Probability under the model, 0–1; the scores of all labels sum to 1. */
  score: number;
}

export interface TrainOptions {
  epochs?: number;
  /** A feature must occur in this many training texts to be kept. */
  minDocs?: number;
  l2?: number;
  learningRate?: number;
  seed?: number;
}

interface SparseVector {
  indices: number[];
  values: number[];
}

function vectorOf(counts: FeatureCounts, index: Map<string, number>, idf: Float32Array): SparseVector {
  const indices: number[] = [];
  const values: number[] = [];
  let norm = 0;
  for (const [feature, count] of counts) {
    const f = index.get(feature);
    if (f === undefined) continue;
    const value = (1 + Math.log(count)) * (idf[f] as number);
    indices.push(f);
    values.push(value);
    norm += value * value;
  }
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) * scale;
  }
  return { indices, values };
}

function softmaxInPlace(scores: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp((scores[k] as number) - max);
    scores[k] = e;
    sum += e;
  }
  for (let k = 0; k < scores.length; k++) scores[k] = (scores[k] as number) / sum;
}

function scoreInto(model: CategoryModel, x: SparseVector, out: Float64Array): void {
  const K = model.labels.length;
  for (let k = 0; k < K; k++) out[k] = model.bias[k] as number;
  for (let i = 0; i < x.indices.length; i++) {
    const base = (x.indices[i] as number) * K;
    const v = x.values[i] as number;
    for (let k = 0; k < K; k++) out[k] = (out[k] as number) + v * (model.weights[base + k] as number);
  }
  softmaxInPlace(out);
}

/** Builds the index of a model read back from storage. */
export function withIndex(model: Omit<CategoryModel, 'index'>): CategoryModel {
  return { ...model, index: new Map(model.features.map((f, i) => [f, i])) };
}

/** Training hands the event loop back this often (samples), so a server keeps answering meanwhile. */
const YIELD_EVERY = 500;

/** Trains a model; labels with no samples are not in it. Throws when there is nothing to learn from. */
export async function trainModel(
  samples: readonly Sample[],
  options: TrainOptions = {},
): Promise<CategoryModel> {
  const { epochs = 24, minDocs = 1, l2 = 1e-5, learningRate = 0.6, seed = 1 } = options;
  const labels = [...new Set(samples.map((s) => s.label))].sort();
  if (labels.length < 2) throw new Error('training needs samples of at least two categories');
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const counted = samples.map((s) => featuresOf(s.text));

  const docs = new Map<string, number>();
  for (const counts of counted) for (const f of counts.keys()) docs.set(f, (docs.get(f) ?? 0) + 1);
  const features = [...docs.entries()]
    .filter(([, n]) => n >= minDocs)
    .map(([f]) => f)
    .sort();
  const idf = new Float32Array(features.length);
  features.forEach((f, i) => {
    idf[i] = Math.log((1 + samples.length) / (1 + (docs.get(f) as number))) + 1e-3;
  });
  const K = labels.length;
  const model: CategoryModel = {
    labels,
    features,
    idf,
    weights: new Float32Array(features.length * K),
    bias: new Float32Array(K),
    index: new Map(features.map((f, i) => [f, i])),
  };

  // Every category weighs the same in total, however many samples it has (the square root keeps a
  // category with few samples from being learnt from three texts repeated many times over).
  const perLabel = new Map<string, number>();
  for (const s of samples) perLabel.set(s.label, (perLabel.get(s.label) ?? 0) + (s.weight ?? 1));
  const meanPerLabel = samples.length / K;
  const vectors = counted.map((c) => vectorOf(c, model.index, idf));
  const targets = samples.map((s) => labelIndex.get(s.label) as number);
  const sampleWeights = samples.map(
    (s) => (s.weight ?? 1) * Math.sqrt(meanPerLabel / (perLabel.get(s.label) as number)),
  );

  const random = new Random(seed);
  const order = samples.map((_, i) => i);
  const p = new Float64Array(K);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    const rate = learningRate / (1 + epoch * 0.3);
    for (let step = 0; step < order.length; step++) {
      if (step % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
      const n = order[step] as number;
      const x = vectors[n] as SparseVector;
      scoreInto(model, x, p);
      const w = (sampleWeights[n] as number) * rate;
      const target = targets[n] as number;
      for (let k = 0; k < K; k++) {
        const g = ((p[k] as number) - (k === target ? 1 : 0)) * w;
        model.bias[k] = (model.bias[k] as number) - g * 0.1;
        if (g === 0) continue;
        for (let i = 0; i < x.indices.length; i++) {
          const at = (x.indices[i] as number) * K + k;
          const old = model.weights[at] as number;
          model.weights[at] = old - g * (x.values[i] as number) - rate * l2 * old;
        }
      }
    }
  }
  return model;
}

/** The `limit` most likely categories of a text, most likely first. */
export function classify(model: CategoryModel, text: string, limit = 3): Scored[] {
  const x = vectorOf(featuresOf(text), model.index, model.idf);
  const p = new Float64Array(model.labels.length);
  if (x.indices.length === 0) return [];
  scoreInto(model, x, p);
  // The best `limit` by insertion, without sorting every label (this runs tens of thousands of times a second).
  const top: number[] = [];
  for (let k = 0; k < p.length; k++) {
    const score = p[k] as number;
    if (top.length === limit && score <= (p[top[limit - 1] as number] as number)) continue;
    let at = top.length;
    while (at > 0 && score > (p[top[at - 1] as number] as number)) at--;
    top.splice(at, 0, k);
    if (top.length > limit) top.pop();
  }
  return top.map((k) => ({ label: model.labels[k] as string, score: p[k] as number }));
}

/** The model as JSON-safe data (the weights as base64 of float32), and back. */
export interface StoredModel {
  labels: string[];
  features: string[];
  idf: string;
  weights: string;
  bias: string;
}

function floatsToBase64(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

function base64ToFloats(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

export function storeModel(model: CategoryModel): StoredModel {
  return {
    labels: model.labels,
    features: model.features,
    idf: floatsToBase64(model.idf),
    weights: floatsToBase64(model.weights),
    bias: floatsToBase64(model.bias),
  };
}

export function loadModel(stored: StoredModel): CategoryModel {
  return withIndex({
    labels: stored.labels,
    features: stored.features,
    idf: base64ToFloats(stored.idf),
    weights: base64ToFloats(stored.weights),
    bias: base64ToFloats(stored.bias),
  });
}
