import { LIVE_URL, SANDBOX_URL } from "@adultwork-api/client";
import { describe, expect, it } from "vitest";
import { resolveTarget } from "../../src/targets.js";

describe("resolveTarget", () => {
  it("names the sandbox, live and the mock", () => {
    expect(resolveTarget({ target: "sandbox", baseUrl: undefined })).toMatchObject({
      key: SANDBOX_URL,
    });
    expect(resolveTarget({ target: "live", baseUrl: undefined })).toMatchObject({ key: LIVE_URL });
    expect(resolveTarget({ target: "mock", baseUrl: undefined }).kind).toBe("mock");
  });

  it("keys a base URL without its trailing slash", () => {
    expect(resolveTarget({ target: "mock", baseUrl: "http://127.0.0.1:4010/" }).key).toBe(
      "http://127.0.0.1:4010",
    );
  });

  it("refuses, through the client's check, what the client would refuse", () => {
    const refusal = (baseUrl: string) => () => resolveTarget({ target: "mock", baseUrl });

    expect(refusal("http://10.0.0.5")).toThrow(
      '--base-url "http://10.0.0.5" cannot be used: the URL http://10.0.0.5 uses plain http',
    );
    expect(refusal("ftp://127.0.0.1")).toThrow(/starts with ftp:\/\/, not https:\/\//);
    expect(refusal("not a url")).toThrow('--base-url "not a url" cannot be used: the URL must be');
    expect(refusal("")).toThrow('--base-url "" cannot be used');
    expect(refusal("https://user:pw@example.com")).toThrow(/holds a user name or password/);
    expect(refusal("http://127.0.0.1:9/?")).toThrow(/must not hold a query or fragment/);
    expect(refusal("http://127.0.0.1:9/#")).toThrow(/must not hold a query or fragment/);
    for (const host of ["127.0.0.1.nip.io", "10.0.0.1", "localhost.example"]) {
      expect(refusal(`http://${host}`)).toThrow(/plain http/);
    }
  });

  it("allows plain http to loopback names", () => {
    for (const host of ["localhost", "127.0.0.1", "127.1.2.3", "[::1]"]) {
      expect(resolveTarget({ target: "mock", baseUrl: `http://${host}:4010` }).key).toBe(
        `http://${host}:4010`,
      );
    }
  });

  it("says a port out of range is out of range, not that the URL is not absolute", () => {
    expect(() => resolveTarget({ target: "mock", baseUrl: "http://127.0.0.1:99999" })).toThrow(
      '--base-url "http://127.0.0.1:99999" has port 99999, which is out of range: ' +
        "a port is from 1 to 65535.",
    );
    expect(() => resolveTarget({ target: "mock", baseUrl: "http://[::1]:0/" })).toThrow(
      /has port 0, which is out of range/,
    );
  });

  it("says a URL with a broken host or port is not valid, and an empty port is empty", () => {
    const refusal = (baseUrl: string) => () => resolveTarget({ target: "mock", baseUrl });

    for (const url of ["http://127.0.0.1:-1", "http://127.0.0.1:4010x", "http://[::1:4010"]) {
      expect(refusal(url)).toThrow(`--base-url "${url}" is not a valid URL: check its host`);
    }
    expect(refusal("http://127.0.0.1:")).toThrow(/has a colon but no port after it/);
  });

  it("names the likely fix for a missing or misspelt scheme", () => {
    const refusal = (baseUrl: string) => () => resolveTarget({ target: "mock", baseUrl });

    expect(refusal("127.0.0.1:4010")).toThrow(
      '--base-url "127.0.0.1:4010" has no scheme: write it as "http://127.0.0.1:4010".',
    );
    expect(refusal("localhost:4010")).toThrow(/write it as "http:\/\/localhost:4010"/);
    expect(refusal("api.example.com")).toThrow(/write it as "https:\/\/api.example.com"/);
    expect(refusal("htp://127.0.0.1:4010")).toThrow(
      '--base-url "htp://127.0.0.1:4010" starts with htp://, not https:// or http://: ' +
        'write it as "http://127.0.0.1:4010".',
    );
    expect(refusal("htps://example.com")).toThrow(/write it as "https:\/\/example.com"/);
  });

  it("names its own flags and variables, not the client's, and hides a password", () => {
    const refusal = (baseUrl: string) => () => resolveTarget({ target: "mock", baseUrl });

    for (const url of ["https://user:s3cret@example.com", "http://10.0.0.5", "https://x/v1"]) {
      try {
        refusal(url)();
        expect.unreachable();
      } catch (error) {
        const message = (error as Error).message;
        expect(message).not.toMatch(/baseUrl|accessToken|s3cret/);
      }
    }
    expect(refusal("https://user:s3cret@example.com")).toThrow(
      '--base-url "https://[REDACTED]@example.com" holds a user name or password, which the ' +
        "token must not travel with: remove them, and give the access token in " +
        "ADULTWORK_ACCESS_TOKEN or to --token-stdin.",
    );
  });
});
