import { base64Length } from "./encode.js";

const utf8 = new TextEncoder();

// Each piece is cut from JSON.stringify's own text around an empty value, so the
// bodies written piece by piece are the JSON it would give, byte for byte.
const before = (json: string, after: number) => utf8.encode(json.slice(0, -after));

/** A body's text before its pictures, `{"UserID":1,"Pictures":[`, and after them. */
export function envelopeOf(userId: number | undefined): [open: Uint8Array, close: Uint8Array] {
  return [before(JSON.stringify({ UserID: userId, Pictures: [] }), 2), utf8.encode("]}")];
}

/** A picture's text before its base64, `{"Description":"...","Image":"`. */
export const itemHeadOf = (description: string | undefined) =>
  before(JSON.stringify({ Description: description, Image: "" }), 2);

/** A picture's text after its base64. */
export const ITEM_CLOSE = utf8.encode('"}');

/** The size of a picture's `{ "Description", "Image" }` item in a body, in bytes. */
export const itemBytes = (description: string | undefined, imageBytes: number) =>
  itemHeadOf(description).length + base64Length(imageBytes) + ITEM_CLOSE.length;

/** The size of a body with no pictures, in bytes. */
export const envelopeBytes = (userId: number | undefined) =>
  envelopeOf(userId).reduce((sum, text) => sum + text.length, 0);
