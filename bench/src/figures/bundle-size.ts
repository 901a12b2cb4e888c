import { join } from "node:path";
import smallLib from "@size-limit/preset-small-lib";
import sizeLimit from "size-limit";
import { benchDir } from "../client-entries.js";
import type { Figure } from "../figure.js";
import { spreadOf } from "../stats.js";

const LIMIT_BYTES = 4000;

// size-limit writes its entry file to a temp dir; esbuild finds packages from here.
const nodePaths = [join(benchDir, "node_modules")];

/** Minified, gzipped size in bytes of `what` imported from `name`, bundled for a browser. */
async function gzippedBytes(name: string, what: string): Promise<number> {
  const checks = [
    {
      files: [] as string[],
      import: { [name]: what },
      gzip: true,
      modifyEsbuildConfig: (config: object) => ({ ...config, nodePaths }),
    },
  ];
  const [result] = (await sizeLimit(smallLib, { checks })) as { size: number }[];
  if (!result) throw new Error(`size-limit measured nothing for ${what} from ${name}`);

  return result.size;
}

/** Bundle sizes are exact: the same input gives the same bytes, so one run each. */
export async function bundleSize(): Promise<Figure[]> {
  const client = await gzippedBytes("@adultwork-api/client", "{ createClient }");
  const everything = await gzippedBytes("@adultwork-api/client", "*");
  const openapiFetch = await gzippedBytes("openapi-fetch", "createFetchClient");
  const kB = (bytes: number) => spreadOf([bytes / 1000]);

  return [
    {
      name: "browser bundle: client { createClient }",
      against: "openapi-fetch alone",
      unit: "kB gz",
      spread: kB(client),
      goal: { text: "<= 4 kB", pass: () => client <= LIMIT_BYTES },
      note: `${client - openapiFetch} B over openapi-fetch; every export ${everything} B`,
    },
    {
      name: "browser bundle: openapi-fetch alone",
      against: "-",
      unit: "kB gz",
      spread: kB(openapiFetch),
    },
  ];
}
