/*
 * The list load of bench/credentials, in its own thread so the clients do not share the server's event loop.
 * workerData: { base, requestCount, concurrency, credentialCount }; posts the sorted latencies and seconds.
 */
const { parentPort, workerData } = require('node:worker_threads');

const { base, requestCount, concurrency, credentialCount } = workerData;
const sorts = ['resourceName', 'resourceType', 'username', 'expiryStatus', 'lastSeenAt'];

async function run() {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requestCount) {
        const i = next++;
        const query =
          `offset=${(i * 37) % Math.max(1, credentialCount - 25)}&limit=25` +
          `&orderBy=${sorts[i % sorts.length]}&order=${i % 2 ? 'desc' : 'asc'}${i % 3 === 0 ? '&q=esxi' : ''}`;
        const t = performance.now();
        const res = await fetch(`${base}/environments/bench/credentials?${query}`);
        await res.json();
        if (!res.ok) throw new Error(`list answered ${res.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  parentPort.postMessage({ latencies, seconds: (performance.now() - started) / 1000 });
}

run().catch(error => {
  throw error;
});
