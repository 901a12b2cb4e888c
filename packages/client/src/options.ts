import { OptionError } from "./errors.js";

/**
 * The default cap on one request's JSON body: 8 MiB. The provider documents no
 * limit; this stays well under the 10 MiB that common proxies (and the mock) take.
 */
export const DEFAULT_MAX_REQUEST_BYTES = 8 * 1024 * 1024;

/** The default time one attempt may take, answer included: 2 minutes. */
export const DEFAULT_TIMEOUT_MS = 120_000;

/** `value` if it is a whole number of at least `min`, `fallback` if absent; else throws. */
export function wholeNumber(name: string, value: unknown, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (Number.isSafeInteger(value) && (value as number) >= min) return value as number;

  throw new OptionError(`${name} must be a whole number of at least ${min} (got ${String(value)})`);
}
