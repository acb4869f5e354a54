import { Link, useLocation } from 'react-router';
import { EmptyState, SearchIcon, buttonClass } from '../ui';

/** Shown for any address the app has no page for. */
export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <>
      <title>Page not found · aiofm</title>
      <EmptyState
        headingLevel={1}
        icon={<SearchIcon size={24} />}
        title="Page not found"
        message={
          <>
            There is no page at <code>{pathname}</code>. The address may be mistyped, or the page
            may have moved.
          </>
        }
        action={
          <Link to="/" className={buttonClass('primary')}>
            Go to the home page
          </Link>
        }
      />
    </>
  );
}
