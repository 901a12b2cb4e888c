import { describe, expectTypeOf, it } from "vitest";
import {
  type AddFreePicturesBody,
  type AddMemberFreePicturesBody,
  type AdultWorkClient,
  type AdultWorkError,
  type ApiResult,
  type Base64Encoder,
  checkPicture,
  type components,
  createClient,
  encodeBase64,
  type InsecureTransportError,
  type OptionError,
  PictureError,
  type PictureErrorCode,
  type PictureErrorOptions,
  type PictureOutcome,
  type PlannedBatch,
  type PlanOptions,
  type paths,
  type RequestError,
  type UploadOptions,
  type UploadProgress,
  type UploadReport,
} from "../src/index.js";
import { createClient as createNodeClient, encodeBase64 as encodeNodeBase64 } from "../src/node.js";

const client = createClient({ accessToken: "t" });
const Image = "/9j/4AA=";

describe("raw calls", () => {
  it("take the generated request bodies", () => {
    expectTypeOf<AddFreePicturesBody>().toEqualTypeOf<
      components["schemas"]["AddFreePicturesRequest"]
    >();
    type MemberPost = paths["/v1/Groups/Pictures/AddFreePictures"]["post"];
    expectTypeOf<AddMemberFreePicturesBody>().toEqualTypeOf<
      MemberPost["requestBody"]["content"]["application/json"]
    >();
    expectTypeOf(client.addFreePictures).parameter(0).toEqualTypeOf<AddFreePicturesBody>();
    expectTypeOf(client.addFreePictures).returns.resolves.toEqualTypeOf<ApiResult>();
  });

  it("refuse bodies that break the schema", () => {
    client.addFreePictures({ Pictures: [{ Image }] });
    client.addFreePictures({ Pictures: [{ Image, Description: "d" }] });
    client.addMemberFreePictures({ UserID: 1, Pictures: [{ Image }] });

    // @ts-expect-error a picture needs its Image
    client.addFreePictures({ Pictures: [{ Description: "no image" }] });
    // @ts-expect-error Pictures is required
    client.addFreePictures({});
    // @ts-expect-error Image is a base64 string, not bytes
    client.addFreePictures({ Pictures: [{ Image: new Uint8Array() }] });
    // @ts-expect-error the member endpoint needs UserID
    client.addMemberFreePictures({ Pictures: [{ Image }] });
    // @ts-expect-error UserID is a number, not a string
    client.addMemberFreePictures({ UserID: "123", Pictures: [{ Image }] });
    // @ts-expect-error a member's picture needs its Image too
    client.addMemberFreePictures({ UserID: 1, Pictures: [{ Description: "d" }] });
  });

  it("give an error value whose presence tells failure from success", async () => {
    const result = await client.addFreePictures({ Pictures: [{ Image }] });

    if (result.error) {
      expectTypeOf(result.error.status).toEqualTypeOf<number>();
      expectTypeOf(result.error.body).toEqualTypeOf<unknown>();
    } else {
      expectTypeOf(result.data).toEqualTypeOf<undefined>();
    }
    expectTypeOf(result.response).toEqualTypeOf<Response>();
  });
});

describe("createClient", () => {
  it("takes a token or a token function, and the documented options", () => {
    createClient({ accessToken: async () => "t", baseUrl: "https://x.test", timeoutMs: 1 });
    createClient({
      accessToken: () => "t",
      retry: false,
      fetch: globalThis.fetch,
      userAgent: "a/1",
    });
    createClient({ accessToken: "t", retry: { maxAttempts: 2, maxDelayMs: 0 } });
    createClient({ accessToken: "t", baseUrl: process.env.NOT_SET });

    // @ts-expect-error the token is required
    createClient({});
    // @ts-expect-error a token function returns a string
    createClient({ accessToken: () => 1 });
  });

  it("gives the same client type from both entries", () => {
    expectTypeOf(createNodeClient).toEqualTypeOf(createClient);
    expectTypeOf(client).toEqualTypeOf<AdultWorkClient>();
    expectTypeOf(client.baseUrl).toEqualTypeOf<string>();
  });
});

describe("uploads", () => {
  it("take pictures from any source, sync or async", () => {
    client.uploadPictures([
      { image: new Uint8Array() },
      { image: new ArrayBuffer(1), description: "d" },
      { image: new Blob(), name: "n" },
      { image: "/path.jpg" },
    ]);
    client.uploadPictures(
      (async function* () {
        yield { image: new Uint8Array() };
      })(),
    );

    // @ts-expect-error a picture needs an image
    client.uploadPictures([{ description: "d" }]);
    // @ts-expect-error the description is text
    client.uploadPictures([{ image: new Uint8Array(), description: 1 }]);
  });

  it("report one outcome per picture", () => {
    expectTypeOf(client.uploadPictures).returns.resolves.toEqualTypeOf<UploadReport>();
    expectTypeOf<UploadReport["outcomes"]>().toEqualTypeOf<PictureOutcome[]>();
    expectTypeOf<PictureOutcome["status"]>().toEqualTypeOf<"uploaded" | "failed" | "unknown">();
    expectTypeOf<UploadProgress>().toEqualTypeOf<{
      picturesDone: number;
      picturesTotal: number;
      bytesDone: number;
      bytesTotal: number;
    }>();
  });

  it("say how far each picture's request got, in a field every outcome has", () => {
    expectTypeOf<Pick<PictureOutcome, "delivery">>().toEqualTypeOf<{
      delivery: "not-sent" | "answered" | "unanswered";
    }>();

    const neverSent = (outcome: PictureOutcome) =>
      // @ts-expect-error no such delivery: a typo in a value is caught
      outcome.delivery === "not sent";
    expectTypeOf(neverSent).returns.toBeBoolean();
  });

  it("take the documented options", () => {
    client.uploadPictures([], {
      maxRequestBytes: 1,
      maxPicturesPerRequest: 1,
      concurrency: 1,
      signal: AbortSignal.timeout(1),
      stopSignal: new AbortController().signal,
      onProgress: (progress) => expectTypeOf(progress).toEqualTypeOf<UploadProgress>(),
      onOutcome: (outcome) => expectTypeOf(outcome).toEqualTypeOf<PictureOutcome>(),
      onBatchStart: (batch) => {
        expectTypeOf(batch).toEqualTypeOf<PlannedBatch>();
      },
    });

    // @ts-expect-error no such option
    client.uploadPictures([], { batchSize: 3 });
  });

  it("plan without sending, and work for a group member", () => {
    expectTypeOf(client.planUpload).returns.resolves.toEqualTypeOf<PlannedBatch[]>();
    expectTypeOf<PlannedBatch>().toEqualTypeOf<{ indexes: number[]; bytes: number }>();
    expectTypeOf(client.forMember(1).uploadPictures).toEqualTypeOf(client.uploadPictures);
    expectTypeOf(client.forMember(1).planUpload).toEqualTypeOf(client.planUpload);
    // @ts-expect-error the member is given by number
    client.forMember("1");
  });

  it("await an onBatchStart that is sync or async, and that returns nothing", () => {
    expectTypeOf<NonNullable<UploadOptions["onBatchStart"]>>().toEqualTypeOf<
      (batch: { indexes: number[]; bytes: number }) => void | Promise<void>
    >();
    client.uploadPictures([], { onBatchStart: () => {} });
    client.uploadPictures([], {
      onBatchStart: async ({ indexes, bytes }) => {
        expectTypeOf(indexes).toEqualTypeOf<number[]>();
        expectTypeOf(bytes).toEqualTypeOf<number>();
      },
    });

    // @ts-expect-error the batch has no pictures, only their indexes
    client.uploadPictures([], { onBatchStart: (batch) => batch.pictures });
  });

  it("check every picture, returning the problems as errors", () => {
    expectTypeOf(client.checkPictures).returns.resolves.toEqualTypeOf<PictureError[]>();
    expectTypeOf(client.checkPictures).parameter(1).toEqualTypeOf<PlanOptions | undefined>();
    expectTypeOf(client.forMember(1).checkPictures).toEqualTypeOf(client.checkPictures);
  });
});

describe("checks and errors", () => {
  it("checkPicture returns a reason or undefined", () => {
    expectTypeOf(checkPicture).toEqualTypeOf<(bytes: Uint8Array) => string | undefined>();
  });

  it("exports the same base64 encoder type from both entries", () => {
    expectTypeOf(encodeBase64).toEqualTypeOf<Base64Encoder>();
    expectTypeOf(encodeNodeBase64).toEqualTypeOf<Base64Encoder>();
    expectTypeOf<Base64Encoder>().toEqualTypeOf<(bytes: Uint8Array) => string>();
  });

  it("gives an outcome refused at read time the PictureError code", () => {
    expectTypeOf<PictureOutcome["code"]>().toEqualTypeOf<PictureErrorCode | undefined>();
  });

  it("has a small family of errors under AdultWorkError", () => {
    expectTypeOf<PictureError>().toExtend<AdultWorkError>();
    expectTypeOf<OptionError>().toExtend<AdultWorkError>();
    expectTypeOf<InsecureTransportError>().toExtend<AdultWorkError>();
    expectTypeOf<RequestError>().toExtend<AdultWorkError>();
    expectTypeOf<PictureError["index"]>().toEqualTypeOf<number>();
    expectTypeOf<PictureError["pictureName"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<PictureError["reason"]>().toEqualTypeOf<string>();
    expectTypeOf<RequestError["mayHaveBeenProcessed"]>().toEqualTypeOf<boolean>();
  });

  it("gives PictureError a code from a closed list, to switch on", () => {
    expectTypeOf<PictureError["code"]>().toEqualTypeOf<PictureErrorCode>();
    expectTypeOf<PictureErrorCode>().toEqualTypeOf<
      | "empty"
      | "not-jpeg"
      | "truncated"
      | "too-large"
      | "bad-description"
      | "bad-image"
      | "unknown-field"
      | "unreadable"
    >();

    const fix = (code: PictureErrorCode): string => {
      switch (code) {
        case "empty":
        case "not-jpeg":
        case "truncated":
          return "export it again";
        case "too-large":
          return "shrink it";
        case "bad-description":
        case "bad-image":
        case "unknown-field":
        case "unreadable":
          return "fix the input";
      }
    };
    expectTypeOf(fix).returns.toEqualTypeOf<string>();
  });

  it("keeps PictureError's constructor, with an optional code", () => {
    new PictureError(0, undefined, "is odd");
    new PictureError(0, "a.jpg", "is empty", { code: "empty", cause: new Error("x") });
    expectTypeOf<PictureErrorOptions["code"]>().toEqualTypeOf<PictureErrorCode | undefined>();

    // @ts-expect-error not one of the codes
    new PictureError(0, "a.jpg", "is odd", { code: "odd" });
  });
});
