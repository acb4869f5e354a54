import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import {
  balanceResult,
  catalogueResult,
  estimateResult,
  event,
  generation,
  asset,
} from '../../testing/generation-fixtures';
import { LiveStream, createTestTransport, errorResult, renderApp } from '../../testing/harness';
import type { FakeServer, ReceivedOperation } from '../../testing/harness';
import { GeneratePage } from './GeneratePage';

const routes = [
  { path: '/generate', element: <GeneratePage /> },
  { path: '/credits', element: <h1>Credits</h1> },
];

/** Subscriptions nobody pushes into stay open. */
function pending(): Promise<FormattedExecutionResult> {
  return new Promise(() => undefined);
}

/** A fake server for the page: catalogue, balance, estimates by count, and what the test adds. */
function server(
  extra: (operation: ReceivedOperation) => ReturnType<FakeServer> | undefined = () => undefined,
  { available = 50 }: { available?: number } = {},
): FakeServer {
  return (operation) => {
    const answer = extra(operation);
    if (answer !== undefined) return answer;
    switch (operation.operationName) {
      case 'GenerationCatalog':
        return catalogueResult();
      case 'CreditBalance':
        return balanceResult(available);
      case 'EstimateGeneration': {
        const input = operation.variables.input as { count?: number; durationSeconds?: number };
        return estimateResult((input.count ?? 1) * (input.durationSeconds ?? 1), available);
      }
      default:
        return pending();
    }
  };
}

/** Pushes a result into a live subscription and lets the page take it in. */
async function push(stream: LiveStream, result: FormattedExecutionResult) {
  await act(async () => {
    stream.push(result);
  });
}

function requests(received: ReceivedOperation[], name: string) {
  return received.filter((operation) => operation.operationName === name);
}

async function openPage(fake: FakeServer) {
  const transport = createTestTransport(fake);
  const app = renderApp(transport, routes, '/generate');
  render(app.ui);
  await screen.findByRole('textbox', { name: /Prompt/ });
  return { transport, router: app.router };
}

function startInput(received: ReceivedOperation[], index = 0) {
  return requests(received, 'StartGeneration')[index]?.variables.input as Record<string, unknown>;
}

describe('GeneratePage: the form', () => {
  it('shows only what the chosen model takes', async () => {
    await openPage(server());

    // Built-in image: count 1–4, ratios, custom size, negative prompt, seed, 2 references, params.
    const count = screen.getByRole('combobox', { name: 'Number of images' });
    expect(
      within(count)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['1', '2', '3', '4']);
    expect(screen.getByRole('combobox', { name: 'Aspect ratio' })).toBeTruthy();
    expect(screen.getByText('1024 × 1024 pixels')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Negative prompt' })).toBeTruthy();
    expect(screen.getByRole('spinbutton', { name: 'Seed' })).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: 'Length' })).toBeNull();
    expect(screen.queryByRole('spinbutton', { name: 'Width' })).toBeNull();
    const references = screen.getByRole('group', { name: 'Reference images' });
    expect(within(references).getByText(/Up to 2 PNG, JPEG or WebP images/)).toBeTruthy();
    const style = screen.getByRole('combobox', { name: 'Style' });
    expect(
      within(style)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Geometric', 'Waves', 'Mosaic']);
    const steps = screen.getByRole('spinbutton', { name: 'Steps' }) as HTMLInputElement;
    expect([steps.value, steps.min, steps.max]).toEqual(['8', '1', '20']);

    fireEvent.click(screen.getByRole('checkbox', { name: 'Custom size' }));
    expect((screen.getByRole('spinbutton', { name: 'Width' }) as HTMLInputElement).value).toBe(
      '1024',
    );
    expect(screen.getByRole('spinbutton', { name: 'Height' })).toBeTruthy();

    // A provider that is not set up is listed, not usable, and says why.
    const provider = screen.getByRole('combobox', { name: 'Provider' });
    const acme = within(provider).getByRole('option', { name: 'Acme Cloud (not set up)' });
    expect((acme as HTMLOptionElement).disabled).toBe(true);
    expect(screen.getByText(/Acme Cloud: not set up on this server/)).toBeTruthy();

    // Built-in clip: a length, 1–2 clips, no negative prompt, no size until asked, 1 reference.
    fireEvent.change(screen.getByRole('combobox', { name: 'Model' }), {
      target: { value: 'local-video' },
    });
    const length = screen.getByRole('combobox', { name: 'Length' });
    expect(
      within(length)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['2 s', '4 s']);
    expect(
      within(screen.getByRole('combobox', { name: 'Number of clips' })).getAllByRole('option'),
    ).toHaveLength(2);
    expect(screen.queryByRole('textbox', { name: 'Negative prompt' })).toBeNull();
    expect(screen.queryByRole('spinbutton', { name: 'Width' })).toBeNull();
    // The ratio chosen before stays when the clip model offers it; the size follows its range.
    expect(
      (screen.getByRole('combobox', { name: 'Aspect ratio' }) as HTMLSelectElement).value,
    ).toBe('1:1');
    expect(screen.getByText('320 × 320 pixels')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Aspect ratio' }), {
      target: { value: '16:9' },
    });
    expect(screen.getByText('320 × 184 pixels')).toBeTruthy();
    expect(
      within(screen.getByRole('group', { name: 'Reference images' })).getByText(
        /Up to 1 PNG, JPEG or WebP image to guide/,
      ),
    ).toBeTruthy();
  });

  it('keeps a live estimate with the balance and says when it is not affordable', async () => {
    const { transport } = await openPage(server(undefined, { available: 2 }));

    const estimate = await screen.findByText('1 credit');
    expect(estimate.closest('[data-testid="cost-estimate"]')?.textContent).toBe(
      '1 credit · you have 2',
    );
    expect(screen.queryByText('Not enough credits')).toBeNull();

    fireEvent.change(screen.getByRole('combobox', { name: 'Number of images' }), {
      target: { value: '3' },
    });
    expect(await screen.findByText('3 credits')).toBeTruthy();
    expect(screen.getByTestId('cost-estimate').textContent).toBe('3 credits · you have 2');
    expect(screen.getByText('Not enough credits')).toBeTruthy();
    expect(screen.getByText(/This needs 1 credit more than you have/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Get credits' }).getAttribute('href')).toBe('/credits');

    const estimates = requests(transport.received, 'EstimateGeneration');
    expect(estimates.at(-1)?.variables.input).toMatchObject({
      kind: 'IMAGE',
      provider: 'local',
      model: 'local-image',
      count: 3,
      aspectRatio: '1:1',
    });
  });
});

describe('GeneratePage: starting', () => {
  it('sends the input with an idempotency key, kept for a retry and new after a success', async () => {
    let refuse = true;
    const { transport } = await openPage(
      server((operation) => {
        if (operation.operationName !== 'StartGeneration') return undefined;
        if (refuse) {
          refuse = false;
          return errorResult('TOO_MANY_ACTIVE', 'You have 4 generations in progress.');
        }
        return { data: { startGeneration: generation() } };
      }),
    );

    fireEvent.change(screen.getByRole('textbox', { name: /Prompt/ }), {
      target: { value: '  A lighthouse at dawn ' },
    });
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Seed' }), {
      target: { value: '1234' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    expect(await screen.findByText('You have 4 generations in progress.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    await screen.findByTestId('live-generation');

    const first = startInput(transport.received, 0);
    const second = startInput(transport.received, 1);
    expect(second).toEqual({
      kind: 'IMAGE',
      provider: 'local',
      model: 'local-image',
      prompt: 'A lighthouse at dawn',
      count: 1,
      aspectRatio: '1:1',
      seed: 1234,
      params: { style: 'geometric', steps: 8 },
      idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    // The same request again (after the refusal) is the same generation to the server.
    expect(first.idempotencyKey).toBe(second.idempotencyKey);

    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(requests(transport.received, 'StartGeneration')).toHaveLength(3));
    expect(startInput(transport.received, 2).idempotencyKey).not.toBe(second.idempotencyKey);
  });

  it('asks for a prompt before sending anything', async () => {
    const { transport } = await openPage(server());
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    const prompt = screen.getByRole('textbox', { name: /Prompt/ });
    expect(await screen.findByText('Describe what to generate.')).toBeTruthy();
    expect(prompt.getAttribute('aria-invalid')).toBe('true');
    expect(requests(transport.received, 'StartGeneration')).toHaveLength(0);
  });

  it('shows the server’s field errors beside their fields', async () => {
    await openPage(
      server((operation) =>
        operation.operationName === 'StartGeneration'
          ? errorResult('BAD_USER_INPUT', 'Some settings are not valid.', {
              fieldErrors: [
                { field: 'count', messages: ['Built-in image makes 1 to 4 at a time.'] },
                { field: 'params.steps', messages: ['steps must be a whole number from 1 to 20'] },
                { field: 'input.prompt', messages: ['Describe what to generate in 1 to 4,000.'] },
              ],
            })
          : undefined,
      ),
    );
    fireEvent.change(screen.getByRole('textbox', { name: /Prompt/ }), {
      target: { value: 'Waves' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));

    const count = screen.getByRole('combobox', { name: 'Number of images' });
    await waitFor(() => expect(count.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = (element: HTMLElement) =>
      (element.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent)
        .join(' ');
    expect(describedBy(count)).toContain('Built-in image makes 1 to 4 at a time.');
    const steps = screen.getByRole('spinbutton', { name: 'Steps' });
    expect(describedBy(steps)).toContain('steps must be a whole number from 1 to 20');
    expect(describedBy(screen.getByRole('textbox', { name: /Prompt/ }))).toContain(
      'Describe what to generate in 1 to 4,000.',
    );

    // Editing a field takes its message away.
    fireEvent.change(steps, { target: { value: '12' } });
    expect(steps.getAttribute('aria-invalid')).toBeNull();
  });

  it('says when credits are short, with the way to get more', async () => {
    await openPage(
      server((operation) =>
        operation.operationName === 'StartGeneration'
          ? errorResult('INSUFFICIENT_CREDITS', 'Not enough credits.', { shortfall: 3 })
          : undefined,
      ),
    );
    fireEvent.change(screen.getByRole('textbox', { name: /Prompt/ }), {
      target: { value: 'Waves' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('You need 3 credits more for this.');
    expect(within(alert).getByRole('link', { name: 'Get credits' }).getAttribute('href')).toBe(
      '/credits',
    );
  });
});

describe('GeneratePage: live progress', () => {
  async function started(
    finalGeneration: Record<string, unknown>,
    extra: (operation: ReceivedOperation) => ReturnType<FakeServer> | undefined = () => undefined,
  ) {
    const feed = new LiveStream();
    let finished = false;
    const { transport } = await openPage(
      server((operation) => {
        const answer = extra(operation);
        if (answer !== undefined) return answer;
        switch (operation.operationName) {
          case 'StartGeneration':
            return { data: { startGeneration: generation() } };
          case 'GenerationEvents':
            return feed;
          case 'Generation':
            return { data: { generation: finished ? finalGeneration : generation() } };
          default:
            return undefined;
        }
      }),
    );
    fireEvent.change(screen.getByRole('textbox', { name: /Prompt/ }), {
      target: { value: 'A lighthouse at dawn' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    const live = await screen.findByTestId('live-generation');
    await waitFor(() => expect(feed.subscribers).toBe(1));
    return {
      transport,
      live,
      feed,
      finish: () => {
        finished = true;
      },
    };
  }

  it('goes from queued to running with progress and a preview, then shows the outputs', async () => {
    const done = generation({
      status: 'SUCCEEDED',
      progress: 1,
      lastSeq: 6,
      outputs: [asset('out-1')],
      events: [
        event(1, 'CREATED', 'QUEUED'),
        event(2, 'STARTED', 'RUNNING', 0, 'Started'),
        event(3, 'PREVIEW', 'RUNNING', 0.25, 'Step 2 of 8', 'preview-1'),
        event(4, 'PROGRESS', 'RUNNING', 0.5, 'Step 4 of 8'),
        event(5, 'OUTPUT', 'RUNNING', 1, 'Output 1 of 1 saved', 'out-1'),
        event(6, 'SUCCEEDED', 'SUCCEEDED', 1, 'Done: 1 output'),
      ],
    });
    const { transport, live, feed, finish } = await started(done);

    // The feed continues after the event the start returned.
    expect(requests(transport.received, 'GenerationEvents')[0]?.variables).toEqual({
      generationId: 'gen-1',
      afterSeq: 1,
    });
    expect(live.getAttribute('data-status')).toBe('QUEUED');
    const queued = within(live).getByRole('progressbar', { name: 'Waiting to start' });
    expect(queued.getAttribute('aria-valuenow')).toBeNull();

    await push(feed, { data: { generationEvents: event(2, 'STARTED', 'RUNNING', 0, 'Started') } });
    const starting = await within(live).findByRole('progressbar', { name: 'Starting' });
    expect(starting.getAttribute('aria-valuenow')).toBeNull();
    expect(live.getAttribute('data-status')).toBe('RUNNING');

    await push(feed, {
      data: {
        generationEvents: event(3, 'PREVIEW', 'RUNNING', 0.25, 'Step 2 of 8', 'preview-1'),
      },
    });
    const bar = await within(live).findByRole('progressbar', { name: 'Generating' });
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(within(live).getByRole('img', { name: 'Latest preview' }).getAttribute('src')).toBe(
      '/files/preview-1.webp?sig=1',
    );
    expect(within(live).getByText('Step 2 of 8')).toBeTruthy();

    await push(feed, {
      data: { generationEvents: event(4, 'PROGRESS', 'RUNNING', 0.5, 'Step 4 of 8') },
    });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('50'));

    finish();
    await push(feed, {
      data: { generationEvents: event(5, 'OUTPUT', 'RUNNING', 1, 'Output 1 of 1 saved', 'out-1') },
    });
    await push(feed, { data: { generationEvents: event(6, 'SUCCEEDED', 'SUCCEEDED', 1, 'Done') } });
    await act(async () => feed.complete());

    const result = await within(live).findByRole('img', { name: 'Result 1 of 1' });
    expect(result.getAttribute('src')).toBe('/files/out-1.webp?sig=1');
    const download = within(live).getByRole('link', { name: 'Download result 1' });
    expect(download.getAttribute('href')).toBe('/files/out-1.webp?sig=1');
    expect(download.getAttribute('download')).toBe('aiofm-gen-1-1.webp');
    expect(live.getAttribute('data-status')).toBe('SUCCEEDED');
    expect(within(live).queryByRole('progressbar')).toBeNull();
    expect(within(live).getByText('1 credit spent')).toBeTruthy();
    // The outputs were read once, after the final event.
    await waitFor(() => expect(requests(transport.received, 'Generation')).toHaveLength(1));
  });

  it('cancels, then says it was canceled and what was refunded', async () => {
    const canceled = generation({
      status: 'CANCELED',
      costCredits: 2,
      count: 2,
      lastSeq: 4,
      error: { __typename: 'GenerationFailure', code: 'CANCELED', message: 'Canceled' },
      events: [],
    });
    const { transport, live, feed, finish } = await started(canceled, (operation) =>
      operation.operationName === 'CancelGeneration'
        ? {
            data: {
              cancelGeneration: {
                __typename: 'Generation',
                id: 'gen-1',
                status: 'RUNNING',
                progress: 0.25,
                lastSeq: 3,
                finishedAt: null,
                error: null,
              },
            },
          }
        : undefined,
    );
    await push(feed, {
      data: { generationEvents: event(2, 'STARTED', 'RUNNING', 0.25, 'Started') },
    });
    await within(live).findByRole('progressbar', { name: 'Generating' });

    fireEvent.click(within(live).getByRole('button', { name: 'Cancel generation' }));
    await waitFor(() =>
      expect(requests(transport.received, 'CancelGeneration')[0]?.variables).toEqual({
        id: 'gen-1',
      }),
    );
    await push(feed, {
      data: { generationEvents: event(3, 'CANCEL_REQUESTED', 'RUNNING', 0.25, 'Stopping…') },
    });
    expect(await within(live).findByRole('button', { name: 'Stopping…' })).toBeTruthy();

    finish();
    await push(feed, {
      data: {
        generationEvents: event(4, 'CANCELED', 'CANCELED', 0.25, 'Canceled; 2 credits refunded'),
      },
    });
    expect(await within(live).findByText('2 credits refunded.')).toBeTruthy();
    expect(within(live).getByText('Canceled', { selector: '.alert__title' })).toBeTruthy();
    expect(live.getAttribute('data-status')).toBe('CANCELED');
    expect(within(live).queryByRole('button', { name: /Cancel generation|Stopping/ })).toBeNull();
  });

  it('says why it failed and that the credits were refunded', async () => {
    const failed = generation({
      status: 'FAILED',
      lastSeq: 3,
      error: {
        __typename: 'GenerationFailure',
        code: 'PROVIDER_ERROR',
        message: 'The provider could not draw this.',
      },
      events: [],
    });
    const { live, feed, finish } = await started(failed);
    await push(feed, { data: { generationEvents: event(2, 'STARTED', 'RUNNING', 0, 'Started') } });
    finish();
    await push(feed, {
      data: {
        generationEvents: event(
          3,
          'FAILED',
          'FAILED',
          0,
          'The provider could not draw this.; 1 credit refunded',
        ),
      },
    });
    const alert = await within(live).findByRole('alert');
    expect(within(alert).getByText('Generation failed')).toBeTruthy();
    expect(within(alert).getByText('The provider could not draw this.')).toBeTruthy();
    expect(within(alert).getByText('1 credit refunded.')).toBeTruthy();
  });
});
