import type { Base64Encoder } from "./encode.js";
import { edgesOf, jpegProblem } from "./jpeg.js";
import type { CheckedPicture } from "./pictures.js";

type Item = { Description: string | undefined; Image: string };

/** Reads and encodes one batch's pictures; those that changed since the check fail. */
export async function readBatch(pictures: CheckedPicture[], encode: Base64Encoder) {
  const items: Item[] = [];
  const sent: CheckedPicture[] = [];
  const unreadable: [CheckedPicture, string][] = [];

  for (const picture of pictures) {
    try {
      const bytes = await picture.source.read();
      const problem =
        bytes.length === picture.source.size
          ? jpegProblem(edgesOf(bytes))?.text
          : `changed size since it was checked (${picture.source.size} -> ${bytes.length} bytes)`;

      if (problem) unreadable.push([picture, `not sent: it ${problem}`]);
      else {
        items.push({ Description: picture.description, Image: encode(bytes) });
        sent.push(picture);
      }
    } catch (error) {
      unreadable.push([picture, `not sent: it could not be read (${(error as Error)?.message})`]);
    }
  }

  return { items, sent, unreadable };
}
