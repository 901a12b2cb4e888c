// Replaced at build time (tsup) and test time (vitest) with package.json's version.
declare const __PACKAGE_VERSION__: string;

/** This package's User-Agent product token. */
export const USER_AGENT = `@adultwork-api/client/${__PACKAGE_VERSION__}`;
