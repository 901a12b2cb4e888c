import { LIVE_URL, SANDBOX_URL } from "@adultwork-api/client";
import { describe, expect, it } from "vitest";
import { isLoopback, resolveTarget } from "../../src/targets.js";

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

  it("refuses plain http to anything but loopback", () => {
    expect(() => resolveTarget({ target: "mock", baseUrl: "http://10.0.0.5" })).toThrow(
      /clear text/,
    );
    expect(() => resolveTarget({ target: "mock", baseUrl: "ftp://127.0.0.1" })).toThrow(/https/);
    expect(() => resolveTarget({ target: "mock", baseUrl: "not a url" })).toThrow(
      '--base-url "not a url" is not a URL',
    );
    expect(() => resolveTarget({ target: "mock", baseUrl: "" })).toThrow('--base-url "" is not');
  });

  it("knows the loopback names", () => {
    expect(["localhost", "127.0.0.1", "127.1.2.3", "[::1]"].every(isLoopback)).toBe(true);
    expect(["127.0.0.1.nip.io", "10.0.0.1", "localhost.example"].some(isLoopback)).toBe(false);
  });
});
