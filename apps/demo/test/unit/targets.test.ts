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
    expect(refusal("ftp://127.0.0.1")).toThrow(/must start with https:\/\//);
    expect(refusal("not a url")).toThrow('--base-url "not a url" cannot be used: the URL must be');
    expect(refusal("")).toThrow('--base-url "" cannot be used');
    expect(refusal("https://user:pw@example.com")).toThrow(/must not hold a user name/);
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
});
