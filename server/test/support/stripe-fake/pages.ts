import type http from 'node:http';
import type Stripe from 'stripe';
import { productName } from './catalog';
import { unrecognized } from './errors';
import { completeCheckout } from './simulations';
import type { FakeState } from './state';
import type { RecordedRequest } from './types';
import { sendEvents } from './webhooks';
import { sendHtml, sendJson } from './wire';

// The hosted pages Stripe sends buyers to: checkout, the billing portal, receipts and invoices.

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function formatAmount(amount: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  // Amounts are in the minor unit, whose size depends on the currency (JPY has none).
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title><link rel="icon" href="data:,"></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

export async function answerPage(
  fake: FakeState,
  request: RecordedRequest,
  response: http.ServerResponse,
) {
  const [, kind, id = '', action] = request.path.split('/');
  const get = request.method === 'GET';
  const show = (status: number, title: string, body: string) =>
    sendHtml(response, status, page(title, body));
  const notFound = () => show(404, 'Not found', '<p>There is nothing here.</p>');

  if (kind === 'checkout' && request.method === 'POST' && action === 'pay') {
    return payOnPage(fake, id, response);
  }
  if (kind === 'checkout' && get && action === undefined) {
    const session = fake.sessions.get(id);
    return session ? show(200, 'Checkout', checkoutPage(fake, session)) : notFound();
  }
  if (kind === 'portal' && get) {
    const session = fake.portalSessions.get(id);
    if (!session) return notFound();
    const back = session.return_url
      ? `<p><a href="${escapeHtml(session.return_url)}">Return</a></p>`
      : '';
    return show(200, 'Billing portal', `<p>Customer ${escapeHtml(session.customer)}</p>${back}`);
  }
  if (kind === 'receipts' && get) {
    const charge = fake.charges.get(id);
    if (!charge) return notFound();
    const paid = formatAmount(charge.amount, charge.currency);
    return show(200, 'Receipt', `<p>Amount paid: ${escapeHtml(paid)}</p>`);
  }
  if (kind === 'invoices' && get) {
    const invoice = fake.invoices.get(id);
    if (!invoice) return notFound();
    const total = `${invoice.number ?? invoice.id}: ${formatAmount(invoice.total, invoice.currency)}`;
    return show(200, 'Invoice', `<p>${escapeHtml(total)}</p>`);
  }
  sendJson(response, 404, { error: unrecognized(request) });
}

function checkoutPage(fake: FakeState, session: Stripe.Checkout.Session): string {
  if (session.status !== 'open') {
    return `<p>This checkout session is ${escapeHtml(session.status ?? 'closed')}.</p>`;
  }
  const items = fake.checkoutDetails.get(session.id)!.lineItems.map((item) => {
    const price = fake.prices.get(item.price)!;
    const amount = formatAmount((price.unit_amount ?? 0) * item.quantity, price.currency);
    const every = price.recurring ? ` per ${price.recurring.interval}` : '';
    const count = item.quantity > 1 ? `${item.quantity} × ` : '';
    return `<li>${escapeHtml(count + productName(fake, price))}: ${escapeHtml(amount + every)}</li>`;
  });
  const cancel = session.cancel_url
    ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel</a></p>`
    : '';
  const action = `/checkout/${escapeHtml(session.id)}/pay`;
  return `<ul>${items.join('')}</ul>
<form method="post" action="${action}"><button type="submit">Pay</button></form>
${cancel}`;
}

/** The buyer pressed "Pay": complete the session, tell the webhook, send the browser back. */
async function payOnPage(fake: FakeState, sessionId: string, response: http.ServerResponse) {
  const session = fake.sessions.get(sessionId);
  if (!session) return sendHtml(response, 404, page('Not found', '<p>There is nothing here.</p>'));
  if (session.status === 'expired') {
    return sendHtml(response, 410, page('Checkout', '<p>This checkout session has expired.</p>'));
  }
  // A second press (a reload) only redirects again, like Stripe's completed page.
  if (session.status === 'open') {
    const events = completeCheckout(fake, sessionId);
    if (fake.webhook) await sendEvents(fake, events);
  }
  const target = (session.success_url ?? fake.url).replaceAll('{CHECKOUT_SESSION_ID}', sessionId);
  response.writeHead(303, { location: target, 'content-length': '0' });
  response.end();
}
