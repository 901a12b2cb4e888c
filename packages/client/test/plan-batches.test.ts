import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { createClient } from "../src/index.js";
import { planBatches } from "../src/plan-batches.js";
import { fakeFetch, TEST_URL, TOKEN } from "./helpers/fetch.js";
import { jpegLike } from "./helpers/jpeg.js";

const ENVELOPE = '{"Pictures":[]}'.length;

const limitsAndItems = fc
  .record({
    maxRequestBytes: fc.integer({ min: ENVELOPE + 1, max: 5_000 }),
    maxPicturesPerRequest: fc.integer({ min: 1, max: 20 }),
  })
  .chain((limits) =>
    fc.record({
      limits: fc.constant({ ...limits, envelopeBytes: ENVELOPE }),
      items: fc.array(fc.integer({ min: 1, max: limits.maxRequestBytes - ENVELOPE }), {
        maxLength: 200,
      }),
    }),
  );

describe("planBatches", () => {
  test.prop([limitsAndItems])(
    "puts every item in exactly one batch, in order, within both limits",
    ({ limits, items }) => {
      const batches = planBatches(items, limits);

      expect(batches.flatMap((batch) => batch.indexes)).toEqual(items.map((_, index) => index));
      for (const batch of batches) {
        const bodyBytes = ENVELOPE + batch.indexes.reduce((sum, i) => sum + (items[i] ?? 0), 0);
        expect(batch.bytes).toBe(bodyBytes + batch.indexes.length - 1);
        expect(batch.bytes).toBeLessThanOrEqual(limits.maxRequestBytes);
        expect(batch.indexes.length).toBeLessThanOrEqual(limits.maxPicturesPerRequest);
      }
    },
  );

  test.prop([limitsAndItems])(
    "starts a new batch only when the next item does not fit",
    ({ limits, items }) => {
      const batches = planBatches(items, limits);

      batches.slice(0, -1).forEach((batch, i) => {
        const nextItem = items[batches[i + 1]?.indexes[0] ?? -1] ?? 0;
        const full = batch.indexes.length === limits.maxPicturesPerRequest;
        expect(full || batch.bytes + 1 + nextItem > limits.maxRequestBytes).toBe(true);
      });
    },
  );

  test("returns no batch for no items", () => {
    expect(
      planBatches([], { envelopeBytes: 15, maxRequestBytes: 100, maxPicturesPerRequest: 5 }),
    ).toEqual([]);
  });
});

const picture = fc.record(
  {
    size: fc.integer({ min: 5, max: 600 }),
    description: fc.option(fc.string({ unit: "grapheme", maxLength: 40 }), { nil: undefined }),
  },
  { requiredKeys: ["size"] },
);

describe("uploadPictures batches (end to end, injected fetch)", () => {
  test.prop(
    [
      fc.array(picture, { minLength: 1, maxLength: 30 }),
      fc.integer({ min: 1_000, max: 4_000 }),
      fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
      fc.option(fc.integer({ min: 1, max: 4000 }), { nil: undefined }),
    ],
    { numRuns: 60 },
  )(
    "sends each picture once, in order, in bodies under the budget, with an outcome for each",
    async (specs, maxRequestBytes, maxPicturesPerRequest, userId) => {
      const { fetch, requests } = fakeFetch();
      const client = createClient({ accessToken: TOKEN, baseUrl: TEST_URL, fetch });
      const uploader = userId === undefined ? client : client.forMember(userId);
      const pictures = specs.map((spec, i) => ({
        image: jpegLike(spec.size, 0x30 + (i % 40)),
        description: spec.description,
      }));
      const options = { maxRequestBytes, maxPicturesPerRequest };

      const plan = await uploader.planUpload(pictures, options);
      const report = await uploader.uploadPictures(pictures, options);

      const sent = requests.map((request) => JSON.parse(request.body));
      const sentImages = sent.flatMap((body) =>
        body.Pictures.map((p: { Image: string }) => p.Image),
      );
      const expectedImages = pictures.map((p) => Buffer.from(p.image).toString("base64"));
      expect(sentImages).toEqual(expectedImages);
      expect(
        sent.flatMap((body) => body.Pictures.map((p: { Description?: string }) => p.Description)),
      ).toEqual(pictures.map((p) => p.description));

      requests.forEach((request, i) => {
        const bytes = new TextEncoder().encode(request.body).length;
        expect(bytes).toBeLessThanOrEqual(maxRequestBytes);
        expect(bytes).toBe(plan[i]?.bytes);
        expect(JSON.parse(request.body).UserID).toBe(userId);
        if (maxPicturesPerRequest) {
          expect(JSON.parse(request.body).Pictures.length).toBeLessThanOrEqual(
            maxPicturesPerRequest,
          );
        }
      });
      expect(requests).toHaveLength(plan.length);
      expect(report.outcomes.map((outcome) => [outcome.index, outcome.status])).toEqual(
        pictures.map((_, index) => [index, "uploaded"]),
      );
    },
  );
});
