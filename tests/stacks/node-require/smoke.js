// The smoke program from CommonJS (this package has no "type": "module"): plain require(), no init().
// Prints its JSON result.
const { version, parseWebhook, WebhookTracker, StreamingClient } = require("gcore-streaming");
const { Sandbox } = require("gcore-streaming/sandbox");

// The integration guide's step-4 webhook: the publisher connected.
const BODY = '{"type":"stream","message":{"stream":{"id":320423,"live":true,"recording":false}}}';

async function main() {
  const event = parseWebhook(BODY);
  const tracker = new WebhookTracker();
  tracker.apply(event);
  const sandbox = new Sandbox({ apiKey: "smoke-key" });
  const client = new StreamingClient({ apiKey: "smoke-key", fetch: sandbox.fetch, maxRetries: 0 });
  const stream = await client.createStream({ name: "smoke", active: false });
  console.log(JSON.stringify({ version: version(), type: event.type, stage: tracker.stage(320423), streamId: stream.id }));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
