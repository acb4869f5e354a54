import { parseArgs } from 'node:util';
import { createDataSource } from '../db/data-source';
import { migrate, openDatabase } from '../db/database';
import { PostgresEventBus } from '../graphql/events';
import { NoticeLevel } from '../modules/system/notice.entity';
import { NoticeService } from '../modules/system/notice.service';
import { runScript } from './run-script';

const USAGE =
  'usage: npm run notice -- [--level info|warning|critical] "message for every connected user"';

/** Broadcasts an operator notice to every connected client (shown as a toast). */
runScript(async (config, logger) => {
  const { values, positionals } = parseArgs({
    options: { level: { type: 'string', default: 'info' } },
    allowPositionals: true,
  });
  const level = values.level.toUpperCase() as NoticeLevel;
  const message = positionals.join(' ');
  if (!Object.values(NoticeLevel).includes(level) || !message) {
    process.stderr.write(`${USAGE}\n`);
    return 64;
  }

  const database = await openDatabase(config, logger);
  const dataSource = createDataSource(database.url, { poolSize: 2 });
  try {
    await dataSource.initialize();
    await migrate(dataSource, logger);
    // Publishing only needs NOTIFY; this process does not listen.
    const events = new PostgresEventBus(
      database.url,
      (sql, args) => dataSource.query(sql, args),
      logger,
    );
    const notice = await new NoticeService(dataSource, events).publish({ level, message });
    process.stdout.write(`published notice ${notice.id}\n`);
    return 0;
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await database.stop();
  }
});
