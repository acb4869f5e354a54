// How much the full GraphQL stack (security headers, request ids, logging, Apollo, type-graphql)
// costs per request, as a ratio against a bare node:http server answering the same JSON,
// both measured in this run on this machine. Run: npm run bench
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'server', 'dist');
const { loadConfig } = require(path.join(dist, 'config.js'));
const { createLogger } = require(path.join(dist, 'logger.js'));
const { startRuntime } = require(path.join(dist, 'runtime.js'));
const { startTemporaryPostgres } = require(path.join(dist, 'db', 'temporary-postgres.js'));

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = 16;
const body = JSON.stringify({ query: '{ serverInfo { name version environment startedAt } }' });

async function measure(url) {
  let next = 0;
  const worker = async () => {
    while (next++ < REQUESTS) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker)); // warm-up
  next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (performance.now() - started) / REQUESTS;
}

const logger = createLogger('silent');
const database = await startTemporaryPostgres(logger);
const config = {
  ...loadConfig({
    NODE_ENV: 'production',
    PORT: '0',
    SESSION_SECRET: 'b'.repeat(40),
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
  }),
};
const runtime = await startRuntime({ config, logger, role: 'api', database });

const answer = JSON.stringify({
  data: {
    serverInfo: {
      name: 'aiofm',
      version: '0',
      environment: 'production',
      startedAt: new Date().toISOString(),
    },
  },
});
const bare = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(answer));
});
await new Promise((resolve) => bare.listen(0, '127.0.0.1', resolve));

try {
  const baseline = await measure(`http://127.0.0.1:${bare.address().port}/`);
  const full = await measure(`${runtime.url}/graphql`);
  console.log(`requests: ${REQUESTS} at concurrency ${CONCURRENCY}`);
  console.log(`bare node:http     ${(baseline * 1000).toFixed(0)} µs/request`);
  console.log(`aiofm /graphql     ${(full * 1000).toFixed(0)} µs/request`);
  console.log(`ratio (aiofm/bare) ${(full / baseline).toFixed(2)}`);
} finally {
  bare.close();
  await runtime.stop();
}
