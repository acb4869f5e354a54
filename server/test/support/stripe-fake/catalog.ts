import type Stripe from 'stripe';
import { makeId } from './params';
import type { FakeState } from './state';
import type { AddPriceOptions, Metadata } from './types';
import { decimal, now } from './values';

// Prices, products and customers: their builders and the state changes that add them.

export const DEFAULT_BUYER_EMAIL = 'buyer@example.com';

export function addPrice(fake: FakeState, options: AddPriceOptions): Stripe.Price {
  const created = now();
  const product = productNamed(fake, options.productName, created);
  const price = buildPrice(options, product.id, created);
  fake.prices.set(price.id, price);
  return price;
}

function productNamed(fake: FakeState, name: string, created: number): Stripe.Product {
  for (const product of fake.products.values()) if (product.name === name) return product;
  const product = buildProduct(name, created);
  fake.products.set(product.id, product);
  return product;
}

export function productName(fake: FakeState, price: Stripe.Price): string {
  return fake.products.get(price.product as string)?.name ?? String(price.product);
}

export function addCustomer(
  fake: FakeState,
  fields: Parameters<typeof buildCustomer>[0],
): Stripe.Customer {
  const customer = buildCustomer(fields);
  fake.customers.set(customer.id, customer);
  return customer;
}

function buildProduct(name: string, created: number): Stripe.Product {
  return {
    id: makeId('prod_', 14),
    object: 'product',
    active: true,
    created,
    description: null,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata: {},
    name,
    package_dimensions: null,
    shippable: null,
    tax_code: null,
    tax_details: null,
    type: 'service',
    updated: created,
    url: null,
  };
}

function buildPrice(options: AddPriceOptions, product: string, created: number): Stripe.Price {
  return {
    id: options.id,
    object: 'price',
    active: options.active ?? true,
    billing_scheme: 'per_unit',
    created,
    currency: options.currency ?? 'usd',
    custom_unit_amount: null,
    livemode: false,
    lookup_key: null,
    metadata: options.metadata ?? {},
    nickname: null,
    product,
    recurring: options.interval
      ? {
          interval: options.interval,
          interval_count: 1,
          meter: null,
          trial_period_days: null,
          usage_type: 'licensed',
        }
      : null,
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: options.interval ? 'recurring' : 'one_time',
    unit_amount: options.unitAmount,
    unit_amount_decimal: decimal(options.unitAmount),
  };
}

/** The legacy plan Stripe still embeds in subscription items, mirroring the price. */
export function buildPlan(price: Stripe.Price): Stripe.Plan {
  return {
    id: price.id,
    object: 'plan',
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: 'per_unit',
    created: price.created,
    currency: price.currency,
    interval: price.recurring!.interval,
    interval_count: price.recurring!.interval_count,
    livemode: false,
    metadata: {},
    meter: null,
    nickname: null,
    product: price.product as string,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: 'licensed',
  };
}

function buildCustomer(fields: {
  email: string | null;
  name: string | null;
  phone: string | null;
  description: string | null;
  metadata: Metadata;
}): Stripe.Customer {
  return {
    id: makeId('cus_', 14),
    object: 'customer',
    address: null,
    balance: 0,
    created: now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: fields.description,
    discount: null,
    email: fields.email,
    invoice_prefix: makeId('', 8).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: fields.metadata,
    name: fields.name,
    next_invoice_sequence: 1,
    phone: fields.phone,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

export function customerDetails(
  customer: Stripe.Customer | null,
  email: string | null,
): Stripe.Checkout.Session.CustomerDetails {
  return {
    address: null,
    business_name: null,
    email: customer?.email ?? email ?? DEFAULT_BUYER_EMAIL,
    individual_name: null,
    name: customer?.name ?? null,
    phone: null,
    tax_exempt: 'none',
    tax_ids: [],
  };
}
