// The smoke program on Bun (a server runtime: no init()). Prints its JSON result.
import { version, parseWebhook, WebhookTracker, StreamingClient } from "gcore-streaming";
import { Sandbox } from "gcore-streaming/sandbox";

// The integration guide's step-4 webhook: the publisher connected.
const BODY = '{"type":"stream","message":{"stream":{"id":320423,"live":true,"recording":false}}}';

const event = parseWebhook(BODY);
const tracker = new WebhookTracker();
tracker.apply(event);
const sandbox = new Sandbox({ apiKey: "smoke-key" });
const client = new StreamingClient({ apiKey: "smoke-key", fetch: sandbox.fetch, maxRetries: 0 });
const stream = await client.createStream({ name: "smoke", active: false });
console.log(JSON.stringify({ version: version(), type: event.type, stage: tracker.stage(320423), streamId: stream.id }));
