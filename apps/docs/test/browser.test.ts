import { mkdir } from "node:fs/promises";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slug } from "../scripts/build-page.mjs";
import { listOperations } from "../scripts/inject-samples.mjs";
import { docsRoot, outDir } from "../scripts/paths.mjs";
import { serveDirectory } from "../scripts/static-server.mjs";
import { readSpec } from "./support/built.js";
import { CHROMIUM_ARGS, findChromium, isCi, MISSING_CHROMIUM } from "./support/chromium.js";

const chromiumPath = findChromium();
const screenshotDir = `${docsRoot}test-output`;
const spec = await readSpec();
const operations = listOperations(spec);
const openSection = slug(spec.tags?.[0]?.name ?? "");
const firstOperationId = operations[0]?.operationId.toLowerCase();

if (!chromiumPath && isCi) throw new Error(`CI is set, and ${MISSING_CHROMIUM}`);
if (!chromiumPath) {
  // A newcomer without Chromium gets a green run, but never a quiet one.
  // biome-ignore lint/suspicious/noConsole: the skip must stand out in the test output
  console.warn(
    `\n${"!".repeat(78)}\n  BROWSER TEST SKIPPED: ${MISSING_CHROMIUM}\n${"!".repeat(78)}\n`,
  );
}

describe.skipIf(!chromiumPath)(
  `the docs page in Chromium${chromiumPath ? "" : " [SKIPPED: chromium is not installed]"}`,
  () => {
    let browser: Browser;
    let page: Page;
    let server: Awaited<ReturnType<typeof serveDirectory>>;
    const otherHosts: string[] = [];
    const pageErrors: string[] = [];

    beforeAll(async () => {
      server = await serveDirectory(outDir);
      const executablePath = chromiumPath as string; // this block is skipped without it
      browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
      page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      page.on("pageerror", (error) => pageErrors.push(error.message));

      const origin = new URL(server.url).origin;
      await page.route("**/*", (route) => {
        const url = route.request().url();
        if (new URL(url).origin === origin || /^(data|blob):/.test(url)) return route.continue();

        otherHosts.push(url);
        return route.abort("blockedbyclient");
      });
      // What the page's own Content-Security-Policy stops before any request is made.
      await page.addInitScript(() => {
        const seen: string[] = [];
        Object.assign(window, { cspViolations: seen });
        document.addEventListener("securitypolicyviolation", (event) => {
          seen.push(`${event.effectiveDirective} ${event.blockedURI}`);
        });
      });

      await page.goto(server.url);
      // Drawn: the route the page opens has put the first operation's section in the page.
      await page
        .locator(`[data-section-id="/${openSection}/${firstOperationId}"]`)
        .getByText("Required scopes")
        .waitFor();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it("starts at the top, on the introduction, with the operations drawn below it", async () => {
      const { height } = page.viewportSize() as { height: number };
      const title = page.getByRole("heading", {
        level: 1,
        name: spec.info?.title ?? "the spec has no title",
      });
      const titleBox = await title.boundingBox();
      const tokenHeading = page.getByRole("heading", { level: 2, name: "Getting an access token" });

      expect(new URL(page.url()).hash).toBe(`#/${openSection}#redoc`);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      expect(await title.isVisible()).toBe(true);
      expect(titleBox?.y).toBeGreaterThanOrEqual(0);
      expect((titleBox?.y ?? height) + (titleBox?.height ?? 0)).toBeLessThanOrEqual(height);
      expect(await tokenHeading.count()).toBe(1);

      // Each operation's section is in the page already; the next tests scroll to them.
      for (const { operationId } of operations) {
        const section = page.locator(`[data-section-id$="/${operationId.toLowerCase()}"]`);
        expect(await section.count()).toBe(1);
      }
      await page.screenshot({ path: `${screenshotDir}/docs-page.png` });
    });

    it("lists every operation in the sidebar", async () => {
      const sidebar = page.locator('[data-component-name="Menu/Menu"]').first();
      const entries = await sidebar.innerText();

      for (const { operation } of operations) {
        expect(entries.replace(/\s+/g, " ")).toContain(operation.summary);
      }
    });

    it.each(operations)(
      "shows the scope, the rules, the samples, the example and the answers of $operationId",
      async ({ operationId, path, operation }) => {
        const section = page.locator(`[data-section-id$="/${operationId.toLowerCase()}"]`);
        // Redoc renders a section once it nears the viewport, which moves it: scroll to it,
        // as a reader would, then once more to its top when it is drawn.
        await section.evaluate((element) => element.scrollIntoView());
        await section.getByText("Required scopes").waitFor();
        await section.evaluate((element) => element.scrollIntoView());

        const text = await section.innerText();
        expect(text).toMatch(/Required scopes:\s*profile_gallery/);
        expect(text).toContain(firstSentence(operation.description));
        expect(text).toContain("import { createClient, SANDBOX_URL }");
        expect(text).toContain(`curl --fail-with-body`);
        expect(text).toContain(`POST\n${path}`);
        expect(text).toContain('"Image": "/9j/'); // the request example, in the sample panel

        // Every answer shows twice: as a tab in Responses, and with its meaning in Answers.
        const tabs = await section.locator('[id$="/responses"]').innerText();
        for (const code of Object.keys(operation.responses as object)) {
          expect(tabs).toContain(code);
          expect(text).toMatch(new RegExp(`\\b${code}: \\S`));
        }

        await page.screenshot({ path: `${screenshotDir}/docs-${operationId}.png` });
      },
    );

    it("reaches the OAuth flows through the security details", async () => {
      await page.getByText("View security details").first().click();

      await page.getByText("https://platform.adultwork.com/OAuth/token").first().waitFor();
      await page.screenshot({ path: `${screenshotDir}/docs-security.png` });
    });

    it("fetches nothing from another host and throws no page error", async () => {
      const blockedByPolicy = await page.evaluate(
        () => (window as unknown as { cspViolations: string[] }).cspViolations,
      );

      expect(otherHosts).toEqual([]);
      // Both refusals have a fallback built into Redoc: the sidebar leaves Redocly's logo
      // out, and search indexes in the page instead of in a worker made with Function().
      expect([...new Set(blockedByPolicy)].sort()).toEqual([
        "img-src https://cdn.redoc.ly/redoc/logo-mini-full.svg",
        "script-src eval",
      ]);
      expect(pageErrors).toEqual([]);
    });
  },
);

// The rendered markdown drops backticks and list marks, so compare plain words.
function firstSentence(description: unknown): string {
  return String(description).split(".")[0]?.replace(/\s+/g, " ").replaceAll("`", "") ?? "";
}

await mkdir(screenshotDir, { recursive: true });
