import sharp from 'sharp';
import { resolveSize } from '../dimensions';
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

async function clips(overrides: Parameters<typeof localRequest>[1] = {}) {
  const outputs = await provider.run(localRequest('VIDEO', overrides), recordingContext().context);
  expect(outputs.every((output) => output.contentType === 'image/webp')).toBe(true);
  return outputs.map(bytesOf);
}

describe('the local provider’s clips', () => {
  it.each([2, 4])('are looping animated WebPs of %i seconds at 8 fps', async (seconds) => {
    const [clip] = await clips({ durationSeconds: seconds });
    const metadata = await sharp(clip!, { animated: true }).metadata();
    expect(metadata).toMatchObject({
      format: 'webp',
      pages: seconds * 8,
      pageHeight: 96,
      width: 160,
      loop: 0,
    });
    expect(metadata.delay).toEqual(Array.from({ length: seconds * 8 }, () => 125));
  });

  it('move from frame to frame', async () => {
    const [clip] = await clips();
    const frame = (page: number) => sharp(clip!, { page }).png().toBuffer();
    expect(await difference(await frame(0), await frame(4))).toBeGreaterThan(2);
  });

  it('are deterministic, distinct per output and tinted by a reference', async () => {
    const [a, b] = await clips({ count: 2 });
    const [again] = await clips();
    expect(a!.equals(again!)).toBe(true);
    expect(a!.equals(b!)).toBe(false);
    const [tinted] = await clips({ references: [await solidReference('#00ff00')] });
    const [plain, green] = await Promise.all([meanColour(a!), meanColour(tinted!)]);
    expect(green[1] - green[0]).toBeGreaterThan(plain[1] - plain[0] + 40);
  });

  it('default to at most 320 pixels on the long side', async () => {
    const { capabilities } = localRequest('VIDEO').model;
    const size = resolveSize(capabilities, { aspectRatio: '9:16' }).value!;
    expect(size).toEqual({ width: 184, height: 320, aspectRatio: '9:16' });
    const [clip] = await clips({ ...size, durationSeconds: 4 });
    const metadata = await sharp(clip!).metadata();
    expect(metadata).toMatchObject({ width: 184, height: 320, pages: 32 });
  });

  it('reject durations the model does not offer', async () => {
    await expect(clips({ durationSeconds: 3 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
