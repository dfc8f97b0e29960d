// The smoke program under Jest's defaults (CommonJS, testEnvironment node, no config).
// Writes its result to smoke-result.json for the runner to compare with the packed tarball.
const { writeFileSync } = require("node:fs");
const { version, parseWebhook, WebhookTracker, StreamingClient } = require("gcore-streaming");
const { Sandbox } = require("gcore-streaming/sandbox");

// The integration guide's step-4 webhook: the publisher connected.
const BODY = '{"type":"stream","message":{"stream":{"id":320423,"live":true,"recording":false}}}';

test("smoke", async () => {
  const event = parseWebhook(BODY);
  const tracker = new WebhookTracker();
  tracker.apply(event);
  const sandbox = new Sandbox({ apiKey: "smoke-key" });
  const client = new StreamingClient({ apiKey: "smoke-key", fetch: sandbox.fetch, maxRetries: 0 });
  const stream = await client.createStream({ name: "smoke", active: false });
  const result = { version: version(), type: event.type, stage: tracker.stage(320423), streamId: stream.id };
  writeFileSync(`${__dirname}/smoke-result.json`, JSON.stringify(result));
  expect(result).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+/), type: "stream", stage: "setup", streamId: 320423 });
});
