import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OidcDiscovery } from './oidc-discovery';

describe('OpenID Connect discovery', () => {
  let server: Server;
  let issuer: string;
  let requests = 0;
  let answer: (issuer: string) => { status: number; body: unknown };

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests += 1;
      const { status, body } =
        req.url === '/realms/studio/.well-known/openid-configuration'
          ? answer(issuer)
          : { status: 404, body: {} };
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/studio`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    requests = 0;
  });

  const document = (issuerUrl: string) => ({
    issuer: issuerUrl,
    authorization_endpoint: `${issuerUrl}/protocol/openid-connect/auth`,
    token_endpoint: `${issuerUrl}/protocol/openid-connect/token`,
    userinfo_endpoint: `${issuerUrl}/protocol/openid-connect/userinfo`,
  });

  it('reads the endpoints once, for an issuer with a path and a trailing slash', async () => {
    answer = (url) => ({ status: 200, body: document(url) });
    const discovery = new OidcDiscovery(new URL(`${issuer}/`));
    const [first, second] = await Promise.all([discovery.endpoints(), discovery.endpoints()]);
    expect(first).toEqual({
      authorizationEndpoint: `${issuer}/protocol/openid-connect/auth`,
      tokenEndpoint: `${issuer}/protocol/openid-connect/token`,
      userinfoEndpoint: `${issuer}/protocol/openid-connect/userinfo`,
    });
    expect(second).toEqual(first);
    await discovery.endpoints();
    expect(requests).toBe(1);
  });

  it('tries again after a failed read instead of keeping the failure', async () => {
    answer = () => ({ status: 503, body: {} });
    const discovery = new OidcDiscovery(new URL(issuer));
    await expect(discovery.endpoints()).rejects.toThrow(/answered HTTP 503/);
    answer = (url) => ({ status: 200, body: document(url) });
    await expect(discovery.endpoints()).resolves.toMatchObject({
      tokenEndpoint: `${issuer}/protocol/openid-connect/token`,
    });
    expect(requests).toBe(2);
  });

  it('refuses a document that names another issuer or lacks an endpoint', async () => {
    answer = () => ({ status: 200, body: document('https://elsewhere.example.org') });
    await expect(new OidcDiscovery(new URL(issuer)).endpoints()).rejects.toThrow(
      /names issuer "https:\/\/elsewhere.example.org"/,
    );
    answer = (url) => ({ status: 200, body: { ...document(url), userinfo_endpoint: undefined } });
    await expect(new OidcDiscovery(new URL(issuer)).endpoints()).rejects.toThrow(
      /no usable userinfo_endpoint/,
    );
    answer = (url) => ({ status: 200, body: { ...document(url), token_endpoint: 'not a url' } });
    await expect(new OidcDiscovery(new URL(issuer)).endpoints()).rejects.toThrow(
      /no usable token_endpoint/,
    );
  });
});
