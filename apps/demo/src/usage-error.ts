/** A problem with the command line or its inputs, found before anything is sent (exit 2). */
export class UsageError extends Error {
  override name = "UsageError";
}
