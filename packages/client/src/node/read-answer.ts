import type { IncomingMessage } from "node:http";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

/**
 * The most of an answer's body that is kept. The API answers success with an empty body
 * and an error's body is read only for its message, so past this the rest is dropped and
 * the connection closed: a runaway answer cannot fill the memory.
 */
export const MAX_ANSWER_BYTES = 1024 * 1024;

// Answers that carry no body: the Response constructor refuses one for them.
const NO_BODY = new Set([204, 205, 304]);

const DECODERS: Record<string, (bytes: Buffer, options: object) => Buffer> = {
  gzip: gunzipSync,
  "x-gzip": gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

/** An answer's body, collected up to MAX_ANSWER_BYTES. */
export class AnswerBody {
  private chunks: Buffer[] = [];
  private length = 0;

  /** Adds a chunk; false once the body has reached its cap and the rest should go. */
  add(chunk: Buffer): boolean {
    const room = MAX_ANSWER_BYTES - this.length;
    this.chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
    this.length += Math.min(chunk.length, room);

    return this.length < MAX_ANSWER_BYTES;
  }

  bytes(): Buffer {
    return this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
  }
}

/**
 * The answer as a Response. A status outside 200-599 cannot be one, so it throws; the
 * server did answer, so the caller must not take the request as never sent.
 */
export function responseOf(answer: IncomingMessage, body: AnswerBody): Response {
  const status = answer.statusCode ?? 0;
  if (status < 200 || status > 599) {
    throw new Error(
      `the server answered with HTTP status ${status}, which is not a final answer ` +
        "(200-599), so it cannot be read; it may have processed the request",
    );
  }

  const headers = new Headers();
  const raw = answer.rawHeaders;
  for (let at = 0; at < raw.length; at += 2) headers.append(raw[at] as string, raw[at + 1] ?? "");
  const bytes = body.bytes();
  // Node's Buffers sit on plain ArrayBuffers; the type allows a shared one too.
  const content =
    NO_BODY.has(status) || bytes.length === 0
      ? null
      : (decoded(answer, bytes) as Buffer<ArrayBuffer>);

  return new Response(content, { status, statusText: statusTextOf(answer), headers });
}

// What a reason phrase may hold; Node's parser lets more through than Response takes.
const REASON_PHRASE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** The status line's text, or none when it holds what Response refuses: the status counts. */
function statusTextOf(answer: IncomingMessage): string {
  const text = answer.statusMessage ?? "";

  return REASON_PHRASE.test(text) ? text : "";
}

/**
 * The body without the compression a server applied though none was asked for, as
 * fetch would hand it over; a note in its place when it cannot be undone (cut off at
 * the cap, or larger than the cap once inflated).
 */
function decoded(answer: IncomingMessage, bytes: Buffer): Buffer {
  const encoding = String(answer.headers["content-encoding"]).trim().toLowerCase();
  const decode = DECODERS[encoding];
  if (!decode) return bytes;

  try {
    return decode(bytes, { maxOutputLength: MAX_ANSWER_BYTES });
  } catch {
    // Compressed bytes mean nothing to a reader of an error message.
    return Buffer.from(`[a ${encoding} body that could not be inflated within 1 MiB]`);
  }
}
