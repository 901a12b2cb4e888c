/** An error's message, or the thrown value as text, for a reason or a message. */
export const detail = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** An error and its causes, as one line: "fetch failed: other side closed". */
export function chainOf(error: unknown): string {
  const parts: string[] = [];
  for (let at = error; at !== undefined && parts.length < 4; at = (at as Error).cause) {
    const text = detail(at);
    if (!parts.includes(text)) parts.push(text);
    if (!(at instanceof Error)) break;
  }

  return parts.join(": ");
}

/** The base of every error this package throws; catch it to catch them all. */
export class AdultWorkError extends Error {
  override name = "AdultWorkError";
}

/**
 * Why a picture cannot be sent, as a stable code to switch on:
 * - `empty`: it has no bytes;
 * - `not-jpeg`: it does not start with the JPEG signature;
 * - `truncated`: it does not reach the JPEG end marker (cut short; data after it is fine);
 * - `too-large`: its base64 alone would not fit under `maxRequestBytes`;
 * - `bad-description`: its `description` is not a string;
 * - `bad-image`: its `image` is not bytes, a Blob or (Node entry only) a file path, or the
 *   item itself is not a `{ image }` object (a bare path or bytes, say);
 * - `unknown-field`: it has a field other than `image`, `description` and `name`;
 * - `unreadable`: its file or Blob could not be read.
 */
export type PictureErrorCode =
  | "empty"
  | "not-jpeg"
  | "truncated"
  | "too-large"
  | "bad-description"
  | "bad-image"
  | "unknown-field"
  | "unreadable";

export interface PictureErrorOptions extends ErrorOptions {
  /** @default "bad-image" */
  code?: PictureErrorCode | undefined;
}

/** A picture that cannot be sent as given; `index`, `pictureName` and `code` say which and why. */
export class PictureError extends AdultWorkError {
  override name = "PictureError";
  /** Why, for programs; the message and `reason` are for people and may change. */
  readonly code: PictureErrorCode;

  constructor(
    /** The picture's position in the input, from 0. */
    readonly index: number,
    readonly pictureName: string | undefined,
    /** What is wrong and what to do, without the picture's index or name. */
    readonly reason: string,
    options?: PictureErrorOptions,
  ) {
    super(
      `The picture at index ${index}${pictureName ? ` (${pictureName})` : ""} ${reason}`,
      options,
    );
    this.code = options?.code ?? "bad-image";
  }
}

/** An option or argument with a value the client cannot use. */
export class OptionError extends AdultWorkError {
  override name = "OptionError";
}

/** A `baseUrl` that would send the access token unencrypted to another machine. */
export class InsecureTransportError extends AdultWorkError {
  override name = "InsecureTransportError";
}

/**
 * A raw call that got no HTTP answer (network failure or timeout). When
 * `mayHaveBeenProcessed` is true the API may have added the pictures anyway.
 */
export class RequestError extends AdultWorkError {
  override name = "RequestError";

  constructor(
    message: string,
    readonly mayHaveBeenProcessed: boolean,
    readonly request: RequestDescription,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A request as errors describe it: no token, and base64 images cut short. */
export interface RequestDescription {
  method: string;
  url: string;
  body: string;
}
