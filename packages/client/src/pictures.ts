import { detail, OptionError, PictureError, type PictureErrorCode } from "./errors.js";
import { HEAD_BYTES, headProblem, type JpegProblem, jpegProblem } from "./jpeg.js";
import { itemBytes } from "./json-body.js";
import { nearestName } from "./nearest-name.js";
import { kindOf, withArticle } from "./options.js";

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
  /** True when the bytes are in memory already, so checking them all costs no read. */
  inMemory?: boolean;
  /** The first bytes (HEAD_BYTES of them), for the JPEG check; cheap even for a large file. */
  head(): Promise<Uint8Array>;
  /**
   * All the bytes. Given `into`, `size` bytes long, a source may read them into it and
   * return it. If the picture's size changed, what it returns has the new length, or,
   * given `into`, it may reject instead, saying so.
   */
  read(into?: Uint8Array): Promise<Uint8Array>;
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
  inMemory: true,
  head: async () => bytes.subarray(0, HEAD_BYTES),
  read: async () => bytes,
});

// What stands for a picture that will not be sent because the upload was aborted.
const NOT_READ = { description: undefined, source: bytesSource(new Uint8Array()), itemBytes: 0 };

const blobSource = (blob: Blob): PictureSource => ({
  size: blob.size,
  name: (blob as Partial<File>).name,
  head: async () => new Uint8Array(await blob.slice(0, HEAD_BYTES).arrayBuffer()),
  read: async () => new Uint8Array(await blob.arrayBuffer()),
});

type Fail = (code: PictureErrorCode, reason: string, cause?: unknown) => never;

async function toSource(image: unknown, openFile: OpenFile, fail: Fail) {
  if (image instanceof Uint8Array) return bytesSource(image);
  if (image instanceof ArrayBuffer) return bytesSource(new Uint8Array(image));
  if (ArrayBuffer.isView(image)) {
    return bytesSource(new Uint8Array(image.buffer, image.byteOffset, image.byteLength));
  }
  if (typeof Blob !== "undefined" && image instanceof Blob) return blobSource(image);

  if (typeof image === "string") {
    if (!openFile) {
      fail("bad-image", "is a file path, which only the Node entry reads: pass bytes or a Blob");
    }
    return openFile(image);
  }

  return fail(
    "bad-image",
    `has an image of type ${typeof image}: ` +
      "pass a Uint8Array, an ArrayBuffer, a Blob or a file path",
  );
}

/** The name a picture goes by: its own, or the file name at the end of its path. */
const nameOf = (input: PictureInput) =>
  typeof input?.name === "string"
    ? input.name
    : typeof input?.image === "string"
      ? input.image.split(/[\\/]/).pop()
      : undefined;

const PICTURE_FIELDS = ["image", "description", "name"];

/**
 * Why an item is not a picture object, with the object it likely meant: a file path or
 * bytes given bare would otherwise be read as a picture with no image.
 */
function notAPicture(input: unknown): string | undefined {
  if (typeof input === "string") {
    // A long one is more likely base64 than a path, and too long to repeat.
    const image = input.length < 200 ? JSON.stringify(input) : "path";
    return `is a string, not a picture: pass { image: ${image} }`;
  }

  const bytes =
    input instanceof ArrayBuffer ||
    ArrayBuffer.isView(input) ||
    (typeof Blob !== "undefined" && input instanceof Blob);
  if (input && typeof input === "object" && !bytes && !Array.isArray(input)) return undefined;

  const what = bytes ? withArticle(input.constructor.name) : kindOf(input);
  return `is ${what}, not a picture: pass { image: bytes }`;
}

/**
 * A field the picture does not know, with the one it most likely meant: misspelt, or
 * named the API's way (`Description`), it would otherwise be left out without a word.
 */
function unknownField(input: PictureInput): string | undefined {
  if (input === null || typeof input !== "object") return undefined;

  const key = Object.keys(input).find((field) => !PICTURE_FIELDS.includes(field));
  if (key === undefined) return undefined;

  const near = nearestName(key, PICTURE_FIELDS);
  return (
    `has no field ${JSON.stringify(key)}` +
    (near ? `: did you mean ${near}?` : ":") +
    ` A picture's fields are ${PICTURE_FIELDS.join(", ")}.`
  );
}

// What to do about each problem the JPEG check finds.
const JPEG_FIXES = {
  empty: "leave it out, or check that it was read or copied whole",
  "not-jpeg": "only JPEG pictures can be sent; convert it or leave it out",
  truncated: "export or copy it again, or leave it out",
};

/**
 * Checks one picture before anything is sent. Bytes in memory are walked to their end
 * marker; a file or Blob is read only at its first bytes, unless `thorough`: then it is
 * read whole and walked now, where an upload walks it when its batch is read. Returns
 * the picture checked, or throws a PictureError that names it and says what to do.
 */
async function checkPictureInput(
  input: PictureInput,
  index: number,
  openFile: OpenFile,
  maxItemBytes: number,
  thorough: boolean,
): Promise<CheckedPicture> {
  const image = input?.image;
  let name = nameOf(input);
  const fail: Fail = (code, reason, cause) => {
    throw new PictureError(index, name, reason, { code, ...(cause !== undefined && { cause }) });
  };

  const notPicture = notAPicture(input);
  if (notPicture) fail("bad-image", notPicture);
  const unknown = unknownField(input);
  if (unknown) fail("unknown-field", unknown);

  let source: PictureSource;
  let problem: JpegProblem | undefined;
  try {
    source = await toSource(image, openFile, fail);
    name ??= source.name;
    problem = headProblem(await source.head(), source.size);
    if (!problem && (source.inMemory || thorough)) problem = jpegProblem(await source.read());
  } catch (error) {
    if (error instanceof PictureError) throw error;
    return fail(
      "unreadable",
      `could not be read (${detail(error)}): check the path and its permissions`,
      error,
    );
  }

  if (problem) fail(problem.code, `${problem.text}: ${JPEG_FIXES[problem.code]}`);

  const { description } = input;
  if (description !== undefined && typeof description !== "string") {
    fail(
      "bad-description",
      `has a description of type ${typeof description}: pass text or leave it out`,
    );
  }

  const bytes = itemBytes(description, source.size);
  if (bytes > maxItemBytes) {
    // The description is to blame when the picture alone would fit, or when it takes
    // most of the room.
    const text = bytes - itemBytes(undefined, source.size);
    fail(
      "too-large",
      `needs ${bytes} bytes in a request once base64-encoded, more than the ${maxItemBytes} ` +
        "that fit under maxRequestBytes: " +
        (bytes - text <= maxItemBytes || text * 2 > bytes
          ? `its description takes ${text} of them: shorten it`
          : "make the picture smaller") +
        " or raise maxRequestBytes",
    );
  }

  return { index, name, description, source, itemBytes: bytes };
}

/** What reading the pictures found: those that passed, and a PictureError for each other. */
export interface CheckResult {
  checked: CheckedPicture[];
  problems: PictureError[];
}

export interface CheckOptions {
  /** Once it aborts, the rest are only counted, since none will be sent. */
  signal?: AbortSignal | undefined;
  /** Go on after a bad picture and list every problem, rather than throw at the first. */
  collect?: boolean;
  /** Read whole, and walk, each file or Blob (an upload walks them as batches are read). */
  thorough?: boolean;
}

/**
 * Reads `pictures` to the end, checking each one. Throws the first PictureError,
 * unless `collect` is set; then `problems` lists them all, in input order.
 */
export async function checkPictures(
  pictures: Pictures,
  openFile: OpenFile,
  maxItemBytes: number,
  { signal, collect = false, thorough = false }: CheckOptions = {},
): Promise<CheckResult> {
  if (pictures == null || typeof pictures !== "object") {
    throw new OptionError("pictures must be an array (or iterable) of { image } objects");
  }

  const result: CheckResult = { checked: [], problems: [] };
  let index = 0;
  for await (const input of pictures) {
    if (signal?.aborted) {
      result.checked.push({ index, name: nameOf(input), ...NOT_READ });
    } else {
      try {
        const checked = await checkPictureInput(input, index, openFile, maxItemBytes, thorough);
        result.checked.push(checked);
      } catch (error) {
        if (!(collect && error instanceof PictureError)) throw error;
        result.problems.push(error);
      }
    }
    index++;
  }

  return result;
}
