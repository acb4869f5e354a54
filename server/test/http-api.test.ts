import { startTestServer, type TestServer } from './support/test-server';

type ErrorBody = { errors: Array<{ message: string; extensions: { code: string } }> };
const errorsOf = async (response: Response) => ((await response.json()) as ErrorBody).errors;

describe('the HTTP API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('answers serverInfo over POST with the version and environment', async () => {
    const response = await server.graphql<{ serverInfo: Record<string, string> }>(
      '{ serverInfo { name version environment startedAt } }',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(response.body.data?.serverInfo).toMatchObject({
      name: 'aiofm',
      version: require('../../package.json').version,
      environment: 'test',
    });
    expect(Date.parse(response.body.data!.serverInfo!.startedAt!)).not.toBeNaN();
  });

  it('answers queries over GET when the request cannot be a cross-site form', async () => {
    const query = encodeURIComponent('{ serverInfo { version } }');
    const ok = await fetch(`${server.url}/graphql?query=${query}`, {
      headers: { 'apollo-require-preflight': 'true', accept: 'application/json' },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ data: { serverInfo: { version: expect.any(String) } } });

    // Without a non-simple header a browser could send this cross-site: CSRF prevention refuses it.
    const blocked = await fetch(`${server.url}/graphql?query=${query}`, {
      headers: { accept: 'application/json' },
    });
    expect(blocked.status).toBe(400);
    expect((await errorsOf(blocked))[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it('reports bad documents with stable codes and no stack traces outside development', async () => {
    const invalid = await server.graphql('{ nope }');
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(invalid.body.errors?.[0]?.extensions).not.toHaveProperty('stacktrace');

    const unparsable = await server.graphql('{ serverInfo { ');
    expect(unparsable.status).toBe(400);
    expect(unparsable.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(unparsable.body).not.toHaveProperty('data');
  });

  it('uses 200 for document errors when the client only accepts application/json (legacy)', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ nope }' }),
    });
    expect(response.status).toBe(200);
    expect((await errorsOf(response))[0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('rejects malformed and oversized bodies with a GraphQL-shaped error', async () => {
    const malformed = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":',
    });
    expect(malformed.status).toBe(400);
    expect((await errorsOf(malformed))[0]!.extensions.code).toBe('BAD_REQUEST');

    const huge = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ serverInfo { version } } # ${'x'.repeat(1_100_000)}` }),
    });
    expect(huge.status).toBe(413);
  });

  it('sends security headers and a request id on every response', async () => {
    const response = await fetch(`${server.url}/healthz`, {
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    expect(response.headers.get('x-powered-by')).toBeNull();
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    // Served over plain http here, so no HSTS (it would be wrong to pin http).
    expect(response.headers.get('strict-transport-security')).toBeNull();

    const generated = await fetch(`${server.url}/healthz`, {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports liveness and readiness', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { database: true, migrations: true },
    });
  });

  it('sends browsers that open /graphql to the playground', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      headers: { accept: 'text/html' },
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/graphiql');
  });
});

describe('readiness', () => {
  it('is not ready when the database is unreachable', async () => {
    const server = await startTestServer();
    try {
      await server.runtime.dataSource.destroy();
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { checks: Record<string, boolean> }).checks.database).toBe(
        false,
      );
    } finally {
      await server.stop();
    }
  });
});
