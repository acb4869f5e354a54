import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ErrorState, buttonClass } from '../ui';

function describe(error: unknown): string | undefined {
  if (isRouteErrorResponse(error)) return `${error.status} ${error.statusText}`;
  if (error instanceof Error) return error.message;
  return undefined;
}

/** Shown when a page fails to render: says so plainly and offers a reload. */
export function RouteError() {
  const error = useRouteError();
  return (
    <>
      <title>Something went wrong · aiofm</title>
      <ErrorState
        headingLevel={1}
        title="Something went wrong"
        message="This page stopped working because of an unexpected error."
        nextStep="Reload the page. If it keeps happening, tell your server’s operator what you were doing."
        details={describe(error)}
        onRetry={() => window.location.reload()}
        retryLabel="Reload the page"
        actions={
          <a className={buttonClass('secondary')} href="/">
            Go to the home page
          </a>
        }
      />
    </>
  );
}
