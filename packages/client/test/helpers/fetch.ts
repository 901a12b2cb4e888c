/** One request as an injected fetch saw it. */
export interface SeenRequest {
  url: string;
  method: string;
  headers: Headers;
  body: string;
  signal: AbortSignal;
}

export type Reply = (request: SeenRequest, call: number) => Response | Promise<Response>;

/**
 * A fetch that records each request and answers with `reply` (200 by default). The
 * client calls it as fetch(url, init); it reads the body at once, as a fetch must.
 */
export function fakeFetch(reply: Reply = () => new Response(null, { status: 200 })) {
  const requests: SeenRequest[] = [];

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const seen = {
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: await request.text(),
      // The caller's own signal: a Request's copy follows it only while that Request
      // lives, and once it is collected the copy never aborts.
      signal: init?.signal ?? request.signal,
    };
    requests.push(seen);

    return reply(seen, requests.length);
  };

  return { fetch: fetch as typeof globalThis.fetch, requests };
}

/** The error undici throws when nothing listens on the port. */
export function connectionRefused(): TypeError {
  const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), {
    code: "ECONNREFUSED",
  });

  return new TypeError("fetch failed", { cause });
}

/** The error undici throws when the server drops the connection mid-request. */
export function connectionReset(): TypeError {
  const cause = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });

  return new TypeError("fetch failed", { cause });
}

/** A promise that rejects with the signal's reason once it aborts (a request that hangs). */
export function hangUntilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(signal.reason ?? new DOMException("", "AbortError"));
    if (signal.aborted) fail();
    signal.addEventListener("abort", fail);
  });
}

/** Base URL for unit tests: loopback, so nothing can leave the machine. */
export const TEST_URL = "http://127.0.0.1:9";
export const TOKEN = "tok_SECRET-1234567890abcdef";
