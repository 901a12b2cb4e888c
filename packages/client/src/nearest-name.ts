// Lower case with no separators, so baseURL, base_url and baseUrl compare equal.
const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

// Names that other HTTP clients use and that no rule below would link to ours.
const ALIASES: Record<string, string[]> = {
  retries: ["retry", "maxAttempts"],
  maxretries: ["retry", "maxAttempts"],
  parallel: ["concurrency"],
  parallelism: ["concurrency"],
  abort: ["signal"],
};

/** How many one-character edits turn `a` into `b` (Levenshtein distance). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(
        substitution,
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
      );
    }
    previous = current;
  }

  return previous[b.length] as number;
}

const sharedPrefix = (a: string, b: string) => {
  let length = 0;
  while (length < a.length && a[length] === b[length]) length++;
  return length;
};

/**
 * The known name that `name` most likely misspells: the same letters in another case
 * or with separators, a common alias, one that contains it or is contained in it
 * (token -> accessToken), one that starts the same way, or one a typo or two away.
 */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const wanted = squash(name);
  const tests: ((candidate: string) => boolean)[] = [
    (candidate) => candidate === wanted,
    (candidate) => (ALIASES[wanted] ?? []).some((alias) => squash(alias) === candidate),
    (candidate) =>
      Math.min(wanted.length, candidate.length) >= 3 &&
      (candidate.includes(wanted) || wanted.includes(candidate)),
    (candidate) => sharedPrefix(candidate, wanted) >= 6,
    (candidate) => editDistance(candidate, wanted) <= 2,
  ];

  for (const test of tests) {
    const found = known.find((candidate) => test(squash(candidate)));
    if (found) return found;
  }

  return undefined;
}
