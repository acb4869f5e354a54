import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { ResendVerificationEmailDocument } from '../../gql/graphql';
import { Button } from '../../ui';
import type { ButtonSize, ButtonVariant } from '../../ui';
import { errorMessage, readApiError } from './api-errors';

type Feedback = { ok: boolean; text: string };

/** Sends the email confirmation link again; hook behind the "Resend email" buttons. */
export function useResendVerification(email: string) {
  const [resend, { loading }] = useMutation(ResendVerificationEmailDocument);
  const [feedback, setFeedback] = useState<Feedback | null>(null);

  async function send() {
    if (loading) return;
    setFeedback(null);
    try {
      await resend();
      setFeedback({ ok: true, text: `We sent a new link to ${email}.` });
    } catch (error) {
      setFeedback({ ok: false, text: errorMessage(readApiError(error)) });
    }
  }

  return { send, loading, feedback };
}

/** The result of the last resend, announced politely (or at once when it failed). */
export function ResendFeedback({ feedback }: { feedback: Feedback | null }) {
  return (
    <p
      className={
        feedback && !feedback.ok ? 'resend-feedback field__error' : 'resend-feedback muted'
      }
      role={feedback && !feedback.ok ? 'alert' : 'status'}
    >
      {feedback?.text}
    </p>
  );
}

/** A "Resend email" button with its result beside it. */
export function ResendVerificationButton({
  email,
  variant = 'secondary',
  size = 'md',
  label = 'Resend email',
}: {
  email: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  label?: string;
}) {
  const { send, loading, feedback } = useResendVerification(email);
  return (
    <div className="stack">
      <div>
        <Button variant={variant} size={size} loading={loading} onClick={() => void send()}>
          {label}
        </Button>
      </div>
      <ResendFeedback feedback={feedback} />
    </div>
  );
}
