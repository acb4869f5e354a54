import { useLocation } from 'react-router';
import { Alert, Button } from '../../ui';
import { ResendFeedback, useResendVerification } from './ResendVerification';
import { useViewer } from './session';

/** Pages where the banner would repeat what the page itself says. */
const HIDDEN_ON = new Set(['/verify-email', '/confirm-email']);

function Banner({ email }: { email: string }) {
  const { send, loading, feedback } = useResendVerification(email);
  return (
    <Alert
      tone="info"
      announce="none"
      className="verify-banner"
      actions={
        <Button size="sm" loading={loading} onClick={() => void send()}>
          Resend email
        </Button>
      }
    >
      <p>
        Check your inbox to confirm <strong>{email}</strong>
      </p>
      <ResendFeedback feedback={feedback} />
    </Alert>
  );
}

/** Reminds a signed-in person with an unconfirmed email address to open the link we sent. */
export function VerifyEmailBanner() {
  const { viewer } = useViewer();
  const { pathname } = useLocation();
  if (!viewer || viewer.emailVerified || HIDDEN_ON.has(pathname)) return null;
  return <Banner key={viewer.email} email={viewer.email} />;
}
