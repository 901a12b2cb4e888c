// The characters access tokens are made of (the b64token of RFC 6750). A match inside a
// longer run of them is part of another word, such as "t" in "connection", not the token.
// "=" is left out before a match: it only pads the end of a token, and it often joins a
// name to the token itself, as in "access_token=...".
const BEFORE = "(?<![A-Za-z0-9\\-._~+/])";
const AFTER = "(?![A-Za-z0-9\\-._~+/=])";
const TOKEN_CHAR = /[A-Za-z0-9\-._~+/=]/;

/** Replaces each registered secret with [REDACTED] wherever it stands on its own. */
export class Redactor {
  private patterns: RegExp[] = [];

  add(secret: string): void {
    if (secret.length === 0) return;

    // As written, as JSON writes it, and as a URL parameter.
    const forms = new Set([
      secret,
      JSON.stringify(secret).slice(1, -1),
      encodeURIComponent(secret),
    ]);
    for (const form of forms) this.patterns.push(pattern(form));
  }

  apply(text: string): string {
    return this.patterns.reduce((result, regex) => result.replace(regex, "[REDACTED]"), text);
  }
}

function pattern(secret: string): RegExp {
  const before = TOKEN_CHAR.test(secret.at(0) ?? "") ? BEFORE : "";
  const after = TOKEN_CHAR.test(secret.at(-1) ?? "") ? AFTER : "";

  return new RegExp(`${before}${escapeRegExp(secret)}${after}`, "g");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
