import type { Logger } from '../logger';

/** What every resolver receives, on HTTP and on WebSocket alike. */
export interface GraphQLContext {
  requestId: string;
  logger: Logger;
}
