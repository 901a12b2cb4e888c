import { describe, expect, it } from "vitest";
import { createClient, OptionError } from "../src/index.js";
import { fakeFetch, TEST_URL, TOKEN } from "./helpers/fetch.js";
import { makeJpeg } from "./helpers/jpeg.js";

/** The error `run` throws, or undefined. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

const create = (options: object) => () =>
  createClient({ accessToken: TOKEN, baseUrl: TEST_URL, ...options } as never);

describe("createClient's option names", () => {
  it.each([
    ["baseURL", "baseUrl"],
    ["base_url", "baseUrl"],
    ["url", "baseUrl"],
    ["token", "accessToken"],
    ["access_token", "accessToken"],
    ["timeout", "timeoutMs"],
    ["retries", "retry"],
    ["fetchFn", "fetch"],
    ["useragent", "userAgent"],
  ])("refuses %s, suggesting %s", (wrong, right) => {
    const error = thrownBy(create({ [wrong]: "http://127.0.0.1:4010" }));

    expect(error).toBeInstanceOf(OptionError);
    expect((error as Error).message).toBe(
      `createClient has no option "${wrong}": did you mean ${right}? ` +
        "Its options are accessToken, baseUrl, fetch, timeoutMs, retry, userAgent.",
    );
  });

  it("refuses the axios spelling even without an accessToken, before falling back to the sandbox", () => {
    const { fetch, requests } = fakeFetch();

    expect(() =>
      createClient({ token: TOKEN, baseURL: "http://127.0.0.1:4010", fetch } as never),
    ).toThrow(/no option "token": did you mean accessToken\?/);
    expect(requests).toHaveLength(0);
  });

  it("lists the options when no name is near", () => {
    expect(create({ headers: {} })).toThrow(
      'createClient has no option "headers": Its options are accessToken, baseUrl, fetch, ' +
        "timeoutMs, retry, userAgent.",
    );
  });

  it("never quotes the value of an unknown option, which could be a token", () => {
    const error = thrownBy(create({ bearer: TOKEN }));

    expect(error).toBeInstanceOf(OptionError);
    expect(JSON.stringify(error) + String(error)).not.toContain(TOKEN);
  });

  it("refuses an unknown name inside retry", () => {
    expect(create({ retry: { maxRetries: 5 } })).toThrow(
      'retry has no option "maxRetries": did you mean maxAttempts? ' +
        "Its options are maxAttempts, maxDelayMs.",
    );
  });
});

describe("createClient's option types", () => {
  it.each([
    [{ fetch: 5 }, /^fetch must be a function \(got 5\): pass a function called as fetch/],
    [{ fetch: "fetch" }, /^fetch must be a function \(got a string of 5 characters\)/],
    [{ timeoutMs: "5000" }, /^timeoutMs must be a whole number .*\(got a string of 4 characters\)/],
    [{ timeoutMs: Number.POSITIVE_INFINITY }, /^timeoutMs must be a whole number/],
    [{ timeoutMs: 3_000_000_000 }, /^timeoutMs .* at most 2147483647 \(got 3000000000\)/],
    [{ retry: true }, /^retry must be false or \{ maxAttempts, maxDelayMs \} \(got true\)/],
    [{ retry: null }, /^retry must be false or .*\(got null\)/],
    [{ retry: [3] }, /^retry takes its options as an object \(got an array\)/],
    [{ retry: { maxDelayMs: 2 ** 31 } }, /^retry\.maxDelayMs .* at most 2147483647/],
    [{ retry: { maxAttempts: "3" } }, /^retry\.maxAttempts must be a whole number/],
    [{ userAgent: 2 }, /^userAgent must be text in printable ASCII, with no line breaks \(got 2\)/],
    [{ userAgent: "my-app\r\nX-Evil: 1" }, /^userAgent must be text in printable ASCII/],
    [{ baseUrl: null }, /^baseUrl must be a string such as https:\/\/api-sandbox\.adultwork\.com/],
    [{ baseUrl: 4010 }, /^baseUrl must be a string .*\(got 4010\): leave it out for the sandbox/],
  ])("refuses %j, naming the option and the fix", (options, message) => {
    const error = thrownBy(create(options));

    expect(error).toBeInstanceOf(OptionError);
    expect((error as Error).message).toMatch(message);
  });

  it("takes retry: false, a custom fetch and a userAgent", () => {
    const { fetch } = fakeFetch();

    expect(
      create({ retry: false, fetch, userAgent: "my-app/1.2 (+https://example.test)" }),
    ).not.toThrow();
  });
});

describe("baseUrl", () => {
  it.each([
    "http://127.0.0.1:4010/api?x=1",
    "http://127.0.0.1:4010/api#f",
    "http://127.0.0.1:4010/?",
    "https://api.example.test/#",
  ])("refuses %s, whose query or fragment would come before the API's paths", (baseUrl) => {
    const error = thrownBy(() => createClient({ accessToken: TOKEN, baseUrl }));

    expect(error).toBeInstanceOf(OptionError);
    expect((error as Error).message).toMatch(/^baseUrl must not hold a query or fragment/);
    expect((error as Error).message).not.toContain("x=1");
  });

  it("drops a trailing slash, keeping the path in front of the API's paths", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createClient({ accessToken: TOKEN, baseUrl: `${TEST_URL}/api/`, fetch });

    await client.uploadPictures([{ image: makeJpeg() }]);

    expect(client.baseUrl).toBe(`${TEST_URL}/api`);
    expect(requests[0]?.url).toBe(`${TEST_URL}/api/v1/Pictures/AddFreePictures`);
  });
});

describe("the options of uploads, plans, checks and raw calls", () => {
  const pictures = [{ image: makeJpeg() }];

  function setup() {
    const { fetch, requests } = fakeFetch();
    const client = createClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch });
    return { client, requests };
  }

  it.each([
    ["maxRequestByte", "maxRequestBytes"],
    ["maxBodyBytes", undefined],
    ["maxRequestSize", "maxRequestBytes"],
    ["maxPictures", "maxPicturesPerRequest"],
    ["abortSignal", "signal"],
    ["onprogress", "onProgress"],
    ["parallel", "concurrency"],
  ])("uploadPictures refuses %s before any request", async (wrong, right) => {
    const { client, requests } = setup();

    const error = await client.uploadPictures(pictures, { [wrong]: 1 } as never).catch((e) => e);

    expect(error).toBeInstanceOf(OptionError);
    expect(error.message).toMatch(
      new RegExp(
        `^uploadPictures has no option "${wrong}"${right ? `: did you mean ${right}\\?` : ":"}`,
      ),
    );
    expect(error.message).toMatch(/Its options are maxRequestBytes, maxPicturesPerRequest, /);
    expect(requests).toHaveLength(0);
  });

  it("planUpload and checkPictures refuse unknown names too, and take an upload's options", async () => {
    const { client } = setup();
    const uploadOptions = { maxRequestBytes: 4096, concurrency: 2, onOutcome: () => {} };

    await expect(client.planUpload(pictures, { maxRequestByte: 1 } as never)).rejects.toThrow(
      /^planUpload has no option "maxRequestByte": did you mean maxRequestBytes\?/,
    );
    await expect(client.checkPictures(pictures, { maxPicture: 1 } as never)).rejects.toThrow(
      /^checkPictures has no option "maxPicture"/,
    );
    await expect(client.planUpload(pictures, uploadOptions)).resolves.toHaveLength(1);
    await expect(client.checkPictures(pictures, uploadOptions)).resolves.toEqual([]);
  });

  it.each([
    [{ signal: {} }, /^signal must be an AbortSignal \(got an object\): pass an AbortController/],
    [{ signal: "stop" }, /^signal must be an AbortSignal/],
    [{ stopSignal: true }, /^stopSignal must be an AbortSignal \(got true\)/],
    [{ onOutcome: "log" }, /^onOutcome must be a function \(got a string of 3 characters\)/],
    [{ onBatchStart: {} }, /^onBatchStart must be a function/],
    [{ onProgress: 1 }, /^onProgress must be a function/],
    [{ concurrency: "2" }, /^concurrency must be a whole number/],
  ])(
    "uploadPictures refuses %j with an OptionError, before any request",
    async (options, message) => {
      const { client, requests } = setup();

      const error = await client.uploadPictures(pictures, options as never).catch((e) => e);

      expect(error).toBeInstanceOf(OptionError);
      expect(error.message).toMatch(message);
      expect(requests).toHaveLength(0);
    },
  );

  it("refuses options that are not an object", async () => {
    const { client } = setup();

    await expect(client.uploadPictures(pictures, null as never)).rejects.toThrow(
      /^uploadPictures takes its options as an object \(got null\)/,
    );
    await expect(client.planUpload(pictures, 5 as never)).rejects.toThrow(OptionError);
  });

  it("takes a signal from another realm or a polyfill, by its shape", async () => {
    const { client } = setup();
    const signal = { aborted: false, addEventListener() {}, removeEventListener() {} };

    const report = await client.uploadPictures(pictures, { signal: signal as never });

    expect(report.uploaded).toBe(1);
  });

  it("raw calls refuse an unknown option and a signal that is not one", async () => {
    const { client, requests } = setup();
    const body = { Pictures: [{ Image: "/9j/2Q==" }] };

    await expect(client.addFreePictures(body, { signl: undefined } as never)).rejects.toThrow(
      /^addFreePictures has no option "signl": did you mean signal\?/,
    );
    await expect(
      client.addMemberFreePictures({ UserID: 1, ...body }, { signal: {} } as never),
    ).rejects.toThrow(/^signal must be an AbortSignal/);
    expect(requests).toHaveLength(0);
  });
});
