import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';
import { reconnectDelay, sleep } from '../app/backoff';
import { GRAPHQL_PATH, graphqlWsUrl } from '../app/endpoints';
import { readPreferences } from '../app/preferences';
import 'graphiql/style.css';
import './graphiql.css';

const DEFAULT_QUERY = `# Welcome to the aiofm API playground.
#
# Run an operation with Ctrl-Enter (Cmd-Enter on a Mac) or the run button.
# The Docs button on the left browses the whole schema.
# Subscriptions stream here too; try:
#   subscription { notices { level message createdAt } }

query ServerInfo {
  serverInfo {
    name
    version
    environment
    startedAt
  }
}
`;

// An operation can arrive in the address (?query=…&variables=…), e.g. from a link on the home
// page; edits are written back so the address can be shared.
const params = new URLSearchParams(window.location.search);

function updateUrl(name: 'query' | 'variables', value: string) {
  const next = new URLSearchParams(window.location.search);
  if (value.trim()) next.set(name, value);
  else next.delete(name);
  const search = next.toString();
  window.history.replaceState(null, '', search ? `?${search}` : window.location.pathname);
}

const subscriptionUrl = graphqlWsUrl(window.location);
const fetcher = createGraphiQLFetcher({
  url: GRAPHQL_PATH,
  subscriptionUrl,
  // Connects when the first subscription runs and reconnects with backoff if the server restarts.
  wsClient: createClient({
    url: subscriptionUrl,
    lazy: true,
    retryAttempts: 10,
    retryWait: (retries) => sleep(reconnectDelay(retries)),
    keepAlive: 12_000,
  }),
});

const container = document.getElementById('graphiql');
if (!container) throw new Error('graphiql.html has no #graphiql element');

createRoot(container).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={DEFAULT_QUERY}
      query={params.get('query') ?? undefined}
      variables={params.get('variables') ?? undefined}
      onEditQuery={(value) => updateUrl('query', value)}
      onEditVariables={(value) => updateUrl('variables', value)}
      forcedTheme={readPreferences().theme}
      shouldPersistHeaders={false}
    >
      <GraphiQL.Logo>
        <a className="playground-home-link" href="/">
          aiofm
        </a>
        <span className="playground-title"> API playground</span>
      </GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);
