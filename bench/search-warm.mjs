// Search latency one request at a time with a warm cache: the bench's twelve queries, 15 rounds, the
// first round (cold pages after a start) left out. Against a running server, e.g. on the 1M database:
//   DATA_DIR=bench/.data/sqlite-1m-<version> DEMO_CASES=0 PORT=3498 node server/bin/shequ.js start --demo
//   node bench/search-warm.mjs http://127.0.0.1:3498 gl.handler 'Shequ@demo2026'
const [base = 'http://127.0.0.1:3498', username = 'gl.handler', password = 'Shequ@demo2026'] =
  process.argv.slice(2);
const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username, password }),
});
if (!login.ok) throw new Error(`sign-in failed: ${login.status}`);
const cookie = login.headers
  .getSetCookie()
  .map((c) => c.split(';')[0])
  .join('; ');
const words = [
  '垃圾',
  '噪音扰民',
  '油烟',
  '井盖',
  '路灯不亮',
  '停车',
  '楼上漏水',
  '占道经营',
  '低保',
  '垃圾 清运',
  '楼道堆物',
  '夜间施工 噪音',
];
const times = [];
for (let round = 0; round < 15; round++) {
  for (const word of words) {
    const started = performance.now();
    const res = await fetch(`${base}/api/search?q=${encodeURIComponent(word)}`, { headers: { cookie } });
    await res.text();
    if (!res.ok) throw new Error(`${word}: ${res.status}`);
    if (round > 0) times.push(performance.now() - started);
  }
}
times.sort((a, b) => a - b);
const at = (q) => (times[Math.floor(q * (times.length - 1))] ?? Number.NaN).toFixed(1);
console.log(`${times.length} searches: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`);
