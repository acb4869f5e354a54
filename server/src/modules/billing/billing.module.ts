import type { DataSource } from 'typeorm';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import type { LedgerService } from '../credits/ledger.service';
import type { RateLimiter } from '../security/rate-limiter';
import { BillingCatalogService } from './billing-catalog.service';
import { BillingResolver } from './billing.resolver';
import { BillingService } from './billing.service';
import { createStripeGateway, type PaymentGateway } from './payment-gateway';
import { createStripeWebhookRouter } from './stripe-webhooks';

/**
 * The billing domain, wired. Without STRIPE_SECRET_KEY there is no gateway: the catalogue says
 * billing is off, buying is refused, and no webhook endpoint exists.
 */
export function createBillingModule(params: {
  config: Config;
  dataSource: DataSource;
  ledger: LedgerService;
  limiter: RateLimiter;
  logger: Logger;
  /** Tests may hand in a gateway of their own. */
  gateway?: PaymentGateway;
}) {
  const { config, dataSource, ledger, logger } = params;
  const gateway =
    params.gateway ?? (config.billing ? createStripeGateway(config.billing) : undefined);
  const catalog = new BillingCatalogService(config.billing, gateway, logger);
  const billing = new BillingService(
    dataSource,
    catalog,
    gateway,
    params.limiter,
    config.publicUrl,
    logger,
  );
  return {
    services: { billing, billingCatalog: catalog },
    resolvers: [new BillingResolver(billing, catalog)],
    routes: gateway
      ? [createStripeWebhookRouter({ dataSource, ledger, gateway, catalog, logger })]
      : [],
  };
}
