import { describe, expect, it } from "vitest";
import { createClient, sendOverNodeHttp, type Transport } from "../src/node.js";
import { scrub } from "../src/redact.js";
import { connectionReset, fakeFetch, type Reply, TEST_URL, TOKEN } from "./helpers/fetch.js";
import { makeJpeg } from "./helpers/jpeg.js";
import { startLoopbackServer } from "./helpers/loopback-server.js";

/** Everything an error carries, as a log or an error tracker would serialise it. */
function everything(error: unknown): string {
  const seen = new Set<unknown>();
  const walk = (value: unknown): string => {
    if (value === null || typeof value !== "object") return String(value);
    if (seen.has(value)) return "";
    seen.add(value);
    const own = Object.getOwnPropertyNames(value).map((key) => {
      const item = (value as Record<string, unknown>)[key];
      return `${key}=${walk(item)}`;
    });
    return [String(value), JSON.stringify(value), ...own].join("\n");
  };

  return walk(error);
}

const caught = async (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

const echoToken: Reply = (request) =>
  Response.json(
    { Message: `bad token ${request.headers.get("authorization")}`, Detail: [TOKEN] },
    { status: 401 },
  );

describe("the token never leaks", () => {
  it("stays out of errors about a malformed token", () => {
    for (const accessToken of [`${TOKEN} x`, `${TOKEN}\n`, ` ${TOKEN}`]) {
      let error: unknown;
      try {
        createClient({ accessToken });
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeDefined();
      expect(everything(error)).not.toContain(TOKEN);
    }
  });

  it("stays out of the InsecureTransportError", () => {
    let error: unknown;
    try {
      createClient({ accessToken: TOKEN, baseUrl: `http://user:${TOKEN}@example.test/` });
    } catch (thrown) {
      error = thrown;
    }

    expect(everything(error)).toMatch(/plain http/);
    expect(everything(error)).not.toContain(TOKEN);
  });

  it("stays out of a RequestError, its cause and its request description", async () => {
    const { fetch } = fakeFetch(() => {
      throw connectionReset();
    });
    const client = createClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch });

    const error = await caught(client.addFreePictures({ Pictures: [{ Image: "/9j/4AA=" }] }));

    expect(everything(error)).toContain("RequestError");
    expect(everything(error)).not.toContain(TOKEN);
  });

  it("is scrubbed from an error body that echoes it, in raw results and outcomes", async () => {
    const { fetch } = fakeFetch(echoToken);
    const client = createClient({ accessToken: async () => TOKEN, baseUrl: TEST_URL, fetch });

    const result = await client.addFreePictures({ Pictures: [{ Image: "/9j/4AA=" }] });
    const report = await client.uploadPictures([{ image: makeJpeg() }]);

    expect(result.error?.body).toEqual({
      Message: "bad token Bearer [REDACTED]",
      Detail: ["[REDACTED]"],
    });
    expect(report.outcomes[0]?.reason).toBe(
      'the API refused the access token: {"Message":"bad token Bearer [REDACTED]",' +
        '"Detail":["[REDACTED]"]} (check the token and its scope)',
    );
    expect(JSON.stringify(report)).not.toContain(TOKEN);
  });

  it("is scrubbed from a text error body", async () => {
    const { fetch } = fakeFetch(
      (r) => new Response(`no: ${r.headers.get("authorization")}`, { status: 403 }),
    );
    const client = createClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch });

    const report = await client.uploadPictures([{ image: makeJpeg() }]);

    expect(report.outcomes[0]?.reason).toBe(
      "the API refused the access token: no: Bearer [REDACTED] (check the token and its scope)",
    );
  });

  it("stays out of the client object", () => {
    const client = createClient({ accessToken: TOKEN, baseUrl: TEST_URL });

    expect(everything(client)).not.toContain(TOKEN);
  });
});

describe("a custom transport whose error quotes the token", () => {
  // Unlike TOKEN, this one reads differently raw, URL-encoded and JSON-escaped.
  const token = 'tok+SECRET/12"34\\5678abcdef';

  /** A logging wrapper that, when sending fails, throws an error quoting the whole request. */
  const quoting: Transport = async (url, init) => {
    try {
      return await sendOverNodeHttp(url, init);
    } catch (error) {
      const headers = Object.fromEntries(new Headers(init.headers));
      const secret = headers.authorization?.replace(/^Bearer /, "") ?? "";
      throw new Error(
        `POST ${url}?access_token=${encodeURIComponent(secret)} failed ` +
          `with headers ${JSON.stringify(headers)} (token ${secret})`,
        { cause: error },
      );
    }
  };

  it.each([
    ["not sent (a refused connection)", "failed", true],
    ["sent with no answer (a reset)", "unknown", false],
  ])("never shows it in outcomes or errors: %s", async (_, status, refused) => {
    const server = await startLoopbackServer((request) => request.socket.resetAndDestroy());
    if (refused) await server.close();

    try {
      const client = createClient({
        accessToken: token,
        baseUrl: server.url,
        fetch: quoting,
        retry: { maxDelayMs: 0 },
      });
      const report = await client.uploadPictures([{ image: makeJpeg() }]);
      const error = await caught(client.addFreePictures({ Pictures: [{ Image: "/9j/4AA=" }] }));

      expect(report.outcomes[0]?.status).toBe(status);
      expect(error).toMatchObject({ name: "RequestError", mayHaveBeenProcessed: !refused });
      for (const shown of [JSON.stringify(report), everything(error), String(error)]) {
        expect(shown).not.toContain("SECRET");
      }
      if (!refused) expect(report.outcomes[0]?.reason).toContain("[REDACTED]");
    } finally {
      if (!refused) await server.close();
    }
  });
});

describe("image data is cut short wherever a request is described", () => {
  it("truncates every Image in a RequestError's request body", async () => {
    const { fetch } = fakeFetch(() => {
      throw connectionReset();
    });
    const client = createClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch });
    const image = Buffer.from(makeJpeg(32, 32)).toString("base64");

    const error = await caught(
      client.addFreePictures({
        Pictures: [{ Image: image }, { Description: "two", Image: image }],
      }),
    );

    const cut = `"Image":"${image.slice(0, 12)}... (${image.length} chars)"`;
    expect(error).toMatchObject({
      request: { body: `{"Pictures":[{${cut}},{"Description":"two",${cut}}]}` },
    });
    expect(everything(error)).not.toContain(image.slice(0, 40));
  });
});

describe("a short token is scrubbed only where it stands on its own", () => {
  it("leaves words that contain the token whole", () => {
    expect(scrub("bad token t", "t")).toBe("bad token [REDACTED]");
    expect(scrub("t-rex, 2t, t.x and t", "t")).toBe("t-rex, 2t, t.x and [REDACTED]");
  });

  it("scrubs it after = or a space, in quotes and at either end", () => {
    expect(scrub("access_token=abc&x=1", "abc")).toBe("access_token=[REDACTED]&x=1");
    expect(scrub('abc "abc" Bearer abc', "abc")).toBe('[REDACTED] "[REDACTED]" Bearer [REDACTED]');
  });

  it("scrubs a token made of regular-expression characters literally", () => {
    expect(scrub("x a.b+ y a.b+", "a.b+")).toBe("x [REDACTED] y [REDACTED]");
    expect(scrub("axb+", "a.b+")).toBe("axb+");
  });

  it("keeps an error body readable when the token is one letter", async () => {
    const { fetch } = fakeFetch(() => new Response("bad token: t", { status: 401 }));
    const client = createClient({ accessToken: "t", baseUrl: TEST_URL, fetch });

    const report = await client.uploadPictures([{ image: makeJpeg() }]);

    expect(report.outcomes[0]?.reason).toBe(
      "the API refused the access token: bad token: [REDACTED] (check the token and its scope)",
    );
  });

  it("scrubs it as a URL and as JSON write it", () => {
    const token = 'Tk.9_x-Z~+/="\\';

    expect(scrub(`q=${encodeURIComponent(token)}&r=1`, token)).toBe("q=[REDACTED]&r=1");
    expect(scrub(`{"t":${JSON.stringify(token)}}`, token)).toBe('{"t":"[REDACTED]"}');
  });

  it("scrubs the URL-encoded token from a JSON error body, in outcomes too", async () => {
    const token = "Tk.9_x-Z~+/=";
    const { fetch } = fakeFetch(() =>
      Response.json({ enc: encodeURIComponent(token) }, { status: 401 }),
    );
    const client = createClient({ accessToken: token, baseUrl: TEST_URL, fetch });

    const report = await client.uploadPictures([{ image: makeJpeg() }]);

    expect(report.outcomes[0]?.reason).toContain('{"enc":"[REDACTED]"}');
    expect(JSON.stringify(report)).not.toContain(encodeURIComponent(token));
  });

  it("still scrubs a long token glued to other text", () => {
    expect(scrub(`access_token%3D${TOKEN}&x`, TOKEN)).toBe("access_token%3D[REDACTED]&x");
  });
});
