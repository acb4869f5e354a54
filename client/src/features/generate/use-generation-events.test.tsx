import { act, render, screen, waitFor, within } from '@testing-library/react';
import type { FormattedExecutionResult } from 'graphql';
import type { GenerationDetailFragment } from '../../gql/graphql';
import { event, generation } from '../../testing/generation-fixtures';
import { LiveStream, createTestTransport, renderApp } from '../../testing/harness';
import type { ReceivedOperation } from '../../testing/harness';
import { LiveGeneration } from './LiveGeneration';
import { mergeEvents } from './use-generation-events';

function eventRequests(received: ReceivedOperation[]) {
  return received
    .filter((operation) => operation.operationName === 'GenerationEvents')
    .map((operation) => operation.variables);
}

function timeline() {
  const list = screen.getByRole('list', { name: 'Event timeline' });
  return within(list)
    .getAllByTestId('generation-event')
    .map((item) => item.querySelector('.timeline__message')?.textContent);
}

async function push(stream: LiveStream, result: FormattedExecutionResult) {
  await act(async () => {
    stream.push(result);
  });
}

describe('useGenerationEvents', () => {
  it('opens the feed again after a reconnect, after the last event seen, and shows each once', async () => {
    const feed = new LiveStream();
    const transport = createTestTransport((operation) =>
      operation.operationName === 'GenerationEvents'
        ? feed
        : new Promise<FormattedExecutionResult>(() => undefined),
    );
    const running = generation({
      status: 'RUNNING',
      lastSeq: 2,
      events: [
        event(1, 'CREATED', 'QUEUED', 0, 'Queued'),
        event(2, 'STARTED', 'RUNNING', 0, 'Started'),
      ],
    }) as unknown as GenerationDetailFragment;
    const onFinished = jest.fn();
    render(
      renderApp(
        transport,
        [
          {
            path: '/',
            element: <LiveGeneration generation={running} onFinished={onFinished} detailed />,
          },
        ],
        '/',
      ).ui,
    );

    await waitFor(() => expect(feed.subscribers).toBe(1));
    // The first connection is not a reconnect.
    act(() => transport.live.handle('connected'));
    expect(eventRequests(transport.received)).toEqual([{ generationId: 'gen-1', afterSeq: 2 }]);

    await push(feed, {
      data: { generationEvents: event(3, 'PROGRESS', 'RUNNING', 0.25, 'Step 2 of 8') },
    });
    await push(feed, {
      data: { generationEvents: event(4, 'PROGRESS', 'RUNNING', 0.5, 'Step 4 of 8') },
    });
    expect(timeline()).toEqual(['Queued', 'Started', 'Step 2 of 8', 'Step 4 of 8']);

    // The connection drops and comes back: the feed is asked again after event 4.
    act(() => transport.live.handle('closed'));
    expect(eventRequests(transport.received)).toHaveLength(1);
    act(() => transport.live.handle('connected'));
    await waitFor(() =>
      expect(eventRequests(transport.received)).toEqual([
        { generationId: 'gen-1', afterSeq: 2 },
        { generationId: 'gen-1', afterSeq: 4 },
      ]),
    );
    expect(feed.subscribers).toBe(1);

    // A replay of an event already shown is dropped; new ones follow.
    await push(feed, {
      data: { generationEvents: event(4, 'PROGRESS', 'RUNNING', 0.5, 'Step 4 of 8') },
    });
    await push(feed, {
      data: { generationEvents: event(5, 'PROGRESS', 'RUNNING', 0.75, 'Step 6 of 8') },
    });
    expect(timeline()).toEqual(['Queued', 'Started', 'Step 2 of 8', 'Step 4 of 8', 'Step 6 of 8']);

    await push(feed, { data: { generationEvents: event(6, 'SUCCEEDED', 'SUCCEEDED', 1, 'Done') } });
    expect(onFinished).toHaveBeenCalledTimes(1);
    await act(async () => feed.complete());

    // After the end, a reconnect opens nothing again.
    act(() => transport.live.handle('closed'));
    act(() => transport.live.handle('connected'));
    expect(eventRequests(transport.received)).toHaveLength(2);
  });

  it('joins events by number, in order, each once', () => {
    const joined = mergeEvents(
      [event(1, 'CREATED', 'QUEUED'), event(3, 'PROGRESS', 'RUNNING', 0.5)],
      [event(2, 'STARTED', 'RUNNING'), event(3, 'PROGRESS', 'RUNNING', 0.5)],
    );
    expect(joined.map((item) => item.seq)).toEqual([1, 2, 3]);
  });
});
