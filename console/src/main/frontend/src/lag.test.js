import { describe, expect, it } from 'vitest';
import { formatAge, lagPaths, latestLag, spanOf } from './lag.js';

const samples = [
  { at: '2026-12-06T10:00:00Z', lag: { a: 0, b: 10 } },
  { at: '2026-12-06T10:00:05Z', lag: { a: 5, b: null } },
  { at: '2026-12-06T10:00:10Z', lag: { a: 10, b: 0 } },
];

describe('lagPaths', () => {
  it('scales every group to the largest lag seen', () => {
    const { max, paths } = lagPaths(samples, ['a'], 100, 50);

    expect(max).toBe(10);
    expect(paths[0]).toEqual({ group: 'a', d: 'M0,50 L50,25 L100,0' });
  });

  it('breaks the line where a group did not answer instead of drawing a zero', () => {
    const { paths } = lagPaths(samples, ['b'], 100, 50);

    expect(paths[0].d).toBe('M0,0 M100,50');
  });

  it('draws a flat line at zero when nothing lags', () => {
    const idle = [{ at: '2026-12-06T10:00:00Z', lag: { a: 0 } }, { at: '2026-12-06T10:00:05Z', lag: { a: 0 } }];

    expect(lagPaths(idle, ['a'], 10, 10).paths[0].d).toBe('M0,10 L10,10');
  });
});

describe('figures', () => {
  it('reads the latest lag of each group', () => {
    expect(latestLag(samples, ['a', 'b'])).toEqual([{ group: 'a', lag: 10 }, { group: 'b', lag: 0 }]);
    expect(latestLag([], ['a'])).toEqual([{ group: 'a', lag: null }]);
  });

  it('says how much history the chart shows', () => {
    expect(spanOf(samples)).toBe('10 s');
    expect(spanOf([samples[0]])).toBe('just started');
  });

  it('formats ages', () => {
    expect(formatAge(185)).toBe('3 min 5 s');
    expect(formatAge(0.4)).toBe('0 s');
    expect(formatAge(null)).toBe('–');
  });
});
