/** Path of the GraphQL endpoint, for HTTP and WebSocket alike (same origin as the page). */
export const GRAPHQL_PATH = '/graphql';

/** Path of the in-browser API playground. */
export const PLAYGROUND_PATH = '/graphiql';

/** The WebSocket URL of the GraphQL endpoint on the page's own host: wss on https, ws on http. */
export function graphqlWsUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${GRAPHQL_PATH}`;
}

/** A link that opens the playground with an operation already in its editor. */
export function playgroundUrl(query?: string): string {
  if (!query) return PLAYGROUND_PATH;
  return `${PLAYGROUND_PATH}?${new URLSearchParams({ query }).toString()}`;
}
