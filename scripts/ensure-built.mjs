// Before `npm start`: compile the server (swc, under a second) and rebuild the web client only
// when its sources changed since the last build, so a second start is ready in seconds.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const client = path.join(root, 'client');
const stamp = path.join(client, 'dist', '.sources-mtime');

function newest(entry) {
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(entry).reduce(
    (latest, name) => Math.max(latest, newest(path.join(entry, name))),
    stats.mtimeMs,
  );
}

function run(args) {
  const result = spawnSync('npm', ['run', ...args, '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(['build:server']);

const sources = ['src', 'index.html', 'graphiql.html', 'vite.config.ts', 'package.json']
  .map((name) => path.join(client, name))
  .filter((entry) => existsSync(entry));
const sourcesMtime = String(Math.max(...sources.map(newest)));
const built = existsSync(stamp) ? readFileSync(stamp, 'utf8') : '';
if (built !== sourcesMtime || !existsSync(path.join(client, 'dist', 'index.html'))) {
  process.stdout.write('Building the web client…\n');
  run(['build:client']);
  writeFileSync(stamp, sourcesMtime);
}
