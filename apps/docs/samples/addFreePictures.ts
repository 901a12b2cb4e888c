// Adds two JPEG files to the free gallery of the user who owns the access token.
import { createClient, SANDBOX_URL } from "@adultwork-api/client";

const client = createClient({
  accessToken: process.env.ADULTWORK_ACCESS_TOKEN ?? "",
  baseUrl: process.env.ADULTWORK_BASE_URL ?? SANDBOX_URL,
});

// Reads, encodes and batches the files. To send one body exactly as you built it,
// call client.addFreePictures({ Pictures: [{ Description, Image }] }) instead.
const report = await client.uploadPictures([
  { image: "beach.jpg", description: "My free image" },
  { image: "sunset.jpg", description: "My free image 2" },
]);

for (const outcome of report.outcomes) {
  console.log(`${outcome.name}: ${outcome.status} ${outcome.reason ?? ""}`.trim());
}
process.exitCode = report.uploaded === report.outcomes.length ? 0 : 1;
