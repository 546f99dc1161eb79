import { describe, expect, it } from 'vitest';
import { csrfToken, problemMessage } from './http.js';

describe('csrfToken', () => {
  it('reads Spring Security\'s XSRF-TOKEN cookie among others', () => {
    expect(csrfToken('a=1; XSRF-TOKEN=abc%3D%3D; b=2')).toBe('abc==');
  });

  it('is null before the console has set one', () => {
    expect(csrfToken('a=1')).toBeNull();
  });
});

describe('problemMessage', () => {
  it('shows a problem body\'s detail and each bad field', () => {
    const problem = { title: 'Bad Request', detail: 'Invalid order', errors: [{ field: 'items[0].quantity', message: 'must be at most 1000' }] };

    expect(problemMessage(400, problem)).toBe('Invalid order (items[0].quantity: must be at most 1000)');
  });

  it('falls back to the status when there is no body', () => {
    expect(problemMessage(502, null)).toBe('The console answered 502');
  });
});
