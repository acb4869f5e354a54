import type { GraphQLSchema } from 'graphql';

// Subscriptions whose stream is built by a service (not a plain pubsub topic) find that service
// on the schema they run in: one per runtime, so two servers in one process stay apart.
const SOURCES = Symbol('aiofm.liveSources');

type WithSources = GraphQLSchema & { [SOURCES]?: Record<string, unknown> };

/** Makes services available to the `subscribe` functions of this schema's subscriptions. */
export function attachLiveSources(schema: GraphQLSchema, sources: Record<string, unknown>): void {
  const target = schema as WithSources;
  target[SOURCES] = { ...target[SOURCES], ...sources };
}

/** The service a subscription streams from; throws if the runtime did not attach it. */
export function liveSource<T>(schema: GraphQLSchema, name: string): T {
  const source = (schema as WithSources)[SOURCES]?.[name];
  if (!source) throw new Error(`No live source "${name}" is attached to this schema`);
  return source as T;
}
