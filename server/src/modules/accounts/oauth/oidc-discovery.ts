import { SignInProviderError } from './oauth.errors';
import { getJson } from './provider-http';

/** The endpoints of an OpenID Connect issuer that the sign-in flow uses. */
export interface OidcEndpoints {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userinfoEndpoint: string;
}

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * Reads an issuer's discovery document once and keeps it: the endpoints do not change while the
 * process runs. A failed read is not kept, so the next sign-in tries again.
 */
export class OidcDiscovery {
  private pending: Promise<OidcEndpoints> | undefined;

  constructor(private readonly issuer: URL) {}

  endpoints(): Promise<OidcEndpoints> {
    this.pending ??= this.load().catch((error: unknown) => {
      this.pending = undefined;
      throw error;
    });
    return this.pending;
  }

  private async load(): Promise<OidcEndpoints> {
    const issuer = withoutTrailingSlash(this.issuer.href);
    const body = await getJson(`${issuer}/.well-known/openid-configuration`, {
      what: 'The OpenID Connect discovery document',
    });
    if (typeof body !== 'object' || body === null) {
      throw new SignInProviderError('The OpenID Connect discovery document is not a JSON object');
    }
    const document = body as Record<string, unknown>;
    // OpenID Connect Discovery 1.0 §4.3: a document naming another issuer must not be used.
    if (typeof document.issuer !== 'string' || withoutTrailingSlash(document.issuer) !== issuer) {
      throw new SignInProviderError(
        `The discovery document names issuer "${String(document.issuer)}", not ${issuer}`,
      );
    }
    return {
      authorizationEndpoint: this.endpoint(document, 'authorization_endpoint'),
      tokenEndpoint: this.endpoint(document, 'token_endpoint'),
      userinfoEndpoint: this.endpoint(document, 'userinfo_endpoint'),
    };
  }

  private endpoint(document: Record<string, unknown>, field: string): string {
    const value = document[field];
    let url: URL | undefined;
    try {
      url = typeof value === 'string' ? new URL(value) : undefined;
    } catch {
      url = undefined;
    }
    // Plain http is accepted only from an issuer that is itself on http (a local test issuer).
    const allowed = this.issuer.protocol === 'http:' ? ['https:', 'http:'] : ['https:'];
    if (!url || !allowed.includes(url.protocol)) {
      throw new SignInProviderError(`The discovery document has no usable ${field}`);
    }
    return url.href;
  }
}
