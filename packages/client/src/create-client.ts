import createFetchClient from "openapi-fetch";
import { type AccessToken, checkBaseUrl, checkToken, SANDBOX_URL } from "./auth.js";
import type { Base64Writer } from "./encode.js";
import { OptionError, type PictureError, RequestError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import { DEFAULT_TIMEOUT_MS, wholeNumber } from "./options.js";
import type { OpenFile, Pictures } from "./pictures.js";
import type { PlannedBatch } from "./plan-batches.js";
import { findProblems, type PlanOptions, planUpload } from "./plan-upload.js";
import { describeRequest } from "./redact.js";
import { RETRY_DEFAULTS, type RetryOptions } from "./retry.js";
import { type ApiPath, createSend, type Exchange } from "./send.js";
import { type UploadOptions, type UploadReport, uploadPictures } from "./upload.js";
import { USER_AGENT } from "./version.js";

type JsonBody<P extends ApiPath> = paths[P]["post"]["requestBody"]["content"]["application/json"];

const OWN_GALLERY = "/v1/Pictures/AddFreePictures";
const MEMBER_GALLERY = "/v1/Groups/Pictures/AddFreePictures";

/** The body of `addFreePictures`: `{ Pictures: [{ Description?, Image }] }`. */
export type AddFreePicturesBody = JsonBody<typeof OWN_GALLERY>;

/** The body of `addMemberFreePictures`: the same plus the member's `UserID`. */
export type AddMemberFreePicturesBody = JsonBody<typeof MEMBER_GALLERY>;

/** An answer to a raw call: `error` is set (never empty) exactly when it was not 2xx. */
export type ApiResult =
  | { data: undefined; error?: undefined; response: Response }
  | { data?: undefined; error: HttpFailure; response: Response };

/** A non-2xx answer. The provider does not document error bodies. */
export interface HttpFailure {
  status: number;
  /** Parsed JSON, text, or undefined when the answer had no body. */
  body: unknown;
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
}

export interface ClientOptions {
  /** The user's OAuth access token, or a function called for one before every request. */
  accessToken: AccessToken;
  /** @default SANDBOX_URL. Plain http:// is refused except to loopback addresses. */
  baseUrl?: string | undefined;
  /**
   * The fetch to use, called as `fetch(url, init)`: `url` a string and `init` with
   * `method`, `headers` (a Headers), `body`, `signal` and `redirect: "manual"`. The
   * body is a string for the raw calls and a Uint8Array for an upload's batches; the
   * client reuses that array for a later batch once the call has settled, so read the
   * body before answering. @default globalThis.fetch
   */
  fetch?: typeof fetch | undefined;
  /** The longest one attempt may take. @default 120000 (2 minutes) */
  timeoutMs?: number | undefined;
  /**
   * Retries, only of requests that were certainly not processed (429, 503, no
   * connection): without an idempotency key a repeat could add pictures twice.
   * `false` for none. @default { maxAttempts: 3, maxDelayMs: 30000 }
   */
  retry?: RetryOptions | false | undefined;
  /** Put in front of this package's own User-Agent (not sent by browsers). */
  userAgent?: string | undefined;
}

/** Uploads for one gallery: the signed-in user's, or a group member's. */
export interface Uploader {
  /** Sends pictures in batches under a byte budget; one outcome per picture. */
  uploadPictures(pictures: Pictures, options?: UploadOptions): Promise<UploadReport>;
  /** Checks the pictures and returns the batches an upload would send; sends nothing. */
  planUpload(pictures: Pictures, options?: PlanOptions): Promise<PlannedBatch[]>;
  /**
   * Runs the checks an upload makes on every picture (the size budget included)
   * and returns a PictureError for each one that would be refused, in input
   * order; an empty list when all pass. Sends nothing and throws for none.
   */
  checkPictures(pictures: Pictures, options?: PlanOptions): Promise<PictureError[]>;
}

export interface AdultWorkClient extends Uploader {
  readonly baseUrl: string;
  /** Adds pictures to the signed-in user's free gallery (one request, body as given). */
  addFreePictures(body: AddFreePicturesBody, options?: CallOptions): Promise<ApiResult>;
  /** As a group manager, adds pictures to a member's free gallery (one request). */
  addMemberFreePictures(body: AddMemberFreePicturesBody, options?: CallOptions): Promise<ApiResult>;
  /** Uploads to the free gallery of group member `userId`, as their group manager. */
  forMember(userId: number): Uploader;
}

/** What differs between the browser and the Node entry. */
export interface Platform {
  writeBase64: Base64Writer;
  openFile: OpenFile;
  /** The transport when no `fetch` option is given. */
  fetch: (url: string, init: RequestInit) => Promise<Response>;
}

/**
 * What openapi-fetch hands to fetch, in place of a Request. Building a real Request per
 * call costs Node a web stream for the body (about a fifth of a small call), only for
 * fetch to take it apart again. The client registers no middleware, so no code but the
 * fetch below ever sees this holder.
 */
class PlainRequest {
  declare readonly url: string;
  declare readonly init: RequestInit;

  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.init = init;
  }

  get method() {
    return this.init.method;
  }
}

/** Builds a client; `platform` is filled in by the entry point. */
export function createClientFor(options: ClientOptions, platform: Platform): AdultWorkClient {
  if (options == null || typeof options !== "object") {
    throw new OptionError("createClient needs an options object with an accessToken");
  }
  const { accessToken, userAgent, retry = {} } = options;
  if (typeof accessToken !== "function") checkToken(accessToken);

  const baseUrl = checkBaseUrl(options.baseUrl ?? SANDBOX_URL);
  const timeoutMs = wholeNumber("timeoutMs", options.timeoutMs, DEFAULT_TIMEOUT_MS);
  const maxAttempts = retry
    ? wholeNumber("retry.maxAttempts", retry.maxAttempts, RETRY_DEFAULTS.maxAttempts)
    : 1;
  const maxDelayMs = retry
    ? wholeNumber("retry.maxDelayMs", retry.maxDelayMs, RETRY_DEFAULTS.maxDelayMs, 0)
    : 0;

  const transport = options.fetch ?? platform.fetch;
  const api = createFetchClient<paths>({
    baseUrl,
    redirect: "manual",
    Request: PlainRequest as unknown as typeof Request,
    fetch: (request) => transport(request.url, (request as unknown as PlainRequest).init),
  });
  const send = createSend({
    api,
    accessToken,
    timeoutMs,
    maxAttempts,
    maxDelayMs,
    // Browsers forbid setting it; everywhere else it names the client.
    userAgent:
      typeof document === "undefined"
        ? [userAgent, USER_AGENT].filter(Boolean).join(" ")
        : undefined,
  });

  async function call(path: ApiPath, body: unknown, signal?: AbortSignal): Promise<ApiResult> {
    const text = JSON.stringify(body);
    const exchange: Exchange = await send(path, text, signal);
    const { response, failure, error } = exchange;

    if (response) {
      return response.ok
        ? { data: undefined, response }
        : { error: { status: response.status, body: exchange.body }, response };
    }
    if (failure === "token") throw error;
    if (failure === "cancelled" || failure === "aborted") throw signal?.reason;

    const unsure = failure !== "not-sent";
    const why = failure === "timeout" ? `timed out after ${timeoutMs} ms` : failure;
    throw new RequestError(
      `POST ${path} got no answer (${why}): ` +
        (unsure ? "the pictures may or may not have been added" : "nothing was sent"),
      unsure,
      describeRequest(baseUrl + path, text),
      { cause: error },
    );
  }

  const uploader = (path: ApiPath, userId?: number): Uploader => {
    const target = { send, path, userId, timeoutMs, ...platform };

    return {
      uploadPictures: (pictures, uploadOptions) => uploadPictures(target, pictures, uploadOptions),
      planUpload: async (pictures, planOptions = {}) =>
        (await planUpload(target, pictures, planOptions)).batches,
      checkPictures: (pictures, planOptions = {}) => findProblems(target, pictures, planOptions),
    };
  };

  return {
    baseUrl,
    addFreePictures: (body, callOptions) => call(OWN_GALLERY, body, callOptions?.signal),
    addMemberFreePictures: (body, callOptions) => call(MEMBER_GALLERY, body, callOptions?.signal),
    ...uploader(OWN_GALLERY),
    forMember: (userId) => {
      if (!Number.isSafeInteger(userId) || userId < 1) {
        throw new OptionError(
          `forMember needs the member's UserID as a positive whole number (got ${String(userId)})`,
        );
      }

      return uploader(MEMBER_GALLERY, userId);
    },
  };
}
