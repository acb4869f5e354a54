/**
 * The TypeORM DataSource for the `typeorm` CLI, which needs DATABASE_URL. The npm scripts
 * (`npm run migration:generate -- <Name>`, `migration:run`, `migration:revert`) do the same on
 * the product's own configuration, the embedded database included; prefer them.
 */
import { createDataSource } from './server/src/db/data-source';

const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('Set DATABASE_URL to use the typeorm CLI, or use npm run migration:* instead.');
}

export default createDataSource(url);
