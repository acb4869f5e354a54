import type { ApolloServerPlugin } from '@apollo/server';

const WELL_FORMED_REQUEST_ERRORS = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
]);

/**
 * GraphQL over HTTP: a client that only accepts `application/json` (the legacy media type)
 * gets 200 for a well-formed request whose document fails to parse or validate; clients
 * accepting `application/graphql-response+json` keep the 4xx status.
 */
export const legacyJsonStatusPlugin: ApolloServerPlugin = {
  async requestDidStart({ request }) {
    const accept = request.http?.headers.get('accept') ?? '';
    if (
      accept.includes('application/graphql-response+json') ||
      !accept.includes('application/json')
    ) {
      return;
    }
    return {
      async willSendResponse({ response, errors }) {
        const codes = (errors ?? []).map((error) => error.extensions?.code);
        if (
          codes.length > 0 &&
          codes.every((code) => WELL_FORMED_REQUEST_ERRORS.has(String(code)))
        ) {
          response.http.status = 200;
        }
      },
    };
  },
};
