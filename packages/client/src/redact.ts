import type { RequestDescription } from "./errors.js";

// Characters a token is made of (RFC 6750's b64token, less "=", which ends a key=value).
const TOKEN_CHAR = /[A-Za-z0-9\-._~+/]/;

// A token this long cannot turn up in a message by chance, so every occurrence goes,
// even one glued to other text (as in an URL-encoded "access_token%3D...").
const ALWAYS_SCRUBBED_LENGTH = 16;

const REDACTED = "[REDACTED]";

/**
 * Replaces `secret` in `text`, as written, as a URL writes it and as JSON writes it,
 * wherever it stands on its own: not inside a longer run of token characters, so a short
 * token does not garble the words around it. A short token glued to other text stays,
 * which is the price of not garbling.
 */
export function scrub(text: string, secret: string): string {
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);

  return [...forms].reduce(scrubForm, text);
}

function scrubForm(text: string, secret: string): string {
  if (secret === "") return text;
  if (secret.length >= ALWAYS_SCRUBBED_LENGTH) return text.split(secret).join(REDACTED);

  let scrubbed = "";
  let from = 0;
  for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
    const end = at + secret.length;
    if (TOKEN_CHAR.test(text.charAt(at - 1)) || TOKEN_CHAR.test(text.charAt(end))) continue;

    scrubbed += text.slice(from, at) + REDACTED;
    from = end;
    at = end - 1;
  }

  return scrubbed + text.slice(from);
}

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
