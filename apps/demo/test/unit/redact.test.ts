import { describe, expect, it } from "vitest";
import { Redactor } from "../../src/redact.js";

const TOKEN = "eyJhbGciOi.J9-x_y~z+w/q8Ab3=";

function redactor(secret: string): Redactor {
  const redact = new Redactor();
  redact.add(secret);

  return redact;
}

describe("Redactor", () => {
  it("replaces a token wherever it stands on its own", () => {
    const redact = redactor(TOKEN);

    for (const leak of [
      `Authorization: Bearer ${TOKEN}`,
      `token "${TOKEN}" refused`,
      `https://x.test/?access_token=${TOKEN}&page=2`,
      `https://x.test/?access_token=${encodeURIComponent(TOKEN)}`,
      `${TOKEN}`,
      `(${TOKEN}).`,
    ]) {
      expect(redact.apply(leak)).toContain("[REDACTED]");
      expect(redact.apply(leak)).not.toContain(TOKEN);
      expect(redact.apply(leak)).not.toContain(encodeURIComponent(TOKEN));
    }
  });

  it("leaves a short token alone inside longer words", () => {
    const redact = redactor("t");

    expect(redact.apply("the connection failed; try it later")).toBe(
      "the connection failed; try it later",
    );
    expect(redact.apply("Bearer t")).toBe("Bearer [REDACTED]");
    expect(redact.apply('got "t" back')).toBe('got "[REDACTED]" back');
  });

  it("replaces the JSON-escaped form of a token with quotes in it", () => {
    const redact = redactor('ab"cd\\ef');

    expect(redact.apply(JSON.stringify({ message: 'echo ab"cd\\ef' }))).toBe(
      '{"message":"echo [REDACTED]"}',
    );
  });
});
