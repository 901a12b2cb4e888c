import { describe, expect, it } from "vitest";
import { createClient as createBrowserClient, RequestError } from "../src/index.js";
import { createClient } from "../src/node.js";
import { fakeFetch, TEST_URL, TOKEN } from "./helpers/fetch.js";
import { makeJpeg } from "./helpers/jpeg.js";
import { startLoopbackServer } from "./helpers/loopback-server.js";

// A port the fetch standard blocks: Node's fetch and browsers refuse it before connecting,
// so nothing leaves the machine (and nothing listens there on loopback either). node:http,
// which the Node entry sends through by default, has no such list.
const BAD_PORT_URL = "http://127.0.0.1:6000";
const BAD_PORTS = [6000, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080];

/** What this Node's own fetch throws for `url`, to be thrown again by an injected fetch. */
const realFetchError = (url: string) => fetch(url, { method: "POST" }).catch((e: unknown) => e);

const withNodeFetch = (options: Parameters<typeof createClient>[0]) =>
  createClient({ ...options, fetch: globalThis.fetch });

describe("a request that never went out", () => {
  it("is failed, not unknown, when Node's fetch refuses a bad port", async () => {
    const client = withNodeFetch({ accessToken: TOKEN, baseUrl: BAD_PORT_URL });

    const report = await client.uploadPictures([{ image: makeJpeg() }]);

    expect(report.outcomes[0]).toEqual({
      index: 0,
      status: "failed",
      reason:
        "not sent: fetch refuses to send to that port (a bad port in the fetch standard): " +
        "use another",
      attempts: 1,
      delivery: "not-sent",
    });
  });

  it("is unknown, not retried, through the browser entry: browsers do not say why", async () => {
    const { fetch, requests } = fakeFetch(() => {
      throw new TypeError("Failed to fetch");
    });
    const client = createBrowserClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch });

    const report = await client.uploadPictures([{ image: makeJpeg() }]);

    expect(report.outcomes[0]).toMatchObject({ status: "unknown", attempts: 1 });
    expect(requests).toHaveLength(1);
  });

  it("throws a RequestError saying nothing was processed, from a raw call to a bad port", async () => {
    const client = withNodeFetch({ accessToken: TOKEN, baseUrl: BAD_PORT_URL });

    const error = await client
      .addFreePictures({ Pictures: [{ Image: "/9j/2Q==" }] })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({
      mayHaveBeenProcessed: false,
      message: expect.stringMatching(/^POST \/v1\/Pictures\/AddFreePictures was not sent: fetch/),
    });
  });

  it("goes out to a port fetch blocks through the Node entry's own transport", async () => {
    const server = await startLoopbackServer(undefined, BAD_PORTS);
    try {
      const client = createClient({ accessToken: TOKEN, baseUrl: server.url });

      const report = await client.uploadPictures([{ image: makeJpeg() }]);

      expect(report.outcomes[0]).toMatchObject({ status: "uploaded", attempts: 1 });
      expect(server.received).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("is failed, without a retry, when fetch finds the URL invalid", async () => {
    const invalid = await realFetchError("http://[not-an-address/x");
    const { fetch, requests } = fakeFetch(() => {
      throw invalid;
    });
    const client = createClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch });

    const report = await client.uploadPictures([{ image: makeJpeg() }]);

    expect(report.outcomes[0]).toMatchObject({
      status: "failed",
      reason: "not sent: fetch found the URL invalid",
      attempts: 1,
    });
    expect(requests).toHaveLength(1);
  });

  it("is failed, without a retry, when TLS refuses the server's certificate", async () => {
    const { fetch, requests } = fakeFetch(() => {
      const cause = Object.assign(new Error("self-signed certificate"), {
        code: "DEPTH_ZERO_SELF_SIGNED_CERT",
      });
      throw new TypeError("fetch failed", { cause });
    });
    const client = createClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch });

    const report = await client.uploadPictures([{ image: makeJpeg() }]);

    expect(report.outcomes[0]).toMatchObject({
      status: "failed",
      reason: "not sent: the server's TLS certificate was refused (DEPTH_ZERO_SELF_SIGNED_CERT)",
      attempts: 1,
    });
    expect(requests).toHaveLength(1);
  });

  it("is retried when the address could not be reached, which may change", async () => {
    const { fetch, requests } = fakeFetch(() => {
      const cause = Object.assign(new Error("connect EADDRNOTAVAIL"), { code: "EADDRNOTAVAIL" });
      throw new TypeError("fetch failed", { cause });
    });
    const client = createClient({
      accessToken: TOKEN,
      baseUrl: TEST_URL,
      fetch,
      retry: { maxDelayMs: 0 },
    });

    const report = await client.uploadPictures([{ image: makeJpeg() }]);

    expect(report.outcomes[0]).toMatchObject({
      status: "failed",
      reason: "not sent: could not connect (EADDRNOTAVAIL)",
      attempts: 3,
    });
    expect(requests).toHaveLength(3);
  });
});
