import type { ReactNode } from 'react';
import './account.css';

export interface AuthPageProps {
  /** Document title and the page's heading. */
  title: string;
  lead?: ReactNode;
  /** Links under the card ("New to aiofm? Create an account"). */
  footer?: ReactNode;
  children: ReactNode;
}

/** The narrow, centred frame of the sign-in, sign-up and account-link pages. */
export function AuthPage({ title, lead, footer, children }: AuthPageProps) {
  return (
    <div className="auth-page">
      <title>{`${title} · aiofm`}</title>
      <header className="auth-page__header">
        <h1>{title}</h1>
        {lead && <p className="auth-page__lead">{lead}</p>}
      </header>
      <div className="auth-page__card">{children}</div>
      {footer && <div className="auth-page__footer">{footer}</div>}
    </div>
  );
}
