import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(REPO, 'server/bin/shequ.js');
/** Git-ignored: benchmark databases, reused between runs. */
export const DATA_ROOT = path.join(REPO, 'bench/.data');
export const RESULTS_DIR = path.join(REPO, 'bench/results');
