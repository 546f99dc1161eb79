import { h, replaceChildren } from './dom.js';
import { api } from './http.js';
import {
  CATALOGUE, CURRENCY, PRESETS, formatMoney, historyLine, isCancellable, orderRequest, shortId, statusChanges,
  statusText, totalOf,
} from './orders.js';

const POLL_MS = 1000;

/** The customer's page: an order form and the customer's own orders, polled so each status change shows live. */
export function showCustomer(main, me) {
  const lines = [{ sku: 'SKU-001', quantity: 1 }];
  const message = h('p', { class: 'message', role: 'status', 'aria-live': 'polite' });
  const announcer = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  const linesList = h('div', { class: 'lines' });
  const total = h('p', { class: 'total' });
  const email = h('input', { id: 'email', type: 'email', required: true, autocomplete: 'email',
    value: `${me.name.replace(/[^A-Za-z0-9._-]/g, '')}@example.com` });
  const ordersList = h('ol', { class: 'orders', 'aria-label': 'Your orders, newest first' });
  let orders = [];

  function renderLines() {
    replaceChildren(linesList, lines.map((line, i) => h('div', { class: 'line' },
      h('label', { for: `sku-${i}` }, `Item ${i + 1}`),
      h('select', { id: `sku-${i}`, onchange: (e) => { line.sku = e.target.value; renderTotal(); } },
        CATALOGUE.map((item) => h('option', { value: item.sku, selected: item.sku === line.sku },
          `${item.sku} · ${item.name} · ${formatMoney(item.unitPriceMinor, CURRENCY)}`))),
      h('label', { for: `quantity-${i}` }, 'Quantity'),
      h('input', { id: `quantity-${i}`, type: 'number', min: 1, max: 1000, step: 1, value: line.quantity,
        inputmode: 'numeric', oninput: (e) => { line.quantity = e.target.value; renderTotal(); } }),
      lines.length > 1 && h('button', { type: 'button', class: 'secondary', 'aria-label': `Remove item ${i + 1}`,
        onclick: () => { lines.splice(i, 1); renderLines(); } }, 'Remove'))));
    renderTotal();
  }

  function renderTotal() {
    let text;
    try {
      text = `Total ${formatMoney(totalOf(lines), CURRENCY)}`;
    } catch {
      text = '';
    }
    total.textContent = text;
  }

  async function place(orderLines) {
    message.textContent = 'Placing the order…';
    try {
      const order = await api('/api/orders', { method: 'POST', body: orderRequest(orderLines, email.value) });
      message.textContent = `Order ${shortId(order.id)} placed: ${order.status}. Watch it below.`;
      await refresh();
    } catch (error) {
      message.textContent = `Not placed: ${error.message}`;
    }
  }

  async function cancel(order) {
    message.textContent = `Cancelling order ${shortId(order.id)}…`;
    try {
      const cancelled = await api(`/api/orders/${order.id}/cancel`, { method: 'POST' });
      message.textContent = `Order ${shortId(order.id)}: ${statusText(cancelled)}. Refund and release follow.`;
      await refresh();
    } catch (error) {
      message.textContent = `Not cancelled: ${error.message}`;
    }
  }

  function renderOrders() {
    if (orders.length === 0) {
      replaceChildren(ordersList, h('li', { class: 'empty' }, 'No orders yet.'));
      return;
    }
    replaceChildren(ordersList, orders.map((order) => h('li', { class: 'card order', 'data-order-id': order.id },
      h('div', { class: 'order-head' },
        h('h3', {}, `Order ${shortId(order.id)}`),
        h('span', { class: `status status-${order.status.toLowerCase()}`, 'data-status': order.status },
          statusText(order))),
      h('p', { class: 'items' }, order.items.map((i) => `${i.quantity} × ${i.sku}`).join(', '),
        ` · ${formatMoney(order.totalMinor, order.currency)}`),
      h('details', { open: true },
        h('summary', {}, 'History'),
        h('ol', { class: 'history' }, order.history.map((step) => h('li', {},
          h('time', { datetime: step.at }, new Date(step.at).toLocaleTimeString()), ' ', historyLine(step))))),
      isCancellable(order) && h('button', { type: 'button', class: 'secondary',
        onclick: () => cancel(order) }, `Cancel order ${shortId(order.id)}`))));
  }

  async function refresh() {
    try {
      const page = await api('/api/orders');
      const next = page.content ?? [];
      const changes = statusChanges(orders, next);
      if (changes.length) announcer.textContent = changes.join('. ');
      // Re-render only on change, so keyboard focus on a button is not lost every second.
      if (JSON.stringify(next) !== JSON.stringify(orders)) {
        orders = next;
        renderOrders();
      }
    } catch (error) {
      if (error.status === 401) window.location.reload();
      else message.textContent = `Orders could not be read: ${error.message}`;
    }
  }

  const form = h('form', { id: 'new-order', class: 'card', 'aria-labelledby': 'new-order-title',
    onsubmit: (e) => { e.preventDefault(); place(lines); } },
  h('h2', { id: 'new-order-title' }, 'New order'),
  h('label', { for: 'email' }, 'Email for the confirmation'), email,
  linesList,
  h('button', { type: 'button', class: 'secondary', onclick: () => { lines.push({ sku: 'SKU-002', quantity: 1 }); renderLines(); } },
    'Add an item'),
  total,
  h('button', { type: 'submit' }, 'Place order'),
  h('fieldset', { class: 'presets' },
    h('legend', {}, 'Or one click to an outcome'),
    PRESETS.map((preset) => h('button', { type: 'button', class: 'secondary', 'data-preset': preset.id,
      onclick: () => place(preset.lines) }, preset.label))));

  replaceChildren(main,
    h('div', { class: 'columns' },
      form,
      h('section', { 'aria-labelledby': 'orders-title' },
        h('h2', { id: 'orders-title' }, 'Your orders'),
        h('p', { class: 'hint' }, 'Updated every second: PENDING, then CONFIRMED or CANCELLED.'),
        message, announcer, ordersList)));
  renderLines();
  renderOrders();
  refresh();
  setInterval(() => { if (!document.hidden) refresh(); }, POLL_MS);
}
