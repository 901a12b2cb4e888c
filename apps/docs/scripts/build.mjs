// Builds out/: the spec bundle with answers and samples added, the Redoc page, and the
// Postman collection.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { buildPage } from "./build-page.mjs";
import { buildPostmanCollection } from "./build-postman.mjs";
import { readSamples, withCodeSamples } from "./inject-samples.mjs";
import { withAnswerList } from "./list-answers.mjs";
import { outDir, outFiles, samplesDir, specBundlePath } from "./paths.mjs";

const spec = JSON.parse(await readFile(specBundlePath, "utf8"));
await mkdir(outDir, { recursive: true });

const documented = withCodeSamples(withAnswerList(spec), await readSamples(samplesDir));
await writeFile(outFiles.openapi, `${JSON.stringify(documented, null, 2)}\n`);

await buildPage({
  openapiPath: outFiles.openapi,
  pagePath: outFiles.page,
  openTag: spec.tags?.[0]?.name ?? "",
});

const collection = await buildPostmanCollection(spec);
await writeFile(outFiles.postman, `${JSON.stringify(collection, null, 2)}\n`);

console.log(`docs: wrote ${Object.values(outFiles).join(", ")}`);
