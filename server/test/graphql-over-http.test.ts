import { serverAudits } from 'graphql-http';
import { startTestServer, type TestServer } from './support/test-server';

// The GraphQL-over-HTTP specification's own audit suite, run against the real endpoint.
describe('GraphQL over HTTP conformance', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('passes every MUST and SHOULD audit', async () => {
    const failures: string[] = [];
    let ran = 0;
    for (const audit of serverAudits({ url: () => `${server.url}/graphql` })) {
      const result = await audit.fn();
      ran++;
      // "MAY" notices cover optional GET forms that CSRF prevention deliberately refuses.
      if (result.status !== 'ok' && !audit.name.startsWith('MAY')) {
        failures.push(`${audit.id} ${audit.name}: ${result.reason}`);
      }
    }
    expect(failures).toEqual([]);
    expect(ran).toBeGreaterThan(50);
  });
});
