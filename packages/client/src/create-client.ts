import createFetchClient from "openapi-fetch";
import { type ClientOptions, readClientOptions, type Transport } from "./client-options.js";
import type { Base64Writer } from "./encode.js";
import { OptionError, type PictureError, type RequestDescription, RequestError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import { optionsOf, shown, signalOption } from "./options.js";
import type { OpenFile, Pictures } from "./pictures.js";
import type { PlannedBatch } from "./plan-batches.js";
import { findProblems, type PlanOptions, planUpload } from "./plan-upload.js";
import { describeRequest } from "./redact.js";
import { type ApiPath, createSend, type Exchange, type NotConnectedCheck } from "./send.js";
import { type UploadOptions, type UploadReport, uploadPictures } from "./upload.js";
import { readUploadOptions } from "./upload-options.js";
import { USER_AGENT } from "./version.js";

export type { ClientOptions, Transport } from "./client-options.js";

type JsonBody<P extends ApiPath> = paths[P]["post"]["requestBody"]["content"]["application/json"];

const OWN_GALLERY = "/v1/Pictures/AddFreePictures";
const MEMBER_GALLERY = "/v1/Groups/Pictures/AddFreePictures";
const CALL_OPTIONS = ["signal"];

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
  fetch: Transport;
  /** Reads a transport's error: the Node entry's knows Node's; browsers say nothing. */
  notConnected?: NotConnectedCheck;
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

/** What a raw call throws when no answer came: the message says what to do. */
function noAnswer(
  path: ApiPath,
  exchange: Exchange,
  timeoutMs: number,
  request: RequestDescription,
) {
  const { failure, error, why, attempts } = exchange;
  const tries = attempts > 1 ? ` (${attempts} attempts)` : "";
  const what =
    failure === "not-sent"
      ? `was not sent: ${why}${tries}`
      : failure === "timeout"
        ? `got no answer within ${timeoutMs} ms`
        : `got no usable answer after sending (${why})`;
  const unsure = failure !== "not-sent";

  return new RequestError(
    `POST ${path} ${what}` +
      (unsure
        ? ": the pictures may have been added, so check the gallery before sending again"
        : ""),
    unsure,
    request,
    { cause: error },
  );
}

/** Builds a client; `platform` is filled in by the entry point. */
export function createClientFor(options: ClientOptions, platform: Platform): AdultWorkClient {
  const settings = readClientOptions(options);
  const { accessToken, baseUrl, timeoutMs, maxAttempts, maxDelayMs, userAgent } = settings;

  const transport = settings.fetch ?? platform.fetch;
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
    notConnected: platform.notConnected,
    // Browsers forbid setting it; everywhere else it names the client.
    userAgent:
      typeof document === "undefined"
        ? [userAgent, USER_AGENT].filter(Boolean).join(" ")
        : undefined,
  });

  async function call(
    name: string,
    path: ApiPath,
    body: unknown,
    callOptions: unknown,
  ): Promise<ApiResult> {
    const signal = signalOption("signal", optionsOf(name, callOptions, CALL_OPTIONS).signal);
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

    throw noAnswer(path, exchange, timeoutMs, describeRequest(baseUrl + path, text));
  }

  const uploader = (path: ApiPath, userId?: number): Uploader => {
    const target = { send, path, host: new URL(baseUrl).host, userId, timeoutMs, ...platform };

    return {
      uploadPictures: (pictures, uploadOptions) => uploadPictures(target, pictures, uploadOptions),
      planUpload: async (pictures, planOptions) =>
        (await planUpload(target, pictures, readUploadOptions("planUpload", planOptions))).batches,
      checkPictures: async (pictures, planOptions) =>
        findProblems(target, pictures, readUploadOptions("checkPictures", planOptions)),
    };
  };

  return {
    baseUrl,
    addFreePictures: (body, callOptions) => call("addFreePictures", OWN_GALLERY, body, callOptions),
    addMemberFreePictures: (body, callOptions) =>
      call("addMemberFreePictures", MEMBER_GALLERY, body, callOptions),
    ...uploader(OWN_GALLERY),
    forMember: (userId) => {
      if (!Number.isSafeInteger(userId) || userId < 1) {
        throw new OptionError(
          `forMember needs the member's UserID as a positive whole number (got ${shown(userId)})`,
        );
      }

      return uploader(MEMBER_GALLERY, userId);
    },
  };
}
