// A group manager adds two JPEG files to the free gallery of group member 123456.
import { createClient, SANDBOX_URL } from "@adultwork-api/client";

const client = createClient({
  accessToken: process.env.ADULTWORK_ACCESS_TOKEN ?? "", // the manager's own token
  baseUrl: process.env.ADULTWORK_BASE_URL ?? SANDBOX_URL,
});

const report = await client.forMember(123456).uploadPictures([
  { image: "beach.jpg", description: "My free image" },
  { image: "sunset.jpg", description: "My free image 2" },
]);

for (const outcome of report.outcomes) {
  console.log(`${outcome.name}: ${outcome.status} ${outcome.reason ?? ""}`.trim());
}
process.exitCode = report.uploaded === report.outcomes.length ? 0 : 1;
