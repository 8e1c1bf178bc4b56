import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { type DatabaseHandle, openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { words } from '../../platform/segment.ts';
import { isEmpty, seedDemo } from '../../seed.ts';
import { seedDemoCases } from '../cases/cases.seed.ts';
import { classify } from './classifier.ts';
import { currentKnowledge, placeGuesser } from './routing.service.ts';
import { retrain } from './training.ts';

const CLI: AuditContext = { actor: { type: 'system', name: 'cli' }, ip: null, requestId: null };

type WithDatabase = <T>(run: (database: DatabaseHandle) => Promise<T>) => Promise<T>;

const InputLine = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  category: z.string().optional(),
  street: z.string().nullish(),
});
type InputLine = z.infer<typeof InputLine>;

function readLines(file: string): InputLine[] {
  // A byte-order mark (files saved by some Windows editors) is not part of the first line's JSON.
  const text = fs.readFileSync(path.resolve(file), 'utf8').replace(/^\uFEFF/, '');
  const lines: InputLine[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`${file} line ${i + 1}: not JSON`);
    }
    const parsed = InputLine.safeParse(json);
    if (!parsed.success)
      throw new Error(`${file} line ${i + 1}: needs "id" and "text" (${parsed.error.issues[0]?.message})`);
    lines.push(parsed.data);
  });
  return lines;
}

/**
 * A database to classify with: the configured one when it holds an organisation; else a throw-away
 * copy of the demo district with a year of demo cases, trained on the spot (a fresh clone).
 */
async function withOrganisation<T>(withDatabase: WithDatabase, run: (db: DatabaseHandle) => Promise<T>) {
  return withDatabase(async (database) => {
    if (!(await isEmpty(database.db))) return run(database);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-classify-'));
    const demo = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'demo.sqlite') });
    try {
      console.error(
        'No organisation in the database: classifying with the demo district (Haishu) and its demo cases.',
      );
      await migrateToLatest(demo.db);
      await seedDemo(demo.db, 'Demo-classify#1');
      await seedDemoCases(demo.db, { count: 3000 });
      await retrain(demo.db, CLI, 'cli');
      return await run(demo);
    } finally {
      await demo.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

function percent(n: number, of: number): string {
  return of === 0 ? '—' : `${((100 * n) / of).toFixed(1)}% (${n}/${of})`;
}

/** `shequ classify`: the routing model over a file of texts, and its accuracy on labelled ones. */
export function classifyCommand(withDatabase: WithDatabase): Command {
  return new Command('classify')
    .description(
      'suggest categories and the street for each line {"id","text"} of a JSONL file; --eval measures accuracy on lines that also carry "category" and "street"',
    )
    .requiredOption('--in <file>', 'JSONL input, one {"id","text"} per line')
    .option('--out <file>', 'where to write the JSONL results (default: standard output; with --eval: none)')
    .option('--eval', 'print top-1 and top-3 accuracy, street accuracy and the most confused pairs')
    .action((opts: { in: string; out?: string; eval?: boolean }) => {
      const lines = readLines(opts.in);
      return withOrganisation(withDatabase, async (database) => {
        const knowledge = await currentKnowledge(database.db);
        const guessPlace = await placeGuesser(database.db, knowledge);
        guessPlace(classify(knowledge.categories, '预热：加载分词词典')[0]?.label ?? ''); // not timed
        const started = performance.now();
        const results = lines.map((line) => ({
          id: line.id,
          categories: classify(knowledge.categories, line.text, 3).map((s) => ({
            code: s.label,
            score: Math.round(s.score * 1000) / 1000,
          })),
          street: guessPlace(line.text)?.street?.code ?? null,
        }));
        const seconds = (performance.now() - started) / 1000;
        const output = results.map((r) => JSON.stringify(r)).join('\n');
        if (opts.out) fs.writeFileSync(path.resolve(opts.out), `${output}\n`);
        else if (!opts.eval) process.stdout.write(`${output}\n`);
        if (!opts.eval) {
          console.error(`${lines.length} texts classified in ${seconds.toFixed(2)} s.`);
          return;
        }
        printEvaluation(lines, results, seconds, knowledge.categories, knowledge.id);
      });
    });
}

function printEvaluation(
  lines: InputLine[],
  results: { categories: { code: string }[]; street: string | null }[],
  seconds: number,
  model: Parameters<typeof classify>[0],
  modelId: number | null,
) {
  let labelled = 0;
  let top1 = 0;
  let top3 = 0;
  let named = 0;
  let streetRight = 0;
  let unnamedGuessed = 0;
  let unnamed = 0;
  const confused = new Map<string, number>();
  lines.forEach((line, i) => {
    const result = results[i] as (typeof results)[number];
    const codes = result.categories.map((c) => c.code);
    if (line.category) {
      labelled++;
      if (codes[0] === line.category) top1++;
      else
        confused.set(
          `${line.category} → ${codes[0] ?? '—'}`,
          (confused.get(`${line.category} → ${codes[0] ?? '—'}`) ?? 0) + 1,
        );
      if (codes.includes(line.category)) top3++;
    }
    if (line.street) {
      named++;
      if (result.street === line.street) streetRight++;
    } else if (line.street === null) {
      unnamed++;
      if (result.street !== null) unnamedGuessed++;
    }
  });
  // Throughput of the category model alone, on one core: the texts again, timed without places.
  const rounds = Math.max(1, Math.ceil(20_000 / Math.max(lines.length, 1)));
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const line of lines) classify(model, line.text, 3);
  const categoryRate = (rounds * lines.length) / ((performance.now() - started) / 1000);
  // The baseline beside it: segmenting the same texts and nothing else (the floor of any word model).
  const segmentStarted = performance.now();
  for (let r = 0; r < rounds; r++) for (const line of lines) words(line.text);
  const segmentRate = (rounds * lines.length) / ((performance.now() - segmentStarted) / 1000);

  console.log(`Model: ${modelId === null ? 'seed corpus only (none stored yet)' : `#${modelId}`}`);
  console.log(`Texts: ${lines.length}, of them ${labelled} with a category, ${named} naming a street`);
  console.log(`Top-1 accuracy:  ${percent(top1, labelled)}`);
  console.log(`Top-3 accuracy:  ${percent(top3, labelled)}`);
  console.log(`Street accuracy: ${percent(streetRight, named)} of texts naming one`);
  if (unnamed > 0) console.log(`Street guessed where none is named: ${percent(unnamedGuessed, unnamed)}`);
  const rate = (n: number) => Math.round(n).toLocaleString('en');
  console.log(
    `Speed (one core): ${rate(categoryRate)} texts/s categories alone, ${rate(lines.length / seconds)} texts/s with places; ` +
      `baseline jieba segmentation alone ${rate(segmentRate)} texts/s (categories at ${((100 * categoryRate) / segmentRate).toFixed(0)}% of it)`,
  );
  const worst = [...confused.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
  if (worst.length > 0) {
    console.log('Most confused (truth → first suggestion):');
    for (const [pair, n] of worst) console.log(`  ${pair}  ×${n}`);
  }
}

/** `shequ routing …`: the routing model's training. */
export function routingCommand(withDatabase: WithDatabase): Command {
  const routing = new Command('routing').description('the routing model: category and place suggestions');
  routing
    .command('train')
    .description(
      'retrain from the seed corpus and the closed cases; every app process uses it within seconds',
    )
    .action(() =>
      withDatabase(async (database) => {
        const result = await retrain(database.db, CLI, 'cli');
        const m = result.metrics;
        console.log(
          `Model #${result.id} trained in ${(result.ms / 1000).toFixed(1)} s on ${result.samples} texts (${result.caseSamples} closed cases). ` +
            `Held-out corpus texts (${m.heldOut}): top-1 ${(m.top1 * 100).toFixed(1)}%, top-3 ${(m.top3 * 100).toFixed(1)}%.`,
        );
      }),
    );
  return routing;
}
