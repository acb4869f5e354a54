import { request } from 'node:http';
import { addJob } from '../src/queue/queue';
import { startTestServer, type TestServer } from './support/test-server';

describe('graceful shutdown', () => {
  let server: TestServer;
  const finishedJobs: string[] = [];
  let jobStarted: () => void = () => undefined;

  beforeAll(async () => {
    server = await startTestServer({
      tasks: {
        'test.slow': async (payload: unknown) => {
          jobStarted();
          await new Promise((resolve) => setTimeout(resolve, 800));
          finishedJobs.push((payload as { name: string }).name);
        },
      },
    });
  });

  it('finishes in-flight requests and running jobs, and closes live connections', async () => {
    const started = new Promise<void>((resolve) => (jobStarted = resolve));
    await server.runtime.dataSource.transaction((manager) =>
      addJob(manager, { task: 'test.slow', payload: { name: 'render' } }),
    );
    await started;

    const ws = server.ws({ lazy: false });
    const closed = new Promise<number>((resolve) =>
      ws.on('closed', (event) => resolve((event as { code: number }).code)),
    );
    await new Promise<void>((resolve) => ws.on('connected', () => resolve()));

    // A request whose body is still arriving when the shutdown begins.
    const body = JSON.stringify({ query: '{ serverInfo { version } }' });
    const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 300);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));

    const stopping = server.stop();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({
      data: { serverInfo: { version: expect.any(String) } },
    });
    expect(await closed).toBe(1001);

    await stopping;
    expect(finishedJobs).toEqual(['render']);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
