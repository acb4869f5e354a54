import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { RunningDatabase } from '../../src/db/embedded-postgres';

/** The migrated database every test file clones. */
export const TEMPLATE_DATABASE = 'aiofm_test_template';

function adminUrl(): string {
  const url = process.env.AIOFM_TEST_ADMIN_URL;
  if (!url) throw new Error('The jest global setup did not run (AIOFM_TEST_ADMIN_URL is unset)');
  return url;
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh, migrated database of its own for one test file, dropped on stop. */
export async function createTestDatabase(): Promise<RunningDatabase> {
  const name = `aiofm_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
  return {
    url: withDatabase(adminUrl(), name),
    owned: true,
    stop: () =>
      admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
