// Per-request objects (DataLoaders) keyed on the request's context object: they live exactly as
// long as the request (or WebSocket operation) that created the context.
const scopes = new WeakMap<object, Map<string, unknown>>();

/** The request's instance of `name`, created on first use. */
export function requestScoped<T>(context: object, name: string, create: () => T): T {
  let scope = scopes.get(context);
  if (!scope) {
    scope = new Map();
    scopes.set(context, scope);
  }
  if (!scope.has(name)) scope.set(name, create());
  return scope.get(name) as T;
}
