import { base64Length, jsonBytes } from "./encode.js";
import { OptionError, PictureError } from "./errors.js";
import { HEAD_BYTES, signatureProblem } from "./jpeg.js";

/** A picture's bytes, or (Node entry only) the path of a JPEG file. */
export type PictureImage = Uint8Array | ArrayBuffer | Blob | string;

/** One picture to upload. */
export interface PictureInput {
  image: PictureImage;
  /** The caption, sent as `Description`. */
  description?: string | undefined;
  /** What messages and outcomes call the picture; defaults to the file name. */
  name?: string | undefined;
}

/** The pictures to upload, in order; read to the end before the first request. */
export type Pictures = Iterable<PictureInput> | AsyncIterable<PictureInput>;

/** Where a picture's bytes come from; they are read only when its batch goes. */
export interface PictureSource {
  size: number;
  name?: string | undefined;
  head(): Promise<Uint8Array>;
  read(): Promise<Uint8Array>;
}

/** Opens a file path as a source (Node entry); undefined where paths are not supported. */
export type OpenFile = ((path: string) => Promise<PictureSource>) | undefined;

/** A picture that passed every check, with the size of its JSON item. */
export interface CheckedPicture {
  index: number;
  name: string | undefined;
  description: string | undefined;
  source: PictureSource;
  itemBytes: number;
}

const bytesSource = (bytes: Uint8Array): PictureSource => ({
  size: bytes.length,
  head: async () => bytes.subarray(0, HEAD_BYTES),
  read: async () => bytes,
});

const NOTHING = bytesSource(new Uint8Array());

const blobSource = (blob: Blob): PictureSource => ({
  size: blob.size,
  name: (blob as Partial<File>).name,
  head: async () => new Uint8Array(await blob.slice(0, HEAD_BYTES).arrayBuffer()),
  read: async () => new Uint8Array(await blob.arrayBuffer()),
});

async function toSource(image: unknown, openFile: OpenFile, fail: (problem: string) => never) {
  if (image instanceof Uint8Array) return bytesSource(image);
  if (image instanceof ArrayBuffer) return bytesSource(new Uint8Array(image));
  if (ArrayBuffer.isView(image)) {
    return bytesSource(new Uint8Array(image.buffer, image.byteOffset, image.byteLength));
  }
  if (typeof Blob !== "undefined" && image instanceof Blob) return blobSource(image);

  if (typeof image === "string") {
    if (!openFile) fail("is a file path, which only the Node entry reads: pass bytes or a Blob");
    return openFile(image);
  }

  return fail(
    `has an image of type ${typeof image}: ` +
      "pass a Uint8Array, an ArrayBuffer, a Blob or a file path",
  );
}

/** The size of a picture's `{ "Description", "Image" }` item in the JSON body. */
export const itemBytes = (description: string | undefined, imageBytes: number) =>
  jsonBytes({ Description: description, Image: "" }) + base64Length(imageBytes);

/** The name a picture goes by: its own, or the file name at the end of its path. */
const nameOf = (input: PictureInput) =>
  typeof input?.name === "string"
    ? input.name
    : typeof input?.image === "string"
      ? input.image.split(/[\\/]/).pop()
      : undefined;

/**
 * Checks one picture before anything is sent, reading at most its first bytes.
 * Throws a PictureError that names the picture and says what to do.
 */
export async function checkPictureInput(
  input: PictureInput,
  index: number,
  openFile: OpenFile,
  maxItemBytes: number,
): Promise<CheckedPicture> {
  const image = input?.image;
  let name = nameOf(input);
  const fail = (problem: string, cause?: unknown): never => {
    throw new PictureError(index, name, problem, cause === undefined ? undefined : { cause });
  };

  let source: PictureSource;
  let head: Uint8Array;
  try {
    source = await toSource(image, openFile, fail);
    name ??= source.name;
    head = await source.head();
  } catch (error) {
    if (error instanceof PictureError) throw error;
    return fail(
      `could not be read (${(error as Error)?.message}): check the path and its permissions`,
      error,
    );
  }

  const problem = source.size === 0 ? "is empty" : signatureProblem(head);
  if (problem) fail(`${problem}: only JPEG pictures can be sent; convert it or leave it out`);

  const { description } = input;
  if (description !== undefined && typeof description !== "string") {
    fail(`has a description of type ${typeof description}: pass text or leave it out`);
  }

  const bytes = itemBytes(description, source.size);
  if (bytes > maxItemBytes) {
    fail(
      `needs ${bytes} bytes in a request once base64-encoded, more than the ${maxItemBytes} that ` +
        "fit under maxRequestBytes: make the picture smaller or raise maxRequestBytes",
    );
  }

  return { index, name, description, source, itemBytes: bytes };
}

/**
 * Reads `pictures` to the end, checking each one; throws at the first bad one.
 * Once `signal` aborts, the rest are only counted, since none will be sent.
 */
export async function checkPictures(
  pictures: Pictures,
  openFile: OpenFile,
  maxItemBytes: number,
  signal?: AbortSignal,
): Promise<CheckedPicture[]> {
  if (pictures == null || typeof pictures !== "object") {
    throw new OptionError("pictures must be an array (or iterable) of { image } objects");
  }

  const checked: CheckedPicture[] = [];
  for await (const input of pictures) {
    const index = checked.length;
    checked.push(
      signal?.aborted
        ? { index, name: nameOf(input), description: undefined, source: NOTHING, itemBytes: 0 }
        : await checkPictureInput(input, index, openFile, maxItemBytes),
    );
  }

  return checked;
}
