import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeBase64 } from "../src/encode.js";
import { createClient, type PictureOutcome, RequestError } from "../src/node.js";
import type { CheckedPicture } from "../src/pictures.js";
import { writeBatch } from "../src/write-batch.js";
import {
  connectionRefused,
  connectionReset,
  fakeFetch,
  hangUntilAborted,
  type Reply,
  TEST_URL,
  TOKEN,
} from "./helpers/fetch.js";
import { jpegLike, makeJpeg } from "./helpers/jpeg.js";

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

describe("a count in a message", () => {
  it("is singular for one", () => {
    const create = () => createClient({ accessToken: TOKEN, timeoutMs: "5" as never });

    expect(create).toThrow("timeoutMs must be a whole number");
    expect(create).toThrow("(got a string of 1 character)");
  });

  it("is singular for one byte when a file shrinks to one before its batch is read", async () => {
    const dir = await mkdtemp(join(tmpdir(), "client-wording-"));
    const shrunk = join(dir, "shrunk.jpg");
    try {
      await writeFile(shrunk, jpegLike(50));
      // The first request goes once every picture is checked: the file shrinks then.
      const { fetch } = fakeFetch(async () => {
        await writeFile(shrunk, "x");
        return new Response(null);
      });
      const client = createClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch });

      const report = await client.uploadPictures([{ image: jpegLike(20) }, { image: shrunk }], {
        maxPicturesPerRequest: 1,
      });

      expect(report.outcomes[1]?.reason).toBe(
        "not sent: it could not be read (it changed size since it was checked: 50 -> 1 byte)",
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("is singular for one byte when bytes read differ from those checked", async () => {
    const picture: CheckedPicture = {
      index: 0,
      name: undefined,
      description: undefined,
      itemBytes: 40,
      source: {
        size: 20,
        head: async () => jpegLike(20).subarray(0, 12),
        read: async () => new Uint8Array(1),
      },
    };

    const written = await writeBatch([picture], undefined, new Uint8Array(200), writeBase64);

    expect(written.unread[0]?.reason).toBe(
      "not sent: it changed size since it was checked (20 -> 1 byte)",
    );
  });
});
