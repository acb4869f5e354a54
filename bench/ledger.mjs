// Ledger throughput: holds per second on one hot wallet and across many wallets, each as a ratio
// to a plain "UPDATE balance + INSERT entry" loop on the same database in the same run (the
// least any ledger must do), then the invariant check. Run: npm run bench:ledger
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'server', 'dist');
const load = (file) => require(path.join(dist, file));
const { createLogger } = load('logger.js');
const { createDataSource } = load('db/data-source.js');
const { migrate } = load('db/database.js');
const { startTemporaryPostgres } = load('db/temporary-postgres.js');
const { LedgerService } = load('modules/credits/ledger.service.js');
const { verifyLedger } = load('modules/credits/ledger-verifier.js');

const OPERATIONS = Number(process.env.BENCH_OPERATIONS ?? 2000);
const CONCURRENCY = 16;
const WALLETS = 200;

const logger = createLogger('silent');
const database = await startTemporaryPostgres(logger);
const dataSource = createDataSource(database.url, { poolSize: CONCURRENCY + 4 });
await dataSource.initialize();
await migrate(dataSource, logger);
const events = { publish: async () => undefined, pubSub: { publish() {}, subscribe() {} } };
const ledger = new LedgerService(dataSource, events);

async function newUsers(count) {
  const ids = [];
  for (let i = 0; i < count; i++) {
    const [row] = await dataSource.query(
      `INSERT INTO users (email, name, age_confirmed_at) VALUES ($1, 'bench', now()) RETURNING id`,
      [`${randomUUID()}@bench.invalid`],
    );
    await ledger.grant({ userId: row.id, amount: 1_000_000, kind: 'PURCHASE', key: randomUUID() });
    ids.push(row.id);
  }
  return ids;
}

/** Runs `operation(i)` OPERATIONS times from CONCURRENCY workers; returns operations per second. */
async function throughput(operation) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < OPERATIONS) await operation(next++);
    }),
  );
  return OPERATIONS / ((performance.now() - started) / 1000);
}

await dataSource.query(
  `CREATE TABLE bench_balances (id int PRIMARY KEY, balance bigint NOT NULL CHECK (balance >= 0))`,
);
await dataSource.query(
  `CREATE TABLE bench_entries (id bigserial PRIMARY KEY, account int, amount bigint, at timestamptz DEFAULT now())`,
);
await dataSource.query(
  `INSERT INTO bench_balances SELECT g, 1000000000 FROM generate_series(0, $1) g`,
  [WALLETS],
);
const plain = (account) =>
  dataSource.transaction(async (manager) => {
    await manager.query('UPDATE bench_balances SET balance = balance - 1 WHERE id = $1', [account]);
    await manager.query('INSERT INTO bench_entries (account, amount) VALUES ($1, -1)', [account]);
  });

const [hotUser] = await newUsers(1);
const users = await newUsers(WALLETS);

const baselineHot = await throughput(() => plain(0));
const holdsHot = await throughput((i) =>
  ledger.hold({ userId: hotUser, amount: 1, key: `hot-${i}` }),
);
const baselineMany = await throughput((i) => plain(1 + (i % WALLETS)));
const holdsMany = await throughput((i) =>
  ledger.hold({ userId: users[i % WALLETS], amount: 1, key: `many-${i}` }),
);
const releases = await throughput((i) => ledger.release(`many-${i}`, 'benchmark'));

const problems = await verifyLedger(dataSource);
const fmt = (n) => n.toFixed(0).padStart(6);
console.log(`operations: ${OPERATIONS} per case, concurrency ${CONCURRENCY}, ${WALLETS} wallets`);
console.log(
  `one hot wallet    plain ${fmt(baselineHot)}/s   holds ${fmt(holdsHot)}/s   ratio ${(holdsHot / baselineHot).toFixed(2)}`,
);
console.log(
  `many wallets      plain ${fmt(baselineMany)}/s   holds ${fmt(holdsMany)}/s   ratio ${(holdsMany / baselineMany).toFixed(2)}`,
);
console.log(
  `releases (many)   ${fmt(releases)}/s   ratio to plain ${(releases / baselineMany).toFixed(2)}`,
);
console.log(
  problems.length === 0
    ? 'ledger invariants: ok'
    : `ledger invariants BROKEN: ${JSON.stringify(problems)}`,
);

await dataSource.destroy();
await database.stop();
if (problems.length > 0) process.exit(1);
