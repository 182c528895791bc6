/*
 * One load phase of bench/credentials, in its own thread so that the clients do not share the bench's event loop:
 * `concurrency` clients, each sending its next request as soon as the previous one answered, for `seconds`, over
 * keep-alive connections (one per client).
 *
 * workerData: { base, paths: string[], token?: string, seconds, concurrency }
 *   paths are used round-robin (e.g. different pages and sorts of the same list).
 * Posts { latencies (sorted, ms), seconds, requests, failures, firstFailure? }.
 */
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');

const { base, paths, token, seconds, concurrency } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const { hostname, port } = new URL(base);
const headers = token ? { authorization: `Bearer ${token}` } : {};

function get(path) {
  return new Promise(resolve => {
    const req = http.get({ agent, hostname, port, path, headers }, res => {
      res.on('data', () => {});
      res.on('end', () => resolve({ status: res.statusCode }));
    });
    req.on('error', error => resolve({ status: 0, error: String(error) }));
  });
}

async function run() {
  const latencies = [];
  let failures = 0;
  let firstFailure;
  let next = 0;
  const started = performance.now();
  const stopAt = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < stopAt) {
        const path = paths[next++ % paths.length];
        const t = performance.now();
        const { status, error } = await get(path);
        if (status !== 200) {
          failures++;
          firstFailure ??= `${path} → ${status} ${error ?? ''}`;
          continue;
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  parentPort.postMessage({
    latencies,
    seconds: elapsed,
    requests: latencies.length,
    failures,
    firstFailure,
  });
}

run().catch(error => {
  throw error;
});
