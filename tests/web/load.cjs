// load.cjs - a bounded load test of `powershare serve` on loopback only.
// usage: node load.cjs URL CONCURRENCY ROUNDS
// Each round sends CONCURRENCY requests at once (a mix of the three API
// calls and the page) and waits for all; the whole run stops after 90 s.
// Prints "ok"/"FAIL" lines; exit status 1 when any request failed.
'use strict';
const http = require('http');

const [base, concurrency = '200', rounds = '3'] = process.argv.slice(2);
const u = new URL(base);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) {
  console.log('FAIL load test only runs against loopback, not ' + u.hostname);
  process.exit(1);
}
const paths = [
  '/api/legislatures',
  '/api/coalition?leg=iraq-2014&members=sol,ahrar,muwatin,kdp',
  '/api/coalition?leg=consociational&members=a1,a2,b2&remove=c2',
  '/api/analyze?leg=consociational',
  '/',
];
const agent = new http.Agent({ keepAlive: false, maxSockets: Number(concurrency) });
const deadline = setTimeout(() => { console.log('FAIL load test did not finish in 90 s'); process.exit(1); }, 90000);

function get(path) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const req = http.get({ host: u.hostname, port: u.port, path, agent, timeout: 30000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, error: e.message, ms: 0 }));
  });
}

(async () => {
  let ok = 0, bad = 0;
  const times = [];
  const errors = {};
  for (let r = 0; r < Number(rounds); r++) {
    const all = [];
    for (let i = 0; i < Number(concurrency); i++) all.push(get(paths[i % paths.length]));
    for (const res of await Promise.all(all)) {
      if (res.status === 200) { ok++; times.push(res.ms); }
      else { bad++; const k = res.status + ' ' + (res.error || ''); errors[k] = (errors[k] || 0) + 1; }
    }
  }
  const after = await get('/api/legislatures');
  clearTimeout(deadline);
  times.sort((a, b) => a - b);
  const q = (p) => (times.length ? times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1) : '-');
  console.log(`load: ${ok} ok, ${bad} failed of ${Number(concurrency) * Number(rounds)} requests ` +
              `(${concurrency} at once); latency ms median ${q(0.5)}, p99 ${q(0.99)}, max ${q(1)}`);
  if (bad) console.log('FAIL load: ' + JSON.stringify(errors));
  else console.log('ok   load: every one of the concurrent requests answered 200');
  if (after.status === 200) console.log('ok   load: the server still answers afterwards');
  else console.log('FAIL load: the server no longer answers (' + after.status + ')');
  process.exit(bad || after.status !== 200 ? 1 : 0);
})();
