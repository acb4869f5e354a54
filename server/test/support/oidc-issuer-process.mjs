// A real OpenID Connect issuer (oauth2-mock-server) in a Node process of its own: the package
// ships only ES modules, which jest's CommonJS module loader cannot run. The test process tells
// it over IPC who signs in next and which step should fail; see oidc-issuer.ts.
import { OAuth2Server } from 'oauth2-mock-server';

const issuer = new OAuth2Server();
let person = { sub: 'nobody' };
const failNext = new Set();
let lastTokenRequest = null;

// Access and ID tokens name the person signing in, as the userinfo response does.
issuer.service.on('beforeTokenSigning', (token) => {
  token.payload.sub = person.sub;
});

issuer.service.on('beforeResponse', (response, req) => {
  const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
  const [clientId, clientSecret] = basic
    ? Buffer.from(basic[1], 'base64').toString('utf8').split(':')
    : [req.body.client_id, undefined];
  lastTokenRequest = {
    clientId,
    clientSecret,
    redirectUri: req.body.redirect_uri,
    codeVerifier: typeof req.body.code_verifier === 'string',
  };
  if (failNext.delete('token')) {
    response.statusCode = 400;
    response.body = { error: 'invalid_grant', error_description: 'The code has expired.' };
  }
});

issuer.service.on('beforeUserinfo', (response) => {
  if (failNext.delete('userinfo')) {
    response.statusCode = 401;
    response.body = { error: 'invalid_token' };
    return;
  }
  response.body = { ...person };
});

process.on('message', (message) => {
  let result = null;
  if (message.type === 'sign-in-as') person = message.person;
  else if (message.type === 'fail-next') failNext.add(message.step);
  else if (message.type === 'last-token-request') result = lastTokenRequest;
  process.send({ id: message.id, result });
});

// The test process going away (even by crashing) ends this one.
process.on('disconnect', () => {
  issuer.stop().finally(() => process.exit(0));
});

await issuer.issuer.keys.generate('RS256');
await issuer.start(0, '127.0.0.1');
process.send({ type: 'ready', url: issuer.issuer.url });
