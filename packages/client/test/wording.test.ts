import { describe, expect, it } from "vitest";
import { createClient, type PictureOutcome, RequestError } from "../src/index.js";
import {
  connectionRefused,
  connectionReset,
  fakeFetch,
  hangUntilAborted,
  type Reply,
  TEST_URL,
  TOKEN,
} from "./helpers/fetch.js";
import { makeJpeg } from "./helpers/jpeg.js";

const answering =
  (status: number, body: string | null = null): Reply =>
  () =>
    new Response(body, { status });

const replies: [string, Reply][] = [
  ["400 with a body", answering(400, '{"Message":"bad"}')],
  ["401", answering(401)],
  ["403", answering(403, "Forbidden")],
  ["413", answering(413)],
  ["429", answering(429)],
  ["503", answering(503)],
  ["500", answering(500, "oops")],
  ["302", answering(302)],
  [
    "a refused connection",
    () => {
      throw connectionRefused();
    },
  ],
  [
    "a connection reset",
    () => {
      throw connectionReset();
    },
  ],
  ["silence", (request) => hangUntilAborted(request.signal)],
];

// Only silence needs the timeout to fire; a short one elsewhere could fire on a busy machine.
function clientFor(reply: Reply) {
  const { fetch } = fakeFetch(reply);
  return createClient({
    accessToken: TOKEN,
    baseUrl: TEST_URL,
    fetch,
    timeoutMs: replies.at(-1)?.[1] === reply ? 20 : 60_000,
    retry: { maxDelayMs: 0 },
  });
}

describe("an outcome's reason", () => {
  it.each(replies)(
    "after %s leaves out the status, HTTP code and attempt count",
    async (_, reply) => {
      const report = await clientFor(reply).uploadPictures([{ image: makeJpeg() }]);
      const outcome = report.outcomes[0] as PictureOutcome;

      expect(outcome.status).not.toBe("uploaded");
      expect(outcome.reason).toBeTruthy();
      expect(outcome.reason).not.toMatch(/HTTP|attempt|may or may not|unknown/i);
      if (outcome.httpStatus !== undefined) {
        expect(outcome.reason).not.toContain(String(outcome.httpStatus));
      }
    },
  );
});

describe("a RequestError's message", () => {
  it.each(replies.slice(-3))("after %s is in words and says each thing once", async (_, reply) => {
    const error = await clientFor(reply)
      .addFreePictures({ Pictures: [{ Image: "/9j/2Q==" }] })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RequestError);
    const { message } = error as RequestError;
    expect(message).not.toMatch(/not-sent|no-answer|timeout\)/);
    expect(message.match(/may have been added|not sent|no answer|attempts/g) ?? []).toHaveLength(
      new Set(message.match(/may have been added|not sent|no answer|attempts/g)).size,
    );
    expect(message).toMatch(
      /^POST \/v1\/Pictures\/AddFreePictures (was not sent|got no usable answer|got no answer)/,
    );
  });
});
