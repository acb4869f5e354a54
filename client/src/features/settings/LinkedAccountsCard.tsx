import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { AuthProvidersDocument, UnlinkAccountDocument } from '../../gql/graphql';
import type { ViewerFragment } from '../../gql/graphql';
import {
  Button,
  Card,
  ConfirmDialog,
  EmptyState,
  ErrorState,
  LoadingState,
  buttonClass,
  useToast,
} from '../../ui';
import { errorMessage, readApiError } from '../account/api-errors';
import { linkProviderUrl } from '../account/ProviderButtons';
import { formatDate } from './format';

type LinkedAccount = ViewerFragment['linkedAccounts'][number];

/**
 * The social and OpenID Connect logins linked to the account: unlink one (not the last way to
 * sign in), or link another enabled provider (a trip through the provider and back).
 */
export function LinkedAccountsCard({ viewer }: { viewer: ViewerFragment }) {
  const toast = useToast();
  const providers = useQuery(AuthProvidersDocument);
  const [unlinkAccount] = useMutation(UnlinkAccountDocument);
  const [unlinking, setUnlinking] = useState<LinkedAccount | null>(null);

  const linkedIds = new Set(viewer.linkedAccounts.map((account) => account.provider));
  const linkable = (providers.data?.authProviders ?? []).filter(
    (provider) => !linkedIds.has(provider.id),
  );

  async function unlink(account: LinkedAccount) {
    try {
      await unlinkAccount({ variables: { id: account.id } });
    } catch (error) {
      // ConfirmDialog keeps itself open and shows this message.
      throw new Error(errorMessage(readApiError(error)), { cause: error });
    }
    setUnlinking(null);
    toast.show({
      id: `unlinked-${account.provider}`,
      tone: 'success',
      message: `${account.providerName} is no longer linked to your account.`,
    });
  }

  let available;
  if (providers.data) {
    available =
      linkable.length > 0 ? (
        <ul className="cluster" aria-label="Providers you can link">
          {linkable.map((provider) => (
            <li key={provider.id} className="provider-link">
              <a className={buttonClass('secondary')} href={linkProviderUrl(provider.startUrl)}>
                Link {provider.name}
              </a>
            </li>
          ))}
        </ul>
      ) : null;
  } else if (providers.error) {
    available = (
      <ErrorState
        compact
        headingLevel={3}
        title="Can’t load the sign-in providers"
        message={errorMessage(readApiError(providers.error))}
        onRetry={() => void providers.refetch()}
      />
    );
  } else {
    available = <LoadingState compact label="Loading the sign-in providers…" />;
  }

  const noProviders = providers.data && providers.data.authProviders.length === 0;

  return (
    <Card title="Linked accounts" description="Accounts at other services you can sign in with.">
      {viewer.linkedAccounts.length > 0 ? (
        <ul className="item-list" aria-label="Linked accounts">
          {viewer.linkedAccounts.map((account) => (
            <li key={account.id}>
              <div className="item-list__main">
                <span className="item-list__title">{account.providerName}</span>
                <span className="item-list__meta">
                  {account.email ? `${account.email} · ` : ''}
                  Linked {formatDate(account.createdAt)}
                </span>
              </div>
              <Button size="sm" onClick={() => setUnlinking(account)}>
                Unlink
                <span className="visually-hidden"> {account.providerName}</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState
          compact
          headingLevel={3}
          title="No linked accounts"
          message={
            noProviders
              ? 'This server has no other sign-in providers enabled.'
              : 'Link one to sign in with it as well as with your password.'
          }
        />
      )}
      {available}
      <ConfirmDialog
        open={unlinking !== null}
        title={unlinking ? `Unlink ${unlinking.providerName}?` : 'Unlink account?'}
        description={
          unlinking
            ? `You will no longer be able to sign in with ${unlinking.providerName}${unlinking.email ? ` (${unlinking.email})` : ''}. You can link it again later.`
            : ''
        }
        confirmLabel={unlinking ? `Unlink ${unlinking.providerName}` : 'Unlink'}
        onConfirm={() => (unlinking ? unlink(unlinking) : undefined)}
        onCancel={() => setUnlinking(null)}
      />
    </Card>
  );
}
