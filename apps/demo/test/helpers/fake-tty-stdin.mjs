// Preloaded into the CLI by tests of what it does at a terminal: stdin (a pipe from the
// test) claims to be one, as it is when someone types at the prompt.
process.stdin.isTTY = true;
