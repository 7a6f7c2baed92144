// autocannon setupRequest (a file, so its worker threads can load it): every /strike command gets its
// own trigger_id, as Slack gives each invocation one, and is signed again. Without it the bot would
// rightly drop the repeats as replays.
const { createHmac, randomUUID } = require("node:crypto");

const SECRET = "0123456789abcdef0123456789abcdef";

module.exports = (request) => {
  const body = request.body.replace(/trigger_id=[^&]*/, `trigger_id=${randomUUID()}`);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac("sha256", SECRET).update(`v0:${timestamp}:${body}`).digest("hex");
  return {
    ...request,
    body,
    headers: {
      ...request.headers,
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": `v0=${signature}`,
    },
  };
};
