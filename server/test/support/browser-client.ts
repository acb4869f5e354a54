import type { GraphQLResponse } from './test-server';

/**
 * A GraphQL client that keeps cookies the way a browser does for one site, so tests can act as
 * several people (or several devices of one person) against the same server.
 */
export class BrowserClient {
  readonly cookies = new Map<string, string>();
  /** Set-Cookie headers of the last response. */
  lastSetCookies: string[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly userAgent = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        'user-agent': this.userAgent,
        ...(this.cookies.size > 0 ? { cookie: this.cookieHeader() } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    this.lastSetCookies = response.headers.getSetCookie();
    for (const header of this.lastSetCookies) {
      const [pair, ...attributes] = header.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some(
        (attribute) => attribute.trim().toLowerCase() === 'max-age=0',
      );
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as GraphQLResponse<T>['body'],
    };
  }

  /** Runs an operation that must succeed and returns its data. */
  async ok<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<T> {
    const response = await this.graphql<T>(query, variables);
    if (response.body.errors?.length) {
      throw new Error(`unexpected errors: ${JSON.stringify(response.body.errors)}`);
    }
    return response.body.data as T;
  }

  /** Runs an operation that must fail and returns its first error's code and extensions. */
  async fails(query: string, variables?: Record<string, unknown>) {
    const response = await this.graphql(query, variables);
    const error = response.body.errors?.[0];
    if (!error) throw new Error(`expected an error, got ${JSON.stringify(response.body)}`);
    return {
      code: error.extensions?.code as string,
      message: error.message,
      extensions: error.extensions ?? {},
    };
  }
}

export const SIGN_UP = `mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) { id email name emailVerified mfaEnabled ageConfirmedAt hasPassword }
}`;
export const SIGN_IN = `mutation SignIn($input: SignInInput!) { signIn(input: $input) { id email mfaEnabled } }`;
export const ME = `{ me { id email name emailVerified mfaEnabled role pendingEmail avatarUrl } }`;
export const SIGN_OUT = `mutation { signOut }`;

/** The first link to this server found in an email's text. */
export function linkIn(text: string | undefined, path: string): string {
  const match = new RegExp(`https?://[^\\s"'<>]+${path}\\?token=[\\w-]+`).exec(text ?? '');
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  return match[0];
}

export const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
