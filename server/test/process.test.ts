import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'server', 'dist', 'main.js');

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
  };
  return { ...base, ...extra };
}

function waitForReady(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /is ready at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ready:\n${output}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('the aiofm process', () => {
  it('stops at once with one line naming a bad setting', () => {
    const result = spawnSync('node', [MAIN], { env: env({ PORT: 'eighty' }), encoding: 'utf8' });
    expect(result.status).toBe(78);
    expect(result.stderr.trim().split('\n')).toEqual([
      'aiofm: configuration error: PORT must be a whole number from 0 to 65535 (got "eighty")',
    ]);
  });

  it('requires SESSION_SECRET in production', () => {
    const result = spawnSync('node', [MAIN], {
      env: env({ NODE_ENV: 'production' }),
      encoding: 'utf8',
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(
      /^aiofm: configuration error: SESSION_SECRET is required in production/,
    );
  });

  describe('on the embedded database', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aiofm-process-'));
    chmodSync(dataDir, 0o755);
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it('starts, serves, drains on SIGTERM, and starts again on the same data', async () => {
      const first = spawn('node', [MAIN], { env: env({ PORT: '0', DATA_DIR: dataDir }) });
      const url = await waitForReady(first);
      const info = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ serverInfo { version } }' }),
      });
      expect(info.status).toBe(200);

      // A script using the same configuration joins the running embedded database.
      const notice = spawnSync(
        'node',
        [path.join(ROOT, 'server', 'dist', 'cli', 'notice.js'), 'kept across restarts'],
        {
          env: env({ DATA_DIR: dataDir }),
          encoding: 'utf8',
        },
      );
      expect(notice.stderr).toBe('');
      expect(notice.stdout).toMatch(/published notice/);

      first.kill('SIGTERM');
      expect(await exitOf(first)).toBe(0);
      // PostgreSQL was shut down cleanly with the process.
      expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
      const secret = readFileSync(path.join(dataDir, 'secrets.json'), 'utf8');

      const startedAt = Date.now();
      const second = spawn('node', [MAIN], { env: env({ PORT: '0', DATA_DIR: dataDir }) });
      const secondUrl = await waitForReady(second);
      expect(Date.now() - startedAt).toBeLessThan(10_000);
      expect(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')).toBe(secret);
      const ready = await fetch(`${secondUrl}/readyz`);
      expect(ready.status).toBe(200);

      const count = spawnSync(
        'node',
        [
          '-e',
          `
          const { Client } = require('pg');
          const port = require('fs').readFileSync(process.argv[1], 'utf8').split('\\n')[3];
          const password = require('fs').readFileSync(process.argv[2], 'utf8').trim();
          const client = new Client({ host: '127.0.0.1', port, user: 'aiofm', password, database: 'aiofm' });
          client.connect().then(() => client.query("SELECT count(*)::int AS n FROM notices WHERE message = 'kept across restarts'"))
            .then((r) => { console.log(r.rows[0].n); return client.end(); });
        `,
          path.join(dataDir, 'postgres', 'postmaster.pid'),
          path.join(dataDir, 'postgres-password'),
        ],
        { cwd: ROOT, encoding: 'utf8' },
      );
      expect(count.stdout.trim()).toBe('1');

      second.kill('SIGTERM');
      expect(await exitOf(second)).toBe(0);
    }, 90_000);

    it('says so in one line when the port is taken, and leaves no database running', async () => {
      const blocker = createServer().listen(0, '127.0.0.1');
      await new Promise((resolve) => blocker.once('listening', resolve));
      const port = (blocker.address() as { port: number }).port;
      try {
        const child = spawn('node', [MAIN], {
          env: env({ PORT: String(port), DATA_DIR: dataDir }),
        });
        let stderr = '';
        child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        expect(await exitOf(child)).toBe(1);
        expect(stderr.trim()).toBe(
          `aiofm: Port ${port} on 127.0.0.1 is already in use: stop the other process or choose another with PORT=<number>.`,
        );
        expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
      } finally {
        blocker.close();
      }
    }, 60_000);
  });
});
