import sharp from 'sharp';
import { ProviderError } from '../provider';
import { createLocalProvider } from './local-provider';
import {
  bytesOf,
  difference,
  localRequest,
  meanColour,
  recordingContext,
  solidReference,
} from './local-testing';

const provider = createLocalProvider({ stepMs: 0 });

async function image(overrides: Parameters<typeof localRequest>[1] = {}): Promise<Buffer> {
  const outputs = await provider.run(localRequest('IMAGE', overrides), recordingContext().context);
  return bytesOf(outputs[0]);
}

describe('the local provider', () => {
  it('describes itself and its models honestly', () => {
    expect(provider).toMatchObject({ id: 'local', name: 'Built-in generator', enabled: true });
    expect(provider.description).toMatch(/no AI model/);
    const [still, clip] = provider.models();
    expect(still).toMatchObject({
      id: 'local-image',
      kind: 'IMAGE',
      price: { credits: 1, per: 'output' },
      capabilities: { count: { min: 1, max: 4 }, size: { min: 64, max: 2048, step: 8 } },
    });
    expect(clip).toMatchObject({ id: 'local-video', kind: 'VIDEO', price: { per: 'second' } });
    expect(still!.capabilities.params!.map((p) => p.name)).toEqual(['style', 'steps']);
  });

  it('draws byte-identical images from the same inputs', async () => {
    for (const style of ['geometric', 'waves', 'noise']) {
      const [a, b] = await Promise.all([
        image({ params: { style } }),
        image({ params: { style } }),
      ]);
      expect(a.equals(b)).toBe(true);
    }
  });

  it('ignores case and punctuation but not words', async () => {
    const base = await image();
    expect((await image({ prompt: 'A quiet HARBOUR, at dawn!' })).equals(base)).toBe(true);
    expect(
      await difference(await image({ prompt: 'a quiet harbour at dusk' }), base),
    ).toBeGreaterThan(20);
  });

  it('draws visibly different pictures for other seeds and styles', async () => {
    const base = await image();
    for (const other of [{ seed: 43 }, { seed: 7 }, { params: { style: 'waves' } }]) {
      const changed = await image(other);
      expect(changed.equals(base)).toBe(false);
      expect(await difference(changed, base)).toBeGreaterThan(20);
    }
  });

  it('leaves the negative prompt’s words out of the seed', async () => {
    const without = await image({ prompt: 'harbour dawn' });
    expect(
      (await image({ prompt: 'harbour dawn fog', negativePrompt: 'Fog' })).equals(without),
    ).toBe(true);
  });

  it.each([
    [64, 2048],
    [1000, 504],
    [2048, 64],
  ])('draws at exactly %i×%i', async (width, height) => {
    const metadata = await sharp(await image({ width, height })).metadata();
    expect(metadata).toMatchObject({ format: 'png', width, height });
  });

  it('draws count distinct outputs, output i being seed + i', async () => {
    const { context } = recordingContext();
    const outputs = await provider.run(localRequest('IMAGE', { count: 4 }), context);
    const images = outputs.map(bytesOf);
    expect(outputs.every((output) => output.contentType === 'image/png')).toBe(true);
    expect(new Set(images.map((data) => data.toString('base64'))).size).toBe(4);
    expect(images[2]!.equals(await image({ seed: 44 }))).toBe(true);
  });

  it('reports each step with growing progress and a small forming preview', async () => {
    const { context, reports } = recordingContext();
    await provider.run(
      localRequest('IMAGE', { width: 512, height: 288, params: { steps: 5 } }),
      context,
    );
    expect(reports.map((r) => [r.progress, r.message])).toEqual(
      [1, 2, 3, 4, 5].map((step) => [step / 5, `Step ${step} of 5`]),
    );
    for (const { preview } of reports) {
      expect(preview!.contentType).toBe('image/webp');
      expect(await sharp(preview!.data).metadata()).toMatchObject({ width: 64, height: 36 });
    }
    const previews = reports.map((r) => r.preview!.data);
    expect(await difference(previews[0]!, previews[4]!)).toBeGreaterThan(5);
  });

  it('takes its default step count from its options', async () => {
    const { context, reports } = recordingContext();
    await createLocalProvider({ stepMs: 0, steps: 3 }).run(localRequest('IMAGE'), context);
    expect(reports).toHaveLength(3);
  });

  it('stops within a step when aborted, with the signal’s reason', async () => {
    // 8 steps of 200 ms: stopping within a step ends far sooner than the whole run would.
    const slow = createLocalProvider({ stepMs: 200 });
    const reason = new Error('canceled by the user');
    const { context, reports, abort, recorded } = recordingContext((update) => {
      if (update.progress === 2 / 8) setTimeout(() => abort(reason), 10);
    });
    const started = Date.now();
    await expect(slow.run(localRequest('IMAGE'), context)).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(1200);
    expect(reports).toHaveLength(2);
    expect(recorded).toEqual([]);
  });

  it('rejects at once, with an AbortError, when already aborted without an Error reason', async () => {
    const { context, reports, abort } = recordingContext();
    abort('shutdown');
    await expect(provider.run(localRequest('IMAGE'), context)).rejects.toMatchObject({
      name: 'AbortError',
      message: 'shutdown',
    });
    expect(reports).toEqual([]);
  });

  it('lets references tint the palette', async () => {
    const plain = await meanColour(await image());
    const red = await meanColour(await image({ references: [await solidReference('#ff0000')] }));
    const blue = await meanColour(await image({ references: [await solidReference('#0000ff')] }));
    expect(red[0] - red[2]).toBeGreaterThan(plain[0] - plain[2] + 40);
    expect(blue[2] - blue[0]).toBeGreaterThan(plain[2] - plain[0] + 40);
  });

  it('rejects what its models do not take, as INVALID_INPUT', async () => {
    const reference = await solidReference('#ff0000');
    for (const overrides of [
      { count: 5 },
      { width: 100, height: 256 },
      { references: [reference, reference, reference] },
      { params: { style: 'cubist' } },
      { params: { simulate: 'permanent' } },
      { model: { ...localRequest('IMAGE').model, id: 'local-oil-paint' } },
    ]) {
      await expect(image(overrides)).rejects.toMatchObject({
        failure: 'PERMANENT',
        code: 'INVALID_INPUT',
      });
    }
  });

  it('turns unreadable and unfetchable references into ProviderErrors', async () => {
    const garbage = { url: 'x', contentType: 'image/png', bytes: async () => Buffer.from('nope') };
    await expect(image({ references: [garbage] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const failing = { ...garbage, bytes: () => Promise.reject(new Error('storage down')) };
    const error: unknown = await image({ references: [failing] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ failure: 'RETRYABLE', code: 'REFERENCE_UNAVAILABLE' });
  });

  it('has no remote job to cancel and no key to check', async () => {
    await expect(provider.cancel({ remoteJobId: 'anything' })).resolves.toBeUndefined();
    await expect(provider.validateKey({ key: '' })).resolves.toBe(true);
  });
});
