import path from 'node:path';
import { createDataSource } from '../db/data-source';
import { migrate, openDatabase } from '../db/database';
import type { RunningDatabase } from '../db/embedded-postgres';
import { writeMigration } from '../db/migration-writer';
import { startTemporaryPostgres } from '../db/temporary-postgres';
import { runScript } from './run-script';

const USAGE = `usage: npm run migration:generate -- <Name>
       npm run migration:run
       npm run migration:revert
       npm run migration:check     (fails when entities differ from the migrations)`;

const MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', 'src', 'db', 'migrations');

runScript(async (config, logger) => {
  const [command, name] = process.argv.slice(2);
  if (!command || !['generate', 'run', 'revert', 'check'].includes(command)) {
    process.stderr.write(`${USAGE}\n`);
    return 64;
  }
  if (command === 'generate' && !/^[A-Z][A-Za-z0-9]*$/.test(name ?? '')) {
    process.stderr.write(`The migration needs a PascalCase name, e.g. AddGenerations.\n${USAGE}\n`);
    return 64;
  }

  // `check` compares against a fresh database so it never depends on local data.
  const database: RunningDatabase =
    command === 'check' ? await startTemporaryPostgres(logger) : await openDatabase(config, logger);
  const dataSource = createDataSource(database.url, { poolSize: 2 });
  try {
    await dataSource.initialize();
    if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      process.stdout.write('reverted the last migration\n');
      return 0;
    }
    await migrate(dataSource, logger);
    if (command === 'run') {
      process.stdout.write('the database is up to date\n');
      return 0;
    }
    const diff = await dataSource.driver.createSchemaBuilder().log();
    if (command === 'check') {
      if (diff.upQueries.length === 0) {
        process.stdout.write('migrations match the entities\n');
        return 0;
      }
      process.stderr.write(
        'The entities have changes no migration covers: run `npm run migration:generate -- <Name>` and commit it.\n' +
          diff.upQueries.map((query) => `  ${query.query}`).join('\n') +
          '\n',
      );
      return 1;
    }
    if (diff.upQueries.length === 0) {
      process.stdout.write('No entity changes: nothing to generate.\n');
      return 0;
    }
    const file = writeMigration({
      dir: MIGRATIONS_DIR,
      name: name!,
      timestamp: Date.now(),
      up: diff.upQueries,
      down: diff.downQueries,
    });
    process.stdout.write(
      `wrote ${path.relative(process.cwd(), file)}; review it, then npm run migration:run\n`,
    );
    return 0;
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await database.stop();
  }
});
