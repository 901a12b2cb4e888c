import { createClient, OptionError, PictureError, type Uploader } from "@adultwork-api/client";
import { inCliWords } from "./client-wording.js";
import { debugFetch } from "./debug-fetch.js";
import type { CheckedFile } from "./inspect-pictures.js";
import { UsageError } from "./usage-error.js";

export interface UploaderSettings {
  token: string;
  baseUrl: string;
  member: number | null;
  timeoutMs?: number | undefined;
  debug?: ((line: string) => void) | undefined;
}

// The planner only sizes requests; this address is never contacted.
const PLANNING_URL = "http://127.0.0.1";

/** The client's uploader for the user's own gallery, or for a member's. */
export function createUploader(settings: UploaderSettings): Uploader {
  try {
    const client = createClient({
      accessToken: settings.token,
      baseUrl: settings.baseUrl,
      timeoutMs: settings.timeoutMs,
      userAgent: "add-free-pictures",
      ...(settings.debug && { fetch: debugFetch(settings.debug) }),
    });

    return settings.member === null ? client : client.forMember(settings.member);
  } catch (error) {
    // The client names the problem without quoting the token.
    if (error instanceof OptionError) throw new UsageError(inCliWords(error.message, undefined));
    throw error;
  }
}

/** An uploader used only to check sizes and plan batches: it sends nothing. */
export function createPlanner(token: string, member: number | null): Uploader {
  return createUploader({ token, baseUrl: PLANNING_URL, member });
}

/** The requests an upload of `pictures` makes, as the client plans them. */
export async function planBatches(
  planner: Uploader,
  pictures: readonly CheckedFile[],
  maxRequestBytes: number,
) {
  try {
    return await planner.planUpload(
      pictures.map((picture) => ({
        image: picture.content,
        description: picture.description,
        name: picture.path,
      })),
      { maxRequestBytes },
    );
  } catch (error) {
    throw changedWhileChecking(error);
  }
}

/**
 * The client checks every picture again before it plans or sends, and refuses all of them
 * if one fails: here that means a file changed after this run checked it.
 */
export function changedWhileChecking(error: unknown): unknown {
  return error instanceof PictureError
    ? new UsageError(
        `${inCliWords(error.message, undefined)} (it changed while the run was checking files)`,
      )
    : error;
}
