import { useQuery } from '@apollo/client/react';
import { ConnectionIndicator } from '../../app/ConnectionIndicator';
import { GRAPHQL_PATH, playgroundUrl } from '../../app/endpoints';
import { useLiveConnection } from '../../app/live-connection';
import { ServerInfoDocument } from '../../gql/graphql';
import type { ServerInfoQuery } from '../../gql/graphql';
import { ArrowRightIcon, Card, ErrorState, LoadingState, StatusBadge, buttonClass } from '../../ui';
import { environmentLabel, formatDateTime, formatRelativeTime } from './format';
import { useNow } from './use-now';
import './home.css';

const EXAMPLE_QUERY = `query ServerInfo {
  serverInfo {
    name
    version
    environment
    startedAt
  }
}`;

const EXAMPLE_SUBSCRIPTION = `subscription Notices {
  notices {
    level
    message
  }
}`;

function ServerFacts({ info }: { info: ServerInfoQuery['serverInfo'] }) {
  const now = useNow(30_000);
  const startedAt = new Date(info.startedAt);
  const validStart = !Number.isNaN(startedAt.getTime());
  return (
    <dl className="facts">
      <dt>Version</dt>
      <dd data-testid="server-info-version">{info.version}</dd>
      <dt>Environment</dt>
      <dd>{environmentLabel(info.environment)}</dd>
      <dt>Started</dt>
      <dd>
        {validStart ? (
          <>
            <time dateTime={info.startedAt}>{formatDateTime(startedAt)}</time>{' '}
            <span className="muted">({formatRelativeTime(startedAt, now)})</span>
          </>
        ) : (
          info.startedAt
        )}
      </dd>
      <dt>Live updates</dt>
      <dd>
        <ConnectionIndicator />
      </dd>
    </dl>
  );
}

function ServerStatusCard() {
  const { data, error, loading, refetch } = useQuery(ServerInfoDocument, {
    notifyOnNetworkStatusChange: true,
  });
  const live = useLiveConnection();

  let body;
  let badge = null;
  if (data) {
    body = <ServerFacts info={data.serverInfo} />;
    badge =
      live === 'connected' ? (
        <StatusBadge tone="success">Running</StatusBadge>
      ) : (
        <StatusBadge tone="warning">Running, live connection down</StatusBadge>
      );
  } else if (error) {
    body = (
      <ErrorState
        compact
        headingLevel={3}
        title="Can’t reach the server"
        message="This page could not load the server’s status."
        nextStep="Check that the aiofm server is running and reachable from this browser, then try again."
        details={error.message}
        onRetry={() => void refetch()}
        retrying={loading}
      />
    );
  } else {
    body = <LoadingState compact label="Loading the server status…" />;
  }

  return (
    <Card
      title="Server status"
      description="The aiofm server this page is connected to."
      headerAside={badge}
      className="home-status"
    >
      {body}
    </Card>
  );
}

/** The home page: what aiofm is, how this server is doing, and how to explore the API. */
export function HomePage() {
  return (
    <div className="page">
      <title>aiofm</title>
      <header className="page-header home-hero">
        <h1>Welcome to aiofm</h1>
        <p className="page-header__lead">
          aiofm is an open-source studio for generating images and video with AI, running on your
          own server. This web app and your own scripts use the same typed GraphQL API, with live
          updates over a WebSocket.
        </p>
      </header>

      <div className="home-grid">
        <ServerStatusCard />

        <Card
          className="home-api"
          title="Explore the API"
          description={
            <>
              Everything aiofm does goes through GraphQL at <code>{GRAPHQL_PATH}</code>: queries and
              mutations over HTTP, subscriptions over a WebSocket on the same path.
            </>
          }
          footer={
            <a className={buttonClass('primary')} href={playgroundUrl(EXAMPLE_QUERY)}>
              Open the API playground
              <ArrowRightIcon size={18} />
            </a>
          }
        >
          <div className="stack">
            <p>Try this query in the playground; its schema docs list every type and field.</p>
            <pre aria-label="Example query">
              <code>{EXAMPLE_QUERY}</code>
            </pre>
            <p>
              Subscriptions stream there too, e.g. operator notices, which this app also shows as
              pop-up messages:
            </p>
            <pre aria-label="Example subscription">
              <code>{EXAMPLE_SUBSCRIPTION}</code>
            </pre>
          </div>
        </Card>

        <Card
          className="home-operate"
          title="Keep it running"
          description="Health endpoints for your load balancer, container platform or uptime monitor."
        >
          <dl className="facts">
            <dt>
              <a href="/healthz">
                <code>/healthz</code>
              </a>
            </dt>
            <dd>Answers while the server process is alive.</dd>
            <dt>
              <a href="/readyz">
                <code>/readyz</code>
              </a>
            </dt>
            <dd>Answers 200 once the server is ready to take requests.</dd>
          </dl>
        </Card>
      </div>
    </div>
  );
}
