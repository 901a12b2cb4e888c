import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type ClientOptions,
  createClient,
  InsecureTransportError,
  LIVE_URL,
  OptionError,
  SANDBOX_URL,
} from "../src/index.js";
import { fakeFetch, TEST_URL, TOKEN } from "./helpers/fetch.js";
import { makeJpeg } from "./helpers/jpeg.js";

const body = { Pictures: [{ Image: "/9j/4AA=" }] };

/** What `create` throws. */
function catchError(create: () => unknown): unknown {
  try {
    create();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("createClient", () => {
  it("defaults to the sandbox without sending anything", () => {
    const { fetch, requests } = fakeFetch();

    expect(createClient({ accessToken: TOKEN, fetch }).baseUrl).toBe(SANDBOX_URL);
    expect(createClient({ accessToken: TOKEN, baseUrl: `${LIVE_URL}/`, fetch }).baseUrl).toBe(
      LIVE_URL,
    );
    expect(requests).toHaveLength(0);
  });

  it("sends the token as a Bearer token with a capital B", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch });

    await client.addFreePictures(body);

    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(requests[0]?.headers.get("content-type")).toBe("application/json");
    expect(requests[0]?.url).toBe(`${TEST_URL}/v1/Pictures/AddFreePictures`);
  });

  it("calls a token function before every request", async () => {
    const { fetch, requests } = fakeFetch();
    let calls = 0;
    const client = createClient({
      accessToken: async () => `token-${++calls}`,
      baseUrl: TEST_URL,
      fetch,
    });

    await client.addFreePictures(body);
    await client.uploadPictures([{ image: makeJpeg() }, { image: makeJpeg() }], {
      maxPicturesPerRequest: 1,
    });

    expect(requests.map((r) => r.headers.get("authorization"))).toEqual([
      "Bearer token-1",
      "Bearer token-2",
      "Bearer token-3",
    ]);
  });

  it("names itself in User-Agent, after the caller's own product", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createClient({
      accessToken: TOKEN,
      baseUrl: TEST_URL,
      fetch,
      userAgent: "my-app/2",
    });

    await client.addFreePictures(body);

    expect(requests[0]?.headers.get("user-agent")).toMatch(
      /^my-app\/2 @adultwork-api\/client\/\d+\.\d+\.\d+/,
    );
  });

  it.each([
    "http://127.0.0.1:4010",
    "http://127.8.9.10",
    "http://localhost:4010",
    "http://[::1]:4010",
    "https://example.test",
  ])("accepts %s", (baseUrl) => {
    expect(() => createClient({ accessToken: TOKEN, baseUrl })).not.toThrow();
  });

  it.each([
    "http://api-sandbox.adultwork.com",
    "http://10.0.0.1",
    "http://128.0.0.1",
    "http://localhost.example.test",
  ])("refuses to send the token over plain http to %s", (baseUrl) => {
    expect(() => createClient({ accessToken: TOKEN, baseUrl })).toThrow(InsecureTransportError);
    expect(() => createClient({ accessToken: TOKEN, baseUrl })).toThrow(/use https/);
  });

  it.each(["not a url", "ftp://127.0.0.1", "/relative", "https://me:pw@example.test"])(
    "rejects the baseUrl %s",
    (baseUrl) => {
      expect(() => createClient({ accessToken: TOKEN, baseUrl })).toThrow(OptionError);
    },
  );

  it.each([
    ["", /got a string of 0 characters\)/],
    ["has space", /got a string of 9 characters, with a space at character 4\)/],
    ["line\nbreak", /got a string of 10 characters, with a line break at character 5\)/],
    ["tab\tbed", /with a control character at character 4\)/],
    ["caf\u00e9", /with a character outside ASCII at character 4\)/],
    ["x y", /got a string of 3 characters, with a space at character 2\)/],
    ["\u00e9", /got a string of 1 character, with a character outside ASCII at character 1\)/],
    [42, /got number\)/],
  ])("rejects the token %j without quoting it", (accessToken, message) => {
    const create = () => createClient({ accessToken: accessToken as string });

    expect(create).toThrow(OptionError);
    expect(create).toThrow(message);
  });

  it.each([
    ["no options", undefined],
    ["no accessToken", { baseUrl: TEST_URL }],
    ["accessToken: undefined", { accessToken: undefined, baseUrl: TEST_URL }],
  ])("says the accessToken is missing, and how to pass it, given %s", (_, options) => {
    const create = () => createClient(options as unknown as ClientOptions);

    expect(create).toThrow(OptionError);
    expect(create).toThrow(
      "accessToken is missing: pass createClient({ accessToken }) with the access_token " +
        "the provider's OAuth sign-in returned",
    );
  });

  it.each(["Bearer abc123", "bearer abc123", "Bearer\tabc123"])(
    "names the Bearer prefix of %j and says to drop it, without the token",
    (accessToken) => {
      const error = catchError(() => createClient({ accessToken, baseUrl: TEST_URL }));

      expect(error).toBeInstanceOf(OptionError);
      expect((error as Error).message).toBe(
        'accessToken starts with "Bearer ": drop that prefix, which the client adds',
      );
      expect((error as Error).message).not.toContain("abc123");
    },
  );

  it("names the Bearer prefix when the accessToken function returns it", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createClient({ accessToken: () => "Bearer abc123", baseUrl: TEST_URL, fetch });

    const report = await client.uploadPictures([{ image: makeJpeg() }]);

    expect(report.outcomes[0]?.reason).toBe(
      "not sent: the accessToken function failed " +
        '(accessToken starts with "Bearer ": drop that prefix, which the client adds)',
    );
    expect(requests).toHaveLength(0);
  });

  it.each(["https://api.example.test/v1", "https://api.example.test/v1/", "http://127.0.0.1:9/V1"])(
    "refuses the baseUrl %s, as the operation paths start with /v1",
    (baseUrl) => {
      const create = () => createClient({ accessToken: TOKEN, baseUrl });

      expect(create).toThrow(OptionError);
      expect(create).toThrow(
        "baseUrl must not end in /v1: the operation paths already start with /v1, so leave it off",
      );
    },
  );

  it("takes a baseUrl whose path only starts like /v1", () => {
    const baseUrl = "http://127.0.0.1:9/v10";

    expect(createClient({ accessToken: TOKEN, baseUrl }).baseUrl).toBe(baseUrl);
  });

  it("quotes a baseUrl's scheme, so it shows as text", () => {
    expect(() => createClient({ accessToken: TOKEN, baseUrl: "ftp://127.0.0.1" })).toThrow(
      'baseUrl must start with https:// (got "ftp:")',
    );
  });

  it.each([
    ["12", '(got "12")'],
    ["", '(got "")'],
    [12.5, "(got 12.5)"],
    [undefined, "(got undefined)"],
    [{}, "(got an object)"],
  ])("shows forMember(%j) with its type visible", (userId, got) => {
    const client = createClient({ accessToken: TOKEN, baseUrl: TEST_URL });

    expect(() => client.forMember(userId as number)).toThrow(
      `forMember needs the member's UserID as a positive whole number ${got}`,
    );
  });

  it.each([
    ["timeoutMs", { timeoutMs: 0 }],
    ["retry.maxAttempts", { retry: { maxAttempts: 1.5 } }],
    ["retry.maxDelayMs", { retry: { maxDelayMs: -1 } }],
  ])("rejects a bad %s", (name, options) => {
    expect(() => createClient({ accessToken: TOKEN, baseUrl: TEST_URL, ...options })).toThrow(
      new RegExp(`^${name.replace(".", "\\.")} must be a whole number`),
    );
  });

  it.each([0, -1, 1.5, Number.NaN, 2 ** 53, "123"])(
    "refuses forMember(%j) before any request",
    (userId) => {
      const { fetch, requests } = fakeFetch();
      const client = createClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch });

      expect(() => client.forMember(userId as number)).toThrow(OptionError);
      expect(() => client.forMember(userId as number)).toThrow(/positive whole number/);
      expect(requests).toHaveLength(0);
    },
  );

  it("rejects bad upload options before any request", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch });
    const pictures = [{ image: makeJpeg() }];

    await expect(client.uploadPictures(pictures, { concurrency: 0 })).rejects.toThrow(
      /^concurrency/,
    );
    await expect(client.uploadPictures(pictures, { maxRequestBytes: -5 })).rejects.toThrow(
      OptionError,
    );
    await expect(client.planUpload(pictures, { maxPicturesPerRequest: 0 })).rejects.toThrow(
      /maxPicturesPerRequest must be a whole number of at least 1 \(got 0\)/,
    );
    expect(requests).toHaveLength(0);
  });
});

describe("in a browser", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("leaves User-Agent to the browser, which forbids setting it", async () => {
    vi.stubGlobal("document", {});
    const { fetch, requests } = fakeFetch();
    const client = createClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch });

    await client.addFreePictures(body);

    expect(requests[0]?.headers.get("user-agent")).toBeNull();
  });
});
