import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@apollo/client/react';
import { AuthProvidersDocument } from '../../gql/graphql';
import { useToast } from '../../ui';
import { linkErrorMessage } from '../account/oauth-errors';
import { useViewer } from '../account/session';
import { LinkedAccountsCard } from './LinkedAccountsCard';
import { PasswordCard } from './PasswordCard';
import { SettingsHeader } from './SettingsLayout';
import { TwoFactorCard } from './TwoFactorCard';

/**
 * After linking a provider the server sends the browser here with `?linked=<provider>`, or with
 * `?error=<code>` when it refused the link: say so once, then drop the parameter so a reload does
 * not say it again.
 */
function useLinkOutcomeNotice() {
  const [params, setParams] = useSearchParams();
  const toast = useToast();
  const { viewer } = useViewer();
  const providers = useQuery(AuthProvidersDocument);
  const linked = params.get('linked');
  const error = params.get('error');

  useEffect(() => {
    if (!linked && !error) return;
    // The provider's name comes from the account, which the route guard has loaded by now.
    if (linked && !viewer) return;
    if (linked) {
      const name =
        viewer?.linkedAccounts.find((account) => account.provider === linked)?.providerName ??
        providers.data?.authProviders.find((provider) => provider.id === linked)?.name ??
        linked;
      toast.show({
        id: `linked-${linked}`,
        tone: 'success',
        message: `${name} is now linked to your account.`,
      });
    }
    const problem = linkErrorMessage(error);
    if (problem) {
      toast.show({
        id: `link-error-${error}`,
        tone: 'danger',
        title: 'Not linked',
        message: problem,
      });
    }
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('linked');
        next.delete('error');
        return next;
      },
      { replace: true },
    );
  }, [error, linked, providers.data, setParams, toast, viewer]);
}

/** /settings/security: password, two-factor authentication and linked accounts. */
export function SecurityPage() {
  const { viewer } = useViewer();
  useLinkOutcomeNotice();
  if (!viewer) return null;
  return (
    <>
      <SettingsHeader
        title="Security"
        lead="Your password, two-factor authentication and the accounts you sign in with."
      />
      <PasswordCard viewer={viewer} />
      <TwoFactorCard viewer={viewer} />
      <LinkedAccountsCard viewer={viewer} />
    </>
  );
}
