// Preloaded into the CLI by tests of its terminal output: stdout and stderr (pipes to the
// test) claim to be an 80-column terminal, so the progress bar and its escapes are drawn.
for (const stream of [process.stdout, process.stderr]) {
  stream.isTTY = true;
  stream.columns = 80;
  stream.rows = 24;
}
