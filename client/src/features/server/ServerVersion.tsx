import { useQuery } from '@apollo/client/react';
import { ServerInfoDocument } from '../../gql/graphql';

/** "aiofm v0.1.0 · development": which server this page talks to, for the footer. */
export function ServerVersion() {
  const { data, error, loading } = useQuery(ServerInfoDocument);
  if (data) {
    const { name, version, environment } = data.serverInfo;
    return (
      <p className="server-version" data-testid="server-version">
        {name} v{version} · {environment}
      </p>
    );
  }
  if (loading) return <p className="server-version muted">Contacting the server…</p>;
  return (
    <p className="server-version muted" title={error?.message}>
      Server unreachable
    </p>
  );
}
