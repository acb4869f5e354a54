import { SignInProviderError } from './oauth.errors';

// A provider that hangs must not hold the browser's sign-in for minutes.
const PROVIDER_TIMEOUT_MS = 10_000;
// GitHub refuses API requests without a User-Agent.
const USER_AGENT = 'aiofm';

/**
 * GETs a provider's JSON resource (with the access token when given). Failures become
 * `SignInProviderError`s that name `what` and the status, never the token.
 */
export async function getJson(
  url: string,
  params: { what: string; accessToken?: string; headers?: Record<string, string> },
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        accept: 'application/json',
        'user-agent': USER_AGENT,
        ...(params.accessToken ? { authorization: `Bearer ${params.accessToken}` } : {}),
        ...params.headers,
      },
      // A redirect could carry the access token to another host; public documents may move.
      redirect: params.accessToken ? 'error' : 'follow',
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    });
  } catch (error) {
    throw new SignInProviderError(`${params.what} could not be fetched`, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new SignInProviderError(`${params.what} answered HTTP ${response.status}`);
  }
  try {
    return await response.json();
  } catch (error) {
    throw new SignInProviderError(`${params.what} is not valid JSON`, { cause: error });
  }
}
