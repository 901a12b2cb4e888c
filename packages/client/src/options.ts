import { OptionError } from "./errors.js";
import { nearestName } from "./nearest-name.js";

/**
 * The default cap on one request's JSON body: 8 MiB. The provider documents no
 * limit; this stays well under the 10 MiB that common proxies (and the mock) take.
 */
export const DEFAULT_MAX_REQUEST_BYTES = 8 * 1024 * 1024;

/** The default time one attempt may take, answer included: 2 minutes. */
export const DEFAULT_TIMEOUT_MS = 120_000;

/** The longest wait a timer keeps (about 24.8 days): a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** `count` and `noun`, the noun plural unless the count is 1: "1 byte", "2 bytes". */
export const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/** `noun` after "a" or "an": "an object", "an ArrayBuffer", "a Uint8Array". */
export const withArticle = (noun: string) => `${/^[aeioAEIO]/.test(noun) ? "an" : "a"} ${noun}`;

/** What a value is, for a message. Never a string's text, which could be a secret. */
export function kindOf(value: unknown): string {
  if (value == null || typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  if (typeof value === "string") return `a string of ${counted(value.length, "character")}`;

  return withArticle(Array.isArray(value) ? "array" : typeof value);
}

/** A value that cannot be a secret, for a message: a string quoted, so it shows as one. */
export const shown = (value: unknown) =>
  typeof value === "string" ? JSON.stringify(value) : kindOf(value);

/** `value` if it is a whole number from `min` to `max`, `fallback` if absent; else throws. */
export function wholeNumber(
  name: string,
  value: unknown,
  fallback: number,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max) {
    return value as number;
  }

  const range = max < Number.MAX_SAFE_INTEGER ? ` and at most ${max}` : "";
  throw new OptionError(
    `${name} must be a whole number of at least ${min}${range} (got ${kindOf(value)})`,
  );
}

/**
 * `options` as a record, once it is known to be an object whose every key is in
 * `known`; `{}` when absent. A misspelt option would otherwise be ignored without a
 * word (a `baseURL` leaves the default baseUrl in place), so it is refused, with the
 * name it most likely meant.
 */
export function optionsOf(
  where: string,
  options: unknown,
  known: readonly string[],
): Record<string, unknown> {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new OptionError(
      `${where} takes its options as an object (got ${kindOf(options)}): ` +
        `pass { ${known.join(", ")} } with the ones you need`,
    );
  }

  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;

    const near = nearestName(key, known);
    throw new OptionError(
      `${where} has no option ${JSON.stringify(key)}` +
        (near ? `: did you mean ${near}?` : ":") +
        ` Its options are ${known.join(", ")}.`,
    );
  }

  return options as Record<string, unknown>;
}

/** `value` if it is a function or absent; else throws. */
export function functionOption<T>(name: string, value: unknown, fix: string): T | undefined {
  if (value === undefined || typeof value === "function") return value as T | undefined;

  throw new OptionError(`${name} must be a function (got ${kindOf(value)}): ${fix}`);
}

/** `value` if it is an AbortSignal or absent; else throws. */
export function signalOption(name: string, value: unknown): AbortSignal | undefined {
  const signal = value as Partial<AbortSignal> | undefined;
  // Checked by shape, not instanceof: a polyfill's or another realm's signal works too.
  if (
    value === undefined ||
    (typeof signal?.aborted === "boolean" && typeof signal.addEventListener === "function")
  ) {
    return value as AbortSignal | undefined;
  }

  throw new OptionError(
    `${name} must be an AbortSignal (got ${kindOf(value)}): ` +
      "pass an AbortController's signal, or leave it out",
  );
}
