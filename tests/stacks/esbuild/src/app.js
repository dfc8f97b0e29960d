// The smoke program in a page: what the README's quick start says a browser app writes.
import { init, version, parseWebhook, WebhookTracker, StreamingClient } from "gcore-streaming";
import { init as initSandbox, Sandbox } from "gcore-streaming/sandbox";

// The integration guide's step-4 webhook: the publisher connected.
const BODY = '{"type":"stream","message":{"stream":{"id":320423,"live":true,"recording":false}}}';

export async function smoke() {
  await init();
  await initSandbox();
  const event = parseWebhook(BODY);
  const tracker = new WebhookTracker();
  tracker.apply(event);
  const sandbox = new Sandbox({ apiKey: "smoke-key" });
  const client = new StreamingClient({ apiKey: "smoke-key", fetch: sandbox.fetch, maxRetries: 0 });
  const stream = await client.createStream({ name: "smoke", active: false });
  return { version: version(), type: event.type, stage: tracker.stage(320423), streamId: stream.id };
}

function show(id, text) {
  const pre = document.createElement("pre");
  pre.id = id;
  pre.textContent = text;
  document.body.append(pre);
}

smoke().then(
  (result) => show("result", JSON.stringify(result)),
  (error) => show("error", String((error && error.stack) || error)),
);
