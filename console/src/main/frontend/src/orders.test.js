import { describe, expect, it } from 'vitest';
import {
  formatMoney, historyLine, isCancellable, orderRequest, statusChanges, statusText, totalOf,
} from './orders.js';

describe('orderRequest', () => {
  it('prices each line from the catalogue and merges lines of one SKU', () => {
    const body = orderRequest([{ sku: 'SKU-001', quantity: '2' }, { sku: 'SKU-001', quantity: 1 }], 'ada@example.com');

    expect(body).toEqual({
      contact: { email: 'ada@example.com' },
      currency: 'EUR',
      items: [{ sku: 'SKU-001', quantity: 3, unitPriceMinor: 1299 }],
    });
  });

  it('never names a customer: the console takes it from the signed-in user', () => {
    expect(orderRequest([{ sku: 'SKU-002', quantity: 1 }], 'a@b.co')).not.toHaveProperty('customerId');
  });

  it('refuses quantities the order service would refuse', () => {
    expect(() => orderRequest([{ sku: 'SKU-001', quantity: 0 }], 'a@b.co')).toThrow(RangeError);
    expect(() => orderRequest([{ sku: 'SKU-001', quantity: 1001 }], 'a@b.co')).toThrow(RangeError);
    expect(() => orderRequest([{ sku: 'SKU-001', quantity: 1.5 }], 'a@b.co')).toThrow(RangeError);
    expect(() => orderRequest([], 'a@b.co')).toThrow(RangeError);
  });

  it('puts the declined preset over the simulated gateway limit of 1,000,000 minor units', () => {
    expect(totalOf([{ sku: 'SKU-020', quantity: 1 }])).toBeGreaterThan(1_000_000);
  });
});

describe('display', () => {
  it('formats minor units without floating point', () => {
    expect(formatMoney(129900, 'EUR')).toBe('1,299.00 EUR');
    expect(formatMoney(5, 'EUR')).toBe('0.05 EUR');
  });

  it('names history steps and their detail', () => {
    expect(historyLine({ entry: 'PAYMENT_REFUNDED', detail: null })).toBe('Payment refunded');
    expect(historyLine({ entry: 'PAYMENT_DECLINED', detail: 'CARD_DECLINED' })).toBe('Payment declined (CARD_DECLINED)');
  });

  it('says why an order was cancelled', () => {
    expect(statusText({ status: 'CANCELLED', cancellationReason: 'OUT_OF_STOCK' })).toBe('CANCELLED (out of stock)');
    expect(statusText({ status: 'CONFIRMED' })).toBe('CONFIRMED');
  });

  it('lets a PENDING or CONFIRMED order be cancelled, not a CANCELLED one', () => {
    expect(isCancellable({ status: 'PENDING' })).toBe(true);
    expect(isCancellable({ status: 'CONFIRMED' })).toBe(true);
    expect(isCancellable({ status: 'CANCELLED' })).toBe(false);
  });

  it('announces only orders whose status changed since the last poll', () => {
    const before = [{ id: 'aaaaaaaa-1', status: 'PENDING' }, { id: 'bbbbbbbb-2', status: 'PENDING' }];
    const after = [{ id: 'aaaaaaaa-1', status: 'CONFIRMED' }, { id: 'bbbbbbbb-2', status: 'PENDING' },
      { id: 'cccccccc-3', status: 'PENDING' }];

    expect(statusChanges(before, after)).toEqual(['Order aaaaaaaa: CONFIRMED']);
  });
});
