import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { printAppSchema } from '../graphql/schema';

/** `schema.js write` regenerates schema.graphql; `schema.js check` fails when it is stale. */
async function main(mode: string | undefined): Promise<number> {
  const file = path.resolve(__dirname, '..', '..', '..', 'schema.graphql');
  const sdl = await printAppSchema();
  if (mode === 'write') {
    writeFileSync(file, sdl);
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
    return 0;
  }
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // A missing file is stale too.
  }
  if (current !== sdl) {
    process.stderr.write('schema.graphql is stale: run `npm run schema:emit` and commit it.\n');
    return 1;
  }
  process.stdout.write('schema.graphql is current\n');
  return 0;
}

main(process.argv[2]).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
