// A refused API call: its status, the RFC 9457 problem it answered with, and Retry-After when it sent one.

export class ApiError extends Error {
  constructor(status, problem, retryAfterSeconds) {
    super(problem?.detail || problem?.title || `The server answered ${status}.`);
    this.name = 'ApiError';
    this.status = status;
    this.title = problem?.title ?? null;
    this.detail = problem?.detail ?? null;
    this.errors = problem?.errors ?? {};
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static async from(response) {
    let problem = null;
    const type = response.headers.get('Content-Type') ?? '';
    if (type.includes('json')) {
      try {
        problem = await response.json();
      } catch {
        problem = null;
      }
    }
    return new ApiError(response.status, problem, retryAfter(response.headers.get('Retry-After')));
  }
}

/** Retry-After in seconds, from either of its forms (seconds or an HTTP date); null when absent. */
function retryAfter(value) {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
