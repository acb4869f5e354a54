import { sessionLineItems } from './checkout';
import { invalid } from './errors';
import { isRecord } from './params';
import type { FakeState } from './state';
import type { JsonObject } from './types';
import { list, snapshot } from './values';

// `expand[]`: how responses name related objects by id, or include them whole.

/** A copy of `object` with the `expand` paths replaced by the objects they name. */
export function render(fake: FakeState, object: object, expand: string[]): unknown {
  const copy = snapshot(object) as JsonObject;
  for (const path of expand) {
    include(fake, copy, path.split('.')[0]!);
    expandPath(fake, copy, path.split('.'), path);
  }
  return copy;
}

/** Adds the lists Stripe leaves out unless they are expanded ("includable" properties). */
function include(fake: FakeState, copy: JsonObject, property: string): void {
  const id = String(copy.id);
  if (copy.object === 'invoice' && property === 'payments' && !('payments' in copy)) {
    copy.payments = list(
      snapshot(fake.invoicePayments.get(id) ?? []),
      `/v1/invoices/${id}/payments`,
    );
  }
  if (copy.object === 'checkout.session' && property === 'line_items' && !('line_items' in copy)) {
    copy.line_items = list(sessionLineItems(fake, id), `/v1/checkout/sessions/${id}/line_items`);
  }
}

function expandPath(fake: FakeState, target: unknown, segments: string[], path: string): void {
  const [head, ...rest] = segments;
  if (!isRecord(target) || head === undefined || !(head in target)) {
    throw invalid(`This property cannot be expanded (${path}).`, 'expand');
  }
  const value = target[head];
  if (Array.isArray(value)) {
    // Lists: `data` in a path applies the rest of it to every element.
    value.forEach((item, index) => {
      if (rest.length > 0) expandPath(fake, item, rest, path);
      else if (typeof item === 'string') value[index] = expandId(fake, item, path);
    });
    return;
  }
  if (typeof value === 'string') target[head] = expandId(fake, value, path);
  if (rest.length > 0 && target[head] !== null) expandPath(fake, target[head], rest, path);
}

function expandId(fake: FakeState, id: string, path: string): unknown {
  const stores: Array<Map<string, object>> = [
    fake.customers,
    fake.prices,
    fake.products,
    fake.paymentIntents,
    fake.charges,
    fake.invoices,
    fake.subscriptions,
    fake.sessions,
    fake.disputes,
  ];
  const found = stores.map((store) => store.get(id)).find((object) => object !== undefined);
  if (!found) throw invalid(`This property cannot be expanded (${path}).`, 'expand');
  return snapshot(found);
}
