import { type Base64Writer, base64Length } from "./encode.js";
import { detail, type PictureErrorCode } from "./errors.js";
import { jpegProblem } from "./jpeg.js";
import { envelopeOf, ITEM_CLOSE, itemHeadOf } from "./json-body.js";
import { counted } from "./options.js";
import type { CheckedPicture } from "./pictures.js";

/** A picture that could not be put in the body, and why. */
export interface Unread {
  picture: CheckedPicture;
  code: PictureErrorCode;
  reason: string;
}

/** What `writeBatch` put in the body. */
export interface WrittenBatch {
  /** How many bytes of the buffer the body fills. */
  length: number;
  sent: CheckedPicture[];
  unread: Unread[];
}

const COMMA = 0x2c;

/** Why `bytes`, just read, cannot be sent as the picture that was checked. */
function problemOf(
  picture: CheckedPicture,
  bytes: Uint8Array,
): Omit<Unread, "picture"> | undefined {
  const { size } = picture.source;
  if (bytes.length !== size) {
    const change = `${size} -> ${counted(bytes.length, "byte")}`;
    return {
      code: "unreadable",
      reason: `not sent: it changed size since it was checked (${change})`,
    };
  }

  // Bytes in memory were walked when checked (see checkPictures); a caller that changes
  // them during the upload sends what it changed, unwalked.
  if (picture.source.inMemory) return undefined;

  const problem = jpegProblem(bytes);
  return problem && { code: problem.code, reason: `not sent: it ${problem.text}` };
}

/**
 * Reads one batch's pictures and writes its JSON body into `body`, which must hold the
 * planned size: each file goes straight to the place of its base64 and is encoded
 * there, so the body is the only copy made. A picture that cannot be read, or that
 * changed since it was checked, is left out and listed in `unread`.
 */
export async function writeBatch(
  pictures: readonly CheckedPicture[],
  userId: number | undefined,
  body: Uint8Array,
  writeBase64: Base64Writer,
): Promise<WrittenBatch> {
  const [open, close] = envelopeOf(userId);
  const sent: CheckedPicture[] = [];
  const unread: Unread[] = [];
  body.set(open);
  let at = open.length;

  for (const picture of pictures) {
    const start = at;
    if (sent.length > 0) body[at++] = COMMA;
    const head = itemHeadOf(picture.description);
    body.set(head, at);
    at += head.length;
    const end = at + base64Length(picture.source.size);

    try {
      const bytes = await picture.source.read(body.subarray(end - picture.source.size, end));
      const problem = problemOf(picture, bytes);
      if (problem) {
        unread.push({ picture, ...problem });
        at = start;
        continue;
      }

      at = writeBase64(bytes, body, at);
      body.set(ITEM_CLOSE, at);
      at += ITEM_CLOSE.length;
      sent.push(picture);
    } catch (error) {
      unread.push({
        picture,
        code: "unreadable",
        reason: `not sent: it could not be read (${detail(error)})`,
      });
      at = start;
    }
  }

  body.set(close, at);

  return { length: at + close.length, sent, unread };
}
