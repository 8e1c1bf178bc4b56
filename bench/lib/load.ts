import os from 'node:os';
import autocannon from 'autocannon';

/** One request autocannon sends; `setup` fills in what changes from request to request. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setup?: (req: { path: string; body?: string }) => { path: string; body?: string };
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  load1: number;
  /** The slowest first response of a connection (connection accepted late; not in the percentiles). */
  firstResponseMaxMs: number;
  /** Connections that got at least one response. */
  connected: number;
  /** Responses by HTTP status, over the whole run (warm-up included). */
  statuses: Record<string, number>;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

interface Sample {
  at: number;
  ms: number;
  first: boolean;
  status: number;
}

function run(base: string, requests: LoadRequest[], connections: number, seconds: number, samples: Sample[]) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        // A slow figure must not be re-sent while the server still works on it.
        timeout: 60,
        requests: requests.map((r) => {
          const setup = r.setup;
          return {
            method: r.method,
            path: r.path,
            headers: r.headers,
            body: r.body,
            ...(setup && {
              setupRequest: (req: autocannon.Request) => ({
                ...req,
                ...setup({ path: req.path ?? r.path, body: req.body as string }),
              }),
            }),
          };
        }),
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    // autocannon reports fixed percentiles without p95, over the whole run; keep every response to
    // compute our own over the measured window.
    const seen = new WeakSet<object>();
    instance.on('response', (client: object, status: number, _bytes: number, responseTime: number) => {
      const first = !seen.has(client);
      seen.add(client);
      samples.push({ at: performance.now(), ms: responseTime, first, status });
    });
  });
}

/**
 * Loads `base` with `requests` (cycled per connection) for warm-up plus a fixed measured time, in one
 * run so the keep-alive connections opened during warm-up carry on into the measurement. Throughput
 * counts the responses completed in the measured window; the latency percentiles are over the
 * requests both sent and answered in it. So the first request of each connection, sent at the start,
 * stays out: while the server is saturated it accepts new connections late (see bench/README.md),
 * and that wait belongs to opening a connection. `firstResponseMaxMs` shows it.
 */
export async function measure(
  base: string,
  requests: LoadRequest[],
  options: LoadOptions,
): Promise<LoadResult> {
  const samples: Sample[] = [];
  const started = performance.now();
  const result = await run(
    base,
    requests,
    options.connections,
    options.warmupSeconds + options.seconds,
    samples,
  );
  const from = started + options.warmupSeconds * 1000;
  const measured = samples.filter((s) => s.at >= from);
  const window = (performance.now() - from) / 1000;
  const times = measured.filter((s) => s.at - s.ms >= from).map((s) => s.ms);
  times.sort((a, b) => a - b);
  const firsts = samples.filter((s) => s.first).map((s) => s.ms);
  return {
    requestsPerSecond: measured.length / window,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    requests: measured.length,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    load1: os.loadavg()[0] ?? Number.NaN,
    firstResponseMaxMs: firsts.length ? Math.max(...firsts) : Number.NaN,
    statuses: samples.reduce<Record<string, number>>((acc, x) => {
      acc[x.status] = (acc[x.status] ?? 0) + 1;
      return acc;
    }, {}),
    connected: firsts.length,
  };
}

/**
 * One client, one request at a time: the service time of a request with nothing queued before it.
 * The first request is not timed (it may fill caches); `first` reports it.
 */
export async function measureSolo(
  base: string,
  requests: LoadRequest[],
  maxSeconds: number,
  maxRequests: number,
): Promise<{
  p50: number;
  p95: number;
  max: number;
  requests: number;
  firstMs: number;
  errorSample?: string;
}> {
  const times: number[] = [];
  let firstMs = Number.NaN;
  let errorSample: string | undefined;
  const until = performance.now() + maxSeconds * 1000;
  // At least three timed requests (after one untimed first) even when one takes longer than maxSeconds,
  // but never past two minutes.
  const hardStop = performance.now() + 120_000;
  for (
    let i = 0;
    times.length < maxRequests &&
    (performance.now() < until || times.length < 3) &&
    performance.now() < hardStop;
    i++
  ) {
    const template = requests[i % requests.length] as LoadRequest;
    const req = template.setup ? template.setup({ path: template.path, body: template.body }) : template;
    const t = performance.now();
    const res = await fetch(base + req.path, {
      method: template.method,
      headers: template.headers,
      body: req.body,
    });
    const text = await res.text();
    if (!res.ok && errorSample === undefined) errorSample = `${res.status} ${text.slice(0, 300)}`;
    if (i > 0 || maxRequests === 1) times.push(performance.now() - t);
    else firstMs = performance.now() - t;
  }
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times[times.length - 1] ?? Number.NaN,
    requests: times.length,
    firstMs,
    errorSample,
  };
}

/**
 * Waits until the server answers /healthz quickly again: requests still queued from a load run
 * (autocannon stops sending, the server keeps working) must not slow the next measurement.
 */
export async function drain(base: string, maxSeconds = 180): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < maxSeconds * 1000) {
    const t = performance.now();
    try {
      await (await fetch(`${base}/healthz`)).arrayBuffer();
    } catch {}
    if (performance.now() - t < 50) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return (performance.now() - started) / 1000;
}
