import { describe, expect, it } from "vitest";
import { inCliWords, outcomeReason } from "../../src/client-wording.js";

const UNREACHABLE =
  "not sent: an earlier request could not connect to 127.0.0.1:9: check baseUrl and that " +
  "the server is up";

describe("inCliWords", () => {
  it("names --base-url when the server it names cannot be reached", () => {
    expect(inCliWords(UNREACHABLE, { option: "--base-url" })).toBe(
      "not sent: an earlier request could not connect to 127.0.0.1:9: check --base-url and " +
        "that the server is up",
    );
  });

  it("names the target when --target named the server", () => {
    const sandbox = { option: "--target", name: "sandbox", label: "the sandbox" } as const;

    expect(inCliWords(UNREACHABLE, sandbox)).toMatch(
      /: check the network and that the sandbox \(--target sandbox\) is up$/,
    );
  });

  it("names the flags for the client's other options", () => {
    const text = inCliWords(
      "fit under maxRequestBytes: raise maxRequestBytes; timeoutMs ran out; check baseUrl",
      { option: "--base-url" },
    );

    expect(text).toBe(
      "fit under --max-request-bytes: raise --max-request-bytes; --timeout ran out; " +
        "check --base-url",
    );
    expect(
      inCliWords("must not hold a user name or password: pass the accessToken", undefined),
    ).toBe(
      "must not hold a user name or password: remove them, and give the access token in " +
        "ADULTWORK_ACCESS_TOKEN or to --token-stdin",
    );
  });
});

describe("outcomeReason", () => {
  it("adds to a 413 the hint to lower --max-request-bytes, naming no limit", () => {
    expect(outcomeReason("the API refused it: too big", 413, undefined)).toBe(
      "the API refused it: too big; lower --max-request-bytes (the API's limit on request " +
        "size is not documented)",
    );
    expect(outcomeReason("the API refused it", 400, undefined)).toBe("the API refused it");
  });

  it("says what to check when a server could not be reached, and to raise --timeout", () => {
    const baseUrl = { option: "--base-url" } as const;

    expect(outcomeReason("not sent: could not connect (ECONNREFUSED)", undefined, baseUrl)).toBe(
      "not sent: could not connect (ECONNREFUSED); check --base-url and that the server is up",
    );
    expect(outcomeReason("no answer within 500 ms", undefined, baseUrl)).toBe(
      "no answer within 500 ms; raise --timeout if the server is slow to answer",
    );
  });
});
