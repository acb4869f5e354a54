import http from 'node:http';
import Stripe from 'stripe';
import type { FakeState } from './state';
import type { DeliverOptions, Delivery, DeliveryResult } from './types';
import { jsonObject, readBody } from './wire';

// Sending events to a webhook endpoint, signed the way Stripe signs them.

/** The `Stripe-Signature` header for `payload`, made by the stripe package itself. */
export function signedHeader(payload: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

/** Stripe pretty-prints event bodies; apps must verify the exact bytes they receive. */
export const eventPayload = (event: Stripe.Event) => JSON.stringify(event, null, 2);

/** POSTs an event (or a raw payload) to a webhook endpoint the way Stripe does. */
export function deliver(
  webhookUrl: string,
  event: Stripe.Event | string,
  options: DeliverOptions,
): Promise<DeliveryResult> {
  const payload = typeof event === 'string' ? event : eventPayload(event);
  const signature =
    options.header !== undefined
      ? options.header
      : Stripe.webhooks.generateTestHeaderString({
          payload,
          secret: options.secret,
          timestamp: options.timestamp,
          signature: options.signature,
        });
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(payload)),
    'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
    ...(signature === null ? {} : { 'stripe-signature': signature }),
  };
  return new Promise((resolve, reject) => {
    const request = http.request(webhookUrl, { method: 'POST', headers }, (response) => {
      readBody(response).then(
        (text) => resolve({ status: response.statusCode ?? 0, body: jsonObject(text), text }),
        reject,
      );
    });
    request.setTimeout(10_000, () => request.destroy(new Error('webhook delivery timed out')));
    request.on('error', reject);
    request.end(payload);
  });
}

/** Delivers events to `fake.webhook` one after another, as Stripe would, and records them. */
export async function sendEvents(fake: FakeState, events: Stripe.Event[]): Promise<Delivery[]> {
  const target = fake.webhook;
  if (!target) throw new Error('set fake.webhook = { url, secret } before sending events');
  const results: Delivery[] = [];
  for (const event of events) {
    const result = await deliver(target.url, event, { secret: target.secret }).catch(
      (error: Error) => ({ status: 0, body: {}, text: error.message }),
    );
    const delivery = { event, ...result };
    fake.deliveries.push(delivery);
    results.push(delivery);
  }
  return results;
}
