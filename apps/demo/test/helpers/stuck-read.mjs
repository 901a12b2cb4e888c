// Preloaded into the CLI by tests of a run that hangs: opening a file named stuck.jpg
// never finishes, as on a network disk that stopped answering. It says so on stderr
// once the read has started, and keeps the process alive as the stuck read would.
import fsp from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";

const open = fsp.open;
fsp.open = (path, ...rest) => {
  if (!String(path).endsWith("stuck.jpg")) return open(path, ...rest);

  process.stderr.write("STUCK READ STARTED\n");
  return new Promise(() => setInterval(() => {}, 1 << 30));
};
syncBuiltinESMExports();
