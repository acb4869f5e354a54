import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { TransferKind } from '../src/modules/credits/ledger-transfer.entity';
import { BrowserClient, SIGN_UP } from './support/browser-client';
import { startTestServer, type TestServer } from './support/test-server';

const CLI = path.resolve(__dirname, '..', 'dist', 'cli', 'ledger-verify.js');

describe('npm run ledger:verify', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  const verify = () =>
    spawnSync('node', [CLI], {
      env: { PATH: process.env.PATH, DATABASE_URL: server.runtime.databaseUrl, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });

  it('passes on a consistent ledger and names each problem on a broken one', async () => {
    const { signUp } = await new BrowserClient(server.url).ok<{ signUp: { id: string } }>(SIGN_UP, {
      input: {
        name: 'Audit',
        email: `${randomUUID()}@example.com`,
        password: 'correct horse battery staple',
        ageConfirmed: true,
      },
    });
    const { ledger } = server.runtime.services;
    await ledger.grant({
      userId: signUp.id,
      amount: 40,
      kind: TransferKind.PURCHASE,
      key: randomUUID(),
    });
    await ledger.hold({ userId: signUp.id, amount: 15, key: `audit-${signUp.id}` });

    const ok = verify();
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^ledger ok/);

    // Tamper behind the ledger's back: a cached balance that no transfer explains.
    await server.runtime.dataSource.query(
      `UPDATE ledger_accounts SET balance = balance + 7 WHERE owner_id = $1 AND type = 'PURCHASED'`,
      [signUp.id],
    );
    await server.runtime.dataSource.query(
      `UPDATE credit_holds SET status = 'RELEASED' WHERE key = $1`,
      [`audit-${signUp.id}`],
    );
    const broken = verify();
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(
      /\[cached-balance\] account .* \(PURCHASED of user .*\): cached 32, transfers say 25/,
    );
    expect(broken.stderr).toMatch(/\[escrow-vs-holds\] escrow is 15 but open holds add up to 0/);
  });
});
