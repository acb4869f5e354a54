import { useQuery } from '@apollo/client/react';
import { AuthProvidersDocument } from '../../gql/graphql';
import { buttonClass } from '../../ui';

/**
 * "Continue with GitHub" and the like, one per provider enabled on this server: plain links to
 * the server's start address, which sends the browser on to the provider. Renders nothing when
 * no provider is enabled (or the list can't be loaded: the password form still works).
 */
export function ProviderButtons() {
  const { data } = useQuery(AuthProvidersDocument);
  const providers = data?.authProviders ?? [];
  if (providers.length === 0) return null;
  return (
    <>
      <p className="auth-divider">or</p>
      <ul className="provider-list" aria-label="Sign in with another account">
        {providers.map((provider) => (
          <li key={provider.id}>
            <a className={buttonClass('secondary')} href={provider.startUrl}>
              Continue with {provider.name}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The address that links provider `startUrl` to the signed-in account instead of signing in. */
export function linkProviderUrl(startUrl: string): string {
  const [path = '', hash] = startUrl.split('#', 2);
  const joined = `${path}${path.includes('?') ? '&' : '?'}link=1`;
  return hash === undefined ? joined : `${joined}#${hash}`;
}
