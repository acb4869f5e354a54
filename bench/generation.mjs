// The generation pipeline, end to end: generations per second started over HTTP and followed to
// SUCCEEDED over the WebSocket feed, as a ratio to plain graphile-worker no-op jobs on the same
// database and worker; start → first event latency; and live-event fan-out to many subscribers of
// one person, as a ratio to a raw `ws` broadcast in the same process. All in one run on one
// database, then the invariants (each generation succeeded and was charged exactly once, the
// ledger verifies). Run: npm run bench:generation
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from 'graphql-ws';
import WebSocket, { WebSocketServer } from 'ws';

const require = createRequire(import.meta.url);
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'server', 'dist');
const load = (file) => require(path.join(dist, file));
const { loadConfig } = load('config.js');
const { createLogger } = load('logger.js');
const { startRuntime } = load('runtime.js');
const { startTemporaryPostgres } = load('db/temporary-postgres.js');
const { addJob } = load('queue/queue.js');
const { verifyLedger } = load('modules/credits/ledger-verifier.js');

const GENERATIONS = Number(process.env.BENCH_GENERATIONS ?? 200);
const WARM_UP = 16;
const CONCURRENCY = 16;
const USERS = 4;
const STEPS = 2;
const WANTED_SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const FANOUT_GENERATIONS = Number(process.env.BENCH_FANOUT_GENERATIONS ?? 10);
const FANOUT_STEPS = 2;
const OPEN_BATCH = 50;
const TIMEOUT_MS = 5 * 60_000;
const PHASE_MS = 90_000;
const FANOUT_MS = 150_000;

// Node's warnings (e.g. MaxListenersExceededWarning from the server's pubsub) are collected and
// printed once after the results instead of in the middle of them.
process.removeAllListeners('warning');
const warnings = new Map();
process.on('warning', (warning) => {
  const key = `${warning.name}: ${warning.message}`;
  warnings.set(key, (warnings.get(key) ?? 0) + 1);
});

const watchdog = setTimeout(() => {
  console.error(`generation bench: not done within ${TIMEOUT_MS / 1000} s, giving up`);
  process.exit(2);
}, TIMEOUT_MS);

// Every SQL statement this process sends (api, worker, queue, event bus share one `pg`), counted
// so the pipeline's cost per generation can be compared with a queue job's.
const pg = require('pg');
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (...args) {
  statements++;
  return query.apply(this, args);
};

// Each subscriber is two sockets in this process; leave room for the database pools and files.
const openFiles = (() => {
  const raw = execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim();
  return raw === 'unlimited' ? Infinity : Number(raw);
})();
const SUBSCRIBERS = Math.max(1, Math.min(WANTED_SUBSCRIBERS, Math.floor((openFiles - 256) / 2)));
if (SUBSCRIBERS < WANTED_SUBSCRIBERS) {
  console.log(
    `note: ulimit -n is ${openFiles}, so the fan-out uses ${SUBSCRIBERS} subscribers instead of ${WANTED_SUBSCRIBERS}`,
  );
}

const deferred = () => {
  const handle = {};
  handle.promise = new Promise((resolve, reject) => Object.assign(handle, { resolve, reject }));
  handle.promise.catch(() => undefined); // awaited later, or not at all
  return handle;
};
async function within(promise, ms, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not done within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Polls until `done()` holds; throws after `ms`. */
async function waitUntil(done, ms, what) {
  const deadline = performance.now() + ms;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`${what}: not done within ${ms} ms`);
    await sleep(5);
  }
}
const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

// The no-op baseline task: counts completions and wakes whoever queued the job.
const noopWaiters = new Map();
let noopsDone = 0;
const tasks = {
  'bench.noop': async (payload) => {
    noopsDone++;
    noopWaiters.get(payload.i)?.resolve();
    noopWaiters.delete(payload.i);
  },
};

const logger = createLogger('silent');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aiofm-bench-'));
const database = await startTemporaryPostgres(logger);
const config = loadConfig({
  NODE_ENV: 'production',
  PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  SESSION_SECRET: 'b'.repeat(40),
  LOG_LEVEL: 'silent',
  LOCAL_STEP_MS: '0',
  GENERATION_MAX_ACTIVE: '1000',
  GENERATION_STARTS_PER_MINUTE: '10000',
  WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY, // unset: the product's default
});
const runtime = await startRuntime({ config, logger, role: 'all', tasks, database });
const { dataSource } = runtime;
const base = `http://127.0.0.1:${new URL(runtime.url).port}`;

const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { id } }`;
const START = `mutation ($input: StartGenerationInput!) { startGeneration(input: $input) { id status } }`;
const UPDATES = `subscription { myGenerationUpdates { id status progress lastSeq } }`;
const imageInput = (steps) => ({
  kind: 'IMAGE',
  provider: 'local',
  model: 'local-image',
  prompt: 'a lighthouse at dusk',
  width: 64,
  height: 64,
  params: { steps },
});

async function graphql(cookie, document, variables) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify({ query: document, variables }),
  });
  const body = await response.json();
  if (body.errors?.length)
    throw new Error(`HTTP ${response.status}: ${JSON.stringify(body.errors)}`);
  return { data: body.data, setCookies: response.headers.getSetCookie() };
}

let people = 0;
/** A person signed up through `signUp` (its limit is per IP: cleared first) with credits. */
async function person(credits) {
  await dataSource.query('DELETE FROM rate_limits');
  const { data, setCookies } = await graphql(undefined, SIGN_UP, {
    input: {
      name: 'Bench Person',
      email: `bench.${++people}.${Date.now()}@example.com`,
      password: 'correct horse battery staple',
      ageConfirmed: true,
    },
  });
  const cookie = setCookies.map((header) => header.split(';')[0]).join('; ');
  const id = data.signUp.id;
  await runtime.services.ledger.grant({
    userId: id,
    amount: credits,
    kind: 'ADMIN_GRANT',
    key: `bench-grant:${id}`,
  });
  return { id, cookie };
}

/** A graphql-ws client opening its socket with the person's session cookie. */
function liveClient(cookie) {
  class CookieSocket extends WebSocket {
    constructor(address, protocols) {
      super(address, protocols, { headers: { cookie } });
    }
  }
  return createClient({
    url: `${base.replace('http', 'ws')}/graphql`,
    webSocketImpl: CookieSocket,
    retryAttempts: 0,
  });
}

/**
 * Subscribes to `myGenerationUpdates`, then waits for a query round trip on the same socket (the
 * server reads messages in order), so the subscription is listening when this returns.
 */
async function subscribeUpdates(client, onUpdate, onError) {
  client.subscribe(
    { query: UPDATES },
    {
      next: (result) =>
        result.errors
          ? onError(new Error(JSON.stringify(result.errors)))
          : onUpdate(result.data.myGenerationUpdates),
      error: (error) => onError(error instanceof Error ? error : new Error(String(error))),
      complete: () => undefined,
    },
  );
  await new Promise((resolve, reject) =>
    client.subscribe(
      { query: '{ serverInfo { version } }' },
      { next: () => undefined, error: reject, complete: resolve },
    ),
  );
}

const failures = [];
let aborted = false; // set on a failure: the measuring loops stop starting work
const fail = (message) => {
  if (failures.length < 20) failures.push(message);
};
let started = 0;
const clients = [];
let rawServer;
const rawClients = [];
const report = {};

try {
  // ---- 1 and 2: end-to-end generations per second, and start → first event ----------------
  const users = [];
  for (let i = 0; i < USERS; i++) users.push(await person(GENERATIONS + WARM_UP + 10));

  // What the subscribers saw, per generation: first update, and first SUCCEEDED.
  const seen = new Map();
  const track = (id) => {
    let record = seen.get(id);
    if (!record) {
      record = { firstAt: undefined, doneAt: undefined, first: deferred(), done: deferred() };
      seen.set(id, record);
    }
    return record;
  };
  const onUpdate = (update) => {
    const now = performance.now();
    const record = track(update.id);
    if (record.firstAt === undefined) {
      record.firstAt = now;
      record.first.resolve();
    }
    if (record.doneAt !== undefined) return;
    if (update.status === 'SUCCEEDED') {
      record.doneAt = now;
      record.done.resolve();
    } else if (['FAILED', 'CANCELED', 'BLOCKED'].includes(update.status)) {
      record.doneAt = now;
      record.done.reject(new Error(`generation ${update.id} ended ${update.status}`));
    }
  };
  for (const user of users) {
    const client = liveClient(user.cookie);
    clients.push(client);
    await subscribeUpdates(client, onUpdate, (error) => fail(`subscriber: ${error.message}`));
  }

  /** `count` generations from CONCURRENCY slots, each done when its SUCCEEDED is seen live. */
  async function generations(count) {
    let next = 0;
    const firstEvent = [];
    const endToEnd = [];
    const t0 = performance.now();
    const statements0 = statements;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, slot) => {
        const user = users[slot % users.length];
        while (next < count && !aborted) {
          next++;
          const sentAt = performance.now();
          started++;
          const { data } = await graphql(user.cookie, START, { input: imageInput(STEPS) });
          const record = track(data.startGeneration.id);
          await record.first.promise;
          firstEvent.push(record.firstAt - sentAt);
          await record.done.promise;
          endToEnd.push(record.doneAt - sentAt);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    return {
      perSecond: count / seconds,
      statements: (statements - statements0) / count,
      firstEvent: firstEvent.sort((a, b) => a - b),
      endToEnd: endToEnd.sort((a, b) => a - b),
    };
  }

  /** `count` no-op jobs from CONCURRENCY slots, each queued in its own transaction. */
  let noopIds = 0;
  async function noops(count) {
    let next = 0;
    const done0 = noopsDone;
    const t0 = performance.now();
    const statements0 = statements;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < count && !aborted) {
          next++;
          const i = noopIds++;
          const waiter = deferred();
          noopWaiters.set(i, waiter);
          await dataSource.transaction((manager) =>
            addJob(manager, { task: 'bench.noop', payload: { i }, options: { maxAttempts: 1 } }),
          );
          await waiter.promise;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    if (noopsDone - done0 !== count) fail(`no-op jobs: ${noopsDone - done0} of ${count} ran`);
    return { perSecond: count / seconds, statements: (statements - statements0) / count };
  }

  await within(noops(WARM_UP * 4), PHASE_MS, 'no-op warm-up');
  await within(generations(WARM_UP), PHASE_MS, 'generation warm-up');
  report.noops = await within(noops(GENERATIONS), PHASE_MS, 'no-op jobs');
  report.generations = await within(generations(GENERATIONS), PHASE_MS, 'generations');
  report.noopsAfter = await within(noops(GENERATIONS), PHASE_MS, 'no-op jobs (again)');
  for (const client of clients.splice(0)) await client.dispose();

  // ---- 3: fan-out to SUBSCRIBERS live connections of one person --------------------------
  const fan = await person(FANOUT_GENERATIONS + 10);
  const received = new Int32Array(SUBSCRIBERS);
  let lastDeliveryAt = 0;
  const succeededBy = new Map(); // generation id -> subscribers that saw it SUCCEEDED
  const openedAt = performance.now();
  for (let opened = 0; opened < SUBSCRIBERS; opened += OPEN_BATCH) {
    const batch = [];
    for (let index = opened; index < Math.min(SUBSCRIBERS, opened + OPEN_BATCH); index++) {
      const client = liveClient(fan.cookie);
      clients.push(client);
      const succeeded = new Set();
      batch.push(
        subscribeUpdates(
          client,
          (update) => {
            received[index]++;
            lastDeliveryAt = performance.now();
            if (update.status === 'SUCCEEDED' && !succeeded.has(update.id)) {
              succeeded.add(update.id);
              succeededBy.set(update.id, (succeededBy.get(update.id) ?? 0) + 1);
            }
          },
          (error) => fail(`fan-out subscriber ${index}: ${error.message}`),
        ),
      );
    }
    await within(Promise.all(batch), 30_000, 'opening subscribers');
  }
  report.opening = { perSecond: SUBSCRIBERS / ((performance.now() - openedAt) / 1000) };
  const deliveredTotal = () => received.reduce((sum, n) => sum + n, 0);
  async function eventsOf(ids) {
    const [{ events }] = await dataSource.query(
      `SELECT coalesce(sum(last_seq), 0)::int AS events FROM generations WHERE id = ANY($1)`,
      [ids],
    );
    return events;
  }
  /** Starts generations for the fan, waits until every subscriber has every one of their events. */
  async function fanOut(count) {
    received.fill(0);
    const t0 = performance.now();
    const statements0 = statements;
    const ids = await Promise.all(
      Array.from({ length: count }, async () => {
        started++;
        const { data } = await graphql(fan.cookie, START, { input: imageInput(FANOUT_STEPS) });
        return data.startGeneration.id;
      }),
    );
    await waitUntil(
      () => ids.every((id) => succeededBy.get(id) === SUBSCRIBERS),
      FANOUT_MS,
      'fan-out: every subscriber sees every generation succeed',
    );
    const events = await eventsOf(ids);
    await waitUntil(
      () => deliveredTotal() >= events * SUBSCRIBERS,
      FANOUT_MS,
      'fan-out: every subscriber receives every event',
    );
    const seconds = (lastDeliveryAt - t0) / 1000;
    const perDelivery = (statements - statements0) / deliveredTotal();
    await sleep(200); // anything more would be a duplicate
    const wrong = received.filter((n) => n !== events).length;
    if (wrong > 0) fail(`fan-out: ${wrong} subscribers did not receive exactly ${events} events`);
    return { events, perSecond: deliveredTotal() / seconds, seconds, perDelivery };
  }
  await fanOut(1); // warm-up, and proof that every subscriber is listening
  report.fanOut = await fanOut(FANOUT_GENERATIONS);
  await Promise.all(clients.splice(0).map((client) => client.dispose()));

  // The baseline: a bare ws server broadcasting as many small JSON messages to as many sockets.
  rawServer = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => rawServer.once('listening', resolve));
  const rawUrl = `ws://127.0.0.1:${rawServer.address().port}`;
  const rawReceived = new Int32Array(SUBSCRIBERS);
  let rawLastAt = 0;
  for (let opened = 0; opened < SUBSCRIBERS; opened += OPEN_BATCH) {
    const batch = [];
    for (let index = opened; index < Math.min(SUBSCRIBERS, opened + OPEN_BATCH); index++) {
      const socket = new WebSocket(rawUrl);
      rawClients.push(socket);
      socket.on('message', (data) => {
        JSON.parse(data.toString());
        rawReceived[index]++;
        rawLastAt = performance.now();
      });
      batch.push(
        new Promise((resolve, reject) => {
          socket.once('open', resolve);
          socket.once('error', reject);
        }),
      );
    }
    await within(Promise.all(batch), 30_000, 'opening raw sockets');
  }
  await waitUntil(() => rawServer.clients.size === SUBSCRIBERS, 30_000, 'raw sockets accepted');
  const messages = report.fanOut.events;
  const t0 = performance.now();
  for (let seq = 1; seq <= messages; seq++) {
    const text = JSON.stringify({
      id: '1',
      type: 'next',
      payload: {
        data: {
          myGenerationUpdates: {
            id: 'bench',
            status: 'RUNNING',
            progress: seq / messages,
            lastSeq: seq,
          },
        },
      },
    });
    for (const socket of rawServer.clients) socket.send(text);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await waitUntil(
    () => rawReceived.reduce((sum, n) => sum + n, 0) >= messages * SUBSCRIBERS,
    PHASE_MS,
    'raw broadcast',
  );
  report.raw = { perSecond: (messages * SUBSCRIBERS) / ((rawLastAt - t0) / 1000) };

  // ---- 4: invariants -----------------------------------------------------------------------
  const [counts] = await dataSource.query(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE status = 'SUCCEEDED')::int AS succeeded,
            count(*) FILTER (WHERE attempts <> 1)::int AS retried
     FROM generations`,
  );
  if (counts.total !== started)
    fail(`${counts.total} generations in the database, ${started} started`);
  if (counts.succeeded !== counts.total) {
    fail(`${counts.total - counts.succeeded} of ${counts.total} generations did not succeed`);
  }
  if (counts.retried > 0) fail(`${counts.retried} generations needed more than one attempt`);
  const [{ events }] = await dataSource.query(
    `SELECT count(*)::int AS events FROM generations g
     WHERE (SELECT count(*) FROM generation_events e
            WHERE e.generation_id = g.id AND e.type = 'SUCCEEDED') <> 1`,
  );
  if (events > 0) fail(`${events} generations without exactly one SUCCEEDED event`);
  const [{ captures }] = await dataSource.query(
    `SELECT count(*)::int AS captures FROM generations g
     WHERE (SELECT count(*) FROM ledger_transfers t WHERE t.kind = 'CAPTURE'
            AND t.reference_type = 'generation' AND t.reference_id = g.id::text) <> 1`,
  );
  if (captures > 0) fail(`${captures} generations without exactly one CAPTURE`);
  const [{ open }] = await dataSource.query(
    `SELECT count(*)::int AS open FROM credit_holds WHERE status = 'OPEN'`,
  );
  if (open > 0) fail(`${open} credit holds still open`);
  for (const problem of await verifyLedger(dataSource)) fail(`ledger: ${JSON.stringify(problem)}`);
} catch (error) {
  aborted = true;
  fail(error instanceof Error ? error.message : String(error));
} finally {
  await Promise.all(clients.map((client) => client.dispose()));
  for (const socket of rawClients) socket.terminate();
  if (rawServer) await new Promise((resolve) => rawServer.close(resolve));
  await runtime.stop(); // stops the temporary database too
  rmSync(dataDir, { recursive: true, force: true });
  clearTimeout(watchdog);
}

const fmt = (n, width = 7) => n.toFixed(0).padStart(width);
const ms = (n) => `${n.toFixed(1)} ms`.padStart(9);
if (report.generations) {
  const { noops, noopsAfter, generations } = report;
  // The baseline brackets the measurement: no-op jobs just before and just after it.
  const baseline = (noops.perSecond + noopsAfter.perSecond) / 2;
  console.log(
    `generations: ${GENERATIONS} (+${WARM_UP} warm-up) by ${USERS} people, ${CONCURRENCY} in flight, ` +
      `worker concurrency ${config.workerConcurrency}, 64×64, ${STEPS} steps, LOCAL_STEP_MS=0`,
  );
  console.log(
    `no-op jobs           ${fmt(baseline)}/s  (${fmt(noops.perSecond, 0)} before, ${fmt(noopsAfter.perSecond, 0)} after)   ` +
      `${noops.statements.toFixed(1)} SQL statements each`,
  );
  console.log(
    `generations          ${fmt(generations.perSecond)}/s   ratio ${(generations.perSecond / baseline).toFixed(3)}   ` +
      `${generations.statements.toFixed(1)} SQL statements each`,
  );
  const { firstEvent, endToEnd } = generations;
  console.log(
    `start → first event      p50 ${ms(percentile(firstEvent, 50))}   p99 ${ms(percentile(firstEvent, 99))}`,
  );
  console.log(
    `start → SUCCEEDED seen   p50 ${ms(percentile(endToEnd, 50))}   p99 ${ms(percentile(endToEnd, 99))}`,
  );
}
if (report.raw) {
  const { opening, fanOut, raw } = report;
  console.log(
    `fan-out: ${SUBSCRIBERS} subscribers (opened at ${fmt(opening.perSecond, 0)}/s) × ${fanOut.events} events ` +
      `of ${FANOUT_GENERATIONS} generations (${FANOUT_STEPS} steps) in ${fanOut.seconds.toFixed(1)} s`,
  );
  console.log(`raw ws broadcast     ${fmt(raw.perSecond, 9)} deliveries/s`);
  console.log(
    `myGenerationUpdates  ${fmt(fanOut.perSecond, 9)} deliveries/s   ratio ${(fanOut.perSecond / raw.perSecond).toFixed(3)}   ` +
      `${fanOut.perDelivery.toFixed(2)} SQL statements per delivery`,
  );
}
console.log(
  failures.length === 0
    ? 'invariants: ok (every generation SUCCEEDED once, one CAPTURE each, no open holds, ledger verifies)'
    : `invariants BROKEN:\n  ${failures.join('\n  ')}`,
);
for (const [warning, times] of warnings) console.log(`node warned (${times}×): ${warning}`);
process.exit(failures.length === 0 ? 0 : 1);
