// A cold in-process start: import the mock and start it, in a fresh process,
// as a test file would. Prints the milliseconds from before the import to ready.

const start = performance.now();
const { startMock } = await import("@adultwork-api/mock");
const mock = await startMock();
const milliseconds = performance.now() - start;

await mock.close();
process.stdout.write(`${JSON.stringify({ milliseconds })}\n`);
