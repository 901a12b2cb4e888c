import { readFileSync } from "node:fs";
import { bundledSpecPath } from "../src/spec-file.js";

interface Example {
  value: Record<string, unknown>;
}

const spec = JSON.parse(readFileSync(bundledSpecPath(), "utf8")) as {
  components: { examples: Record<string, Example> };
};

/** The provider's two samples as the spec carries them, with real base64 JPEGs. */
export const ownGalleryBody = spec.components.examples.TwoPictures?.value ?? {};
export const memberGalleryBody = spec.components.examples.TwoPicturesForMember?.value ?? {};

export const validImage = (ownGalleryBody.Pictures as { Image: string }[])[0]?.Image ?? "";

export const OWN_PATH = "/v1/Pictures/AddFreePictures";
export const MEMBER_PATH = "/v1/Groups/Pictures/AddFreePictures";
