// Preloaded into the CLI by tests that prove it fails before touching the network:
// any DNS lookup or outbound connection ends the process with exit code 99.
import dns from "node:dns";
import net from "node:net";

function deny(what) {
  process.stderr.write(`NETWORK ATTEMPT: ${what}\n`);
  process.exit(99);
}

net.Socket.prototype.connect = function connect(...args) {
  deny(`connect ${JSON.stringify(args[0])}`);
};
dns.lookup = (host) => deny(`lookup ${host}`);
dns.promises.lookup = async (host) => deny(`lookup ${host}`);
globalThis.fetch = async (input) => deny(`fetch ${String(input?.url ?? input)}`);
