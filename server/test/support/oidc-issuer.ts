import { fork } from 'node:child_process';
import path from 'node:path';

/** The claims the issuer reports for the next person signing in (userinfo and tokens' `sub`). */
export interface IssuerPerson {
  sub: string;
  email?: string;
  email_verified?: boolean | string;
  name?: string;
  picture?: string;
}

/** What the issuer's token endpoint received last. */
export interface TokenRequest {
  clientId: string | undefined;
  clientSecret: string | undefined;
  redirectUri: string | undefined;
  codeVerifier: boolean;
}

/** A real OpenID Connect issuer on loopback, steered by the test. */
export interface OidcIssuer {
  /** The issuer URL (its discovery document is under `/.well-known/openid-configuration`). */
  url: string;
  signInAs(person: IssuerPerson): Promise<void>;
  /** The next token exchange or userinfo request fails the way a real issuer's would. */
  failNext(step: 'token' | 'userinfo'): Promise<void>;
  lastTokenRequest(): Promise<TokenRequest | null>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 15_000;

/** Starts oauth2-mock-server in a child process (see oidc-issuer-process.mjs for why). */
export async function startOidcIssuer(): Promise<OidcIssuer> {
  const child = fork(path.join(__dirname, 'oidc-issuer-process.mjs'), [], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (result: unknown) => void>();
  let nextId = 1;

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the OIDC issuer did not start')),
      START_TIMEOUT_MS,
    );
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the OIDC issuer exited with code ${code}`)));
    child.on(
      'message',
      (message: { type?: string; url?: string; id?: number; result?: unknown }) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolve(message.url!);
        } else if (message.id !== undefined) {
          pending.get(message.id)?.(message.result);
          pending.delete(message.id);
        }
      },
    );
  });

  const request = <T>(message: Record<string, unknown>) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      pending.set(id, (result) => resolve(result as T));
      child.send({ ...message, id });
    });

  return {
    url,
    signInAs: (person) => request({ type: 'sign-in-as', person }),
    failNext: (step) => request({ type: 'fail-next', step }),
    lastTokenRequest: () => request<TokenRequest | null>({ type: 'last-token-request' }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
