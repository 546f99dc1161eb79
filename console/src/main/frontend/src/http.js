// Calls the console's own API: same origin, session cookie, Spring Security's CSRF token from its cookie.

/** An error answer, with the RFC 9457 problem body the console returns. */
export class ProblemError extends Error {
  constructor(status, problem) {
    super(problemMessage(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

export function problemMessage(status, problem) {
  if (problem && typeof problem === 'object') {
    const fields = Array.isArray(problem.errors)
      ? problem.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ')
      : '';
    const text = problem.detail || problem.title;
    if (text) return fields ? `${text} (${fields})` : text;
  }
  return `The console answered ${status}`;
}

/** The value of Spring Security's XSRF-TOKEN cookie, which it expects back in the X-XSRF-TOKEN header. */
export function csrfToken(cookies) {
  const match = cookies.split(';').map((c) => c.trim()).find((c) => c.startsWith('XSRF-TOKEN='));
  return match ? decodeURIComponent(match.slice('XSRF-TOKEN='.length)) : null;
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (method !== 'GET') {
    const token = csrfToken(document.cookie);
    if (token) headers['X-XSRF-TOKEN'] = token;
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const text = await response.text();
  const json = parseJson(text);
  if (!response.ok) throw new ProblemError(response.status, json);
  return json;
}

function parseJson(text) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 200) };
  }
}
