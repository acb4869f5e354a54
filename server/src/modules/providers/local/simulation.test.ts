import { createLocalProvider } from './local-provider';
import { localRequest, recordingContext } from './local-testing';

const provider = createLocalProvider({ stepMs: 0, allowSimulation: true });
const run = (simulate: string, generationId = 'gen-1') =>
  provider.run(
    localRequest('IMAGE', { generationId, params: { simulate } }),
    recordingContext().context,
  );

describe('simulated failures', () => {
  it('are offered only by a provider created to allow them', () => {
    const names = (p: typeof provider) =>
      p.models()[0]!.capabilities.params!.map((spec) => spec.name);
    expect(names(provider)).toContain('simulate');
    expect(names(createLocalProvider({ stepMs: 0 }))).not.toContain('simulate');
  });

  it('transient-once fails once per generation, then succeeds', async () => {
    await expect(run('transient-once', 'gen-a')).rejects.toMatchObject({
      failure: 'RETRYABLE',
      code: 'PROVIDER_UNAVAILABLE',
    });
    await expect(run('transient-once', 'gen-a')).resolves.toHaveLength(1);
    await expect(run('transient-once', 'gen-b')).rejects.toMatchObject({ failure: 'RETRYABLE' });
  });

  it('permanent and blocked fail every time, after the first step', async () => {
    const { context, reports } = recordingContext();
    const request = localRequest('IMAGE', { params: { simulate: 'permanent' } });
    await expect(provider.run(request, context)).rejects.toMatchObject({
      failure: 'PERMANENT',
      code: 'INVALID_INPUT',
      message: 'The built-in generator was asked to fail.',
    });
    expect(reports).toHaveLength(1);
    await expect(run('blocked')).rejects.toMatchObject({
      failure: 'BLOCKED',
      code: 'CONTENT_FILTERED',
      message: 'The built-in generator refused this prompt (simulated content filter).',
    });
  });

  it('hang waits until the signal aborts', async () => {
    const { context, reports, abort } = recordingContext();
    const request = localRequest('IMAGE', { params: { simulate: 'hang' } });
    const running = provider.run(request, context);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reports).toHaveLength(1);
    const reason = new Error('timed out');
    abort(reason);
    await expect(running).rejects.toBe(reason);
  });
});
