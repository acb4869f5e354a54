import { createDataSource } from '../db/data-source';
import { migrate, openDatabase } from '../db/database';
import { verifyLedger } from '../modules/credits/ledger-verifier';
import { runScript } from './run-script';

/** `npm run ledger:verify`: exits non-zero, listing each problem, when the ledger is inconsistent. */
runScript(async (config, logger) => {
  const database = await openDatabase(config, logger);
  const dataSource = createDataSource(database.url, { poolSize: 2 });
  try {
    await dataSource.initialize();
    await migrate(dataSource, logger);
    const problems = await verifyLedger(dataSource);
    if (problems.length === 0) {
      process.stdout.write(
        'ledger ok: cached balances match the transfers, no wallet is negative, escrow matches open holds\n',
      );
      return 0;
    }
    process.stderr.write(`ledger has ${problems.length} problem(s):\n`);
    for (const problem of problems)
      process.stderr.write(`  [${problem.check}] ${problem.detail}\n`);
    return 1;
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await database.stop();
  }
});
