import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config';
import { createProviders } from './catalog';
import { PRICES, priceOf, type PriceEntry } from './prices';

/** Every provider, each with a (fake) key so that all of them are enabled. */
function allProviders() {
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      SESSION_SECRET: 'prices-test-secret-0123456789abcdef',
      OPENAI_API_KEY: 'sk-fake',
      REPLICATE_API_TOKEN: 'r8_fake',
      FAL_KEY: 'fal-fake',
      STABILITY_API_KEY: 'sk-fake',
      GOOGLE_API_KEY: 'AIza-fake',
      RUNWAY_API_KEY: 'key_fake',
    },
    tmpdir(),
  );
  return createProviders(config);
}

/** The table as `provider model` → entry, in table order. */
function tableRows(): Array<[string, PriceEntry]> {
  return Object.entries(PRICES).flatMap(([provider, models]) =>
    Object.entries(models as Record<string, PriceEntry>).map(
      ([model, entry]): [string, PriceEntry] => [`${provider} ${model}`, entry],
    ),
  );
}

describe('prices', () => {
  it('prices every model of every provider, and nothing else', () => {
    const providers = allProviders();
    expect(providers.every((provider) => provider.enabled)).toBe(true);
    const catalogue = providers.flatMap((provider) =>
      provider.models().map((model) => [`${provider.id} ${model.id}`, model.price] as const),
    );
    const table = new Map(tableRows());
    for (const [key, price] of catalogue) {
      const entry = table.get(key);
      expect({ key, entry: entry && { credits: entry.credits, per: entry.per } }).toEqual({
        key,
        entry: price,
      });
    }
    // No entry for a model that does not exist (a renamed or removed one).
    expect([...table.keys()].sort()).toEqual(catalogue.map(([key]) => key).sort());
  });

  it('holds whole, positive credits and says what each derives from', () => {
    for (const [key, entry] of tableRows()) {
      expect({ key, whole: Number.isInteger(entry.credits) && entry.credits > 0 }).toEqual({
        key,
        whole: true,
      });
      expect(entry.basis.trim()).not.toBe('');
    }
  });

  it('gives a model its price, and refuses one without', () => {
    expect(priceOf('openai', 'gpt-image-1')).toEqual({ credits: 11, per: 'output' });
    expect(() => priceOf('openai', 'gpt-image-2')).toThrow(
      'No price for openai model gpt-image-2 in providers/prices.ts',
    );
  });

  it('matches the Prices table in docs/providers.md exactly', () => {
    const docs = readFileSync(path.join(__dirname, '../../../../docs/providers.md'), 'utf8');
    const section = /^## Prices\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(docs)?.[1];
    expect(section).toBeDefined();
    const lines = section!.split('\n').filter((line) => line.startsWith('|'));
    const cells = (line: string) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim().replace(/^`(.*)`$/, '$1'));
    expect(cells(lines[0]!)).toEqual(['provider', 'model', 'credits', 'per', 'basis']);
    const documented = lines.slice(2).map(cells);
    const expected = tableRows().map(([key, entry]) => {
      const [provider, model] = key.split(' ');
      return [provider, model, String(entry.credits), entry.per, entry.basis];
    });
    expect(documented).toEqual(expected);
  });
});
