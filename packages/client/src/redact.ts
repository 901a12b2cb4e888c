import type { RequestDescription } from "./errors.js";

/** Replaces every occurrence of `secret` in `text`. */
export const scrub = (text: string, secret: string) => text.split(secret).join("[REDACTED]");

/** `scrub` for every string in a parsed JSON value (a server may echo the token). */
export const scrubJson = (value: unknown, secret: string): unknown =>
  typeof value === "string"
    ? scrub(value, secret)
    : JSON.parse(JSON.stringify(value) ?? "null", (_, item) =>
        typeof item === "string" ? scrub(item, secret) : item,
      );

/** Describes a request for an error: base64 images cut to their first characters. */
export const describeRequest = (url: string, body: string): RequestDescription => ({
  method: "POST",
  url,
  body: body.replace(
    /("Image":")([\w+/=]{12})([\w+/=]*)"/g,
    (_, key, start, rest: string) => `${key}${start}... (${start.length + rest.length} chars)"`,
  ),
});
