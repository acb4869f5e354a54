import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The product version, from the root package.json (one place to bump). */
export const VERSION: string = (
  JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;
