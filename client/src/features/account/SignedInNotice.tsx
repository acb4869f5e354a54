import { useState } from 'react';
import { Link } from 'react-router';
import type { ViewerFragment } from '../../gql/graphql';
import { Avatar, Button, buttonClass } from '../../ui';
import { useSession } from './session';

/** Shown on the sign-in and sign-up pages to someone who is already signed in. */
export function SignedInNotice({
  viewer,
  destination,
}: {
  viewer: ViewerFragment;
  destination: string;
}) {
  const session = useSession();
  const [signingOut, setSigningOut] = useState(false);

  async function signOut() {
    setSigningOut(true);
    try {
      await session.signOut();
    } finally {
      setSigningOut(false);
    }
  }

  return (
    <div className="stack">
      <div className="signed-in-as">
        <Avatar name={viewer.name} src={viewer.avatarUrl} size="lg" decorative />
        <p className="signed-in-as__text">
          <span>You are signed in as</span>
          <strong>{viewer.name}</strong>
          <span className="muted">{viewer.email}</span>
        </p>
      </div>
      <div className="form__actions">
        <Link className={buttonClass('primary')} to={destination}>
          Continue
        </Link>
        <Button onClick={() => void signOut()} loading={signingOut}>
          Sign out
        </Button>
      </div>
    </div>
  );
}
