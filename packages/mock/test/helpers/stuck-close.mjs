// Preloaded into the mock's command by tests of how it stops: STUCK_CLOSE=hang makes
// closing any HTTP server never finish; STUCK_CLOSE=fail makes it fail with an error.
import http from "node:http";

const close = http.Server.prototype.close;
http.Server.prototype.close = function stuckClose(callback) {
  if (process.env.STUCK_CLOSE === "hang") {
    process.stderr.write("CLOSE HELD\n");
    return this;
  }

  return close.call(this, () => callback?.(new Error("the test made closing fail")));
};
