export interface EmbeddedMock {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the mock API on a free loopback port. It is imported only here, on demand: it
 * loads Prism, which costs time that --help and real targets should not pay.
 */
export async function startEmbeddedMock(): Promise<EmbeddedMock> {
  try {
    const { startMock } = await import("@adultwork-api/mock");

    return await startMock();
  } catch (error) {
    throw new Error(
      `the embedded mock could not start (${(error as Error).message}). Build it with ` +
        "`pnpm build` at the repository root, or pass --target or --base-url.",
      { cause: error },
    );
  }
}
