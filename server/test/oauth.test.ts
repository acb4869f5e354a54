import { OAuth2Server } from 'oauth2-mock-server';
it('loads', async () => {
  const server = new OAuth2Server();
  await server.issuer.keys.generate('RS256');
  await server.start(0, '127.0.0.1');
  console.log(server.issuer.url);
  const r = await fetch(server.issuer.url + '/.well-known/openid-configuration');
  console.log(await r.json());
  await server.stop();
});
