// `npm run check`: every static check, each saying what to run when it fails.
import { spawnSync } from 'node:child_process';

const steps = [
  ['types (server, client, tests)', 'npm run typecheck --silent', 'fix the type errors above'],
  [
    'lint',
    'npx eslint . --max-warnings 0',
    'fix the problems above (npx eslint . --fix handles some)',
  ],
  ['formatting', 'npx prettier --check . --log-level warn', 'run `npm run format`'],
  [
    'schema.graphql is current',
    'npm run schema:check --silent',
    'run `npm run schema:emit` and commit schema.graphql',
  ],
  [
    'client/src/gql is current',
    'npm run codegen:check --silent',
    'run `npm run codegen` and commit client/src/gql',
  ],
  [
    'no pending migration',
    'npm run migration:check --silent',
    'run `npm run migration:generate -- <Name>` and commit it',
  ],
];

const failed = [];
for (const [name, command, remedy] of steps) {
  process.stdout.write(`\n▶ ${name}\n`);
  const result = spawnSync(command, {
    shell: true,
    stdio: 'inherit',
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  if (result.status !== 0) failed.push(`✗ ${name}: ${remedy}`);
}

if (failed.length > 0) {
  process.stderr.write(`\nnpm run check failed:\n${failed.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('\nAll checks passed.\n');
