/**
 * When a request is sent again. The API takes no idempotency key, so a POST
 * that may have reached the server is never repeated (it could add the
 * pictures twice); only answers that say the request was not processed are:
 * 429, 503, and a connection that failed before anything was sent.
 */
export interface RetryOptions {
  /** Requests per batch, the first one included. @default 3 */
  maxAttempts?: number | undefined;
  /** The longest wait before a new attempt, Retry-After included. @default 30000 */
  maxDelayMs?: number | undefined;
}

export const RETRY_DEFAULTS = { maxAttempts: 3, maxDelayMs: 30_000 };

const FIRST_DELAY_MS = 500;

/** Statuses that promise the request was not processed. */
export const isRetryableStatus = (status: number) => status === 429 || status === 503;

/** A Retry-After header (seconds or an HTTP date) in milliseconds from `now`. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header) * 1000;

  // An HTTP date names its weekday and month; this keeps out "-5" and the like.
  const date = /[a-z]/i.test(header) ? Date.parse(header) : Number.NaN;

  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait before attempt `attempt + 1`: Retry-After when the server gave one,
 * otherwise exponential backoff with jitter (half to all of the step), capped.
 */
export function retryDelayMs(
  attempt: number,
  retryAfter: number | undefined,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  const backoff = FIRST_DELAY_MS * 2 ** (attempt - 1) * (0.5 + random() / 2);

  return Math.min(retryAfter ?? backoff, maxDelayMs);
}

/** Waits `ms`, or less: until one of `signals` aborts. */
export function sleep(ms: number, ...signals: (AbortSignal | undefined)[]): Promise<void> {
  return new Promise((resolve) => {
    if (signals.some((signal) => signal?.aborted)) return resolve();

    const done = () => {
      clearTimeout(timer);
      for (const signal of signals) signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    for (const signal of signals) signal?.addEventListener("abort", done);
  });
}
