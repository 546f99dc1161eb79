// What the customer view shows and sends, as pure functions (tested by orders.test.js).

/**
 * The demo catalogue: inventory-worker stocks SKU-001..SKU-020 (1,000 each). SKU-404 is never stocked, so an
 * order for it is rejected; SKU-020's price is over the simulated gateway's limit (1,000,000 minor units), so
 * its payment is declined and its reserved stock released.
 */
export const CATALOGUE = [
  { sku: 'SKU-001', name: 'Notebook', unitPriceMinor: 1299 },
  { sku: 'SKU-002', name: 'Pencil set', unitPriceMinor: 450 },
  { sku: 'SKU-003', name: 'Desk lamp', unitPriceMinor: 3999 },
  { sku: 'SKU-004', name: 'Backpack', unitPriceMinor: 5900 },
  { sku: 'SKU-005', name: 'Water bottle', unitPriceMinor: 1500 },
  { sku: 'SKU-020', name: 'Grand piano (payment declined: over the gateway limit)', unitPriceMinor: 1250000 },
  { sku: 'SKU-404', name: 'Unobtainium (never in stock)', unitPriceMinor: 999 },
];

/** One click to each outcome of the saga. */
export const PRESETS = [
  { id: 'confirmed', label: 'An order that is confirmed', lines: [{ sku: 'SKU-001', quantity: 2 }] },
  { id: 'declined', label: 'An order whose payment is declined', lines: [{ sku: 'SKU-020', quantity: 1 }] },
  { id: 'out-of-stock', label: 'An order for an out-of-stock SKU', lines: [{ sku: 'SKU-404', quantity: 1 }] },
];

export const CURRENCY = 'EUR';

export function priceOf(sku) {
  const item = CATALOGUE.find((i) => i.sku === sku);
  if (!item) throw new Error(`Unknown SKU ${sku}`);
  return item.unitPriceMinor;
}

/**
 * The body of POST /api/orders. The console adds the customer id from the signed-in user, so the browser never
 * names one. Lines of the same SKU are merged; quantities must be whole numbers from 1 to 1,000.
 */
export function orderRequest(lines, email) {
  const quantities = new Map();
  for (const line of lines) {
    const quantity = Number(line.quantity);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 1000) {
      throw new RangeError(`Quantity of ${line.sku} must be a whole number from 1 to 1000`);
    }
    quantities.set(line.sku, (quantities.get(line.sku) ?? 0) + quantity);
  }
  if (quantities.size === 0) throw new RangeError('An order needs at least one line');
  return {
    contact: { email },
    currency: CURRENCY,
    items: [...quantities].map(([sku, quantity]) => ({ sku, quantity, unitPriceMinor: priceOf(sku) })),
  };
}

export function totalOf(lines) {
  return lines.reduce((sum, l) => sum + priceOf(l.sku) * Number(l.quantity || 0), 0);
}

/** 129900 EUR -> "1,299.00 EUR": minor units are integers; only display divides. */
export function formatMoney(minor, currency) {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const major = Math.floor(abs / 100).toLocaleString('en-GB');
  return `${sign}${major}.${String(abs % 100).padStart(2, '0')} ${currency}`;
}

const HISTORY_LABELS = {
  CREATED: 'Order placed',
  PAYMENT_SUCCEEDED: 'Payment taken',
  PAYMENT_DECLINED: 'Payment declined',
  PAYMENT_REFUNDED: 'Payment refunded',
  STOCK_RESERVED: 'Stock reserved',
  STOCK_REJECTED: 'Stock short',
  STOCK_RELEASED: 'Stock released',
  CONFIRMED: 'Confirmed',
  CANCELLED: 'Cancelled',
};

/** One history step as a line a person reads, e.g. "Payment declined (CARD_DECLINED)". */
export function historyLine(step) {
  const label = HISTORY_LABELS[step.entry] ?? step.entry;
  return step.detail ? `${label} (${step.detail})` : label;
}

/** A customer may cancel a PENDING or CONFIRMED order (ARCHITECTURE.md, the saga). */
export function isCancellable(order) {
  return order.status === 'PENDING' || order.status === 'CONFIRMED';
}

const REASONS = {
  PAYMENT_DECLINED: 'payment declined',
  OUT_OF_STOCK: 'out of stock',
  CUSTOMER_REQUEST: 'cancelled by you',
};

export function statusText(order) {
  if (order.status !== 'CANCELLED' || !order.cancellationReason) return order.status;
  return `${order.status} (${REASONS[order.cancellationReason] ?? order.cancellationReason})`;
}

/** What changed between two polls, for the screen reader's live region: "Order 1a2b3c4d: CONFIRMED". */
export function statusChanges(before, after) {
  const previous = new Map(before.map((o) => [o.id, o.status]));
  return after
    .filter((o) => previous.has(o.id) && previous.get(o.id) !== o.status)
    .map((o) => `Order ${shortId(o.id)}: ${statusText(o)}`);
}

export function shortId(id) {
  return id.slice(0, 8);
}
