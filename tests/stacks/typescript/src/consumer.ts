// A consumer of the three entries, compiled with the DOM lib off and skipLibCheck off, so every
// type the package's .d.ts files name must come from ES2022 (or @types/node where the config has it).
import {
  init,
  version,
  parseWebhook,
  WebhookTracker,
  StreamingClient,
  type Stage,
  type WebhookEvent,
} from "gcore-streaming";
import { init as initWebhook, parseWebhook as parseOnly, WebhookTracker as EdgeTracker } from "gcore-streaming/webhook";
import { init as initSandbox, Sandbox } from "gcore-streaming/sandbox";

// The integration guide's step-4 webhook: the publisher connected.
const BODY = '{"type":"stream","message":{"stream":{"id":320423,"live":true,"recording":false}}}';

export interface SmokeResult {
  version: string;
  type: WebhookEvent["type"];
  stage: Stage | null;
  streamId: number;
}

export async function smoke(): Promise<SmokeResult> {
  await init();
  await initWebhook();
  await initSandbox();
  const event: WebhookEvent = parseWebhook(BODY);
  const tracker = new WebhookTracker();
  tracker.apply(event);
  const edge = new EdgeTracker();
  edge.apply(parseOnly(BODY, { maxBytes: 65536 }));
  const sandbox = new Sandbox({ apiKey: "smoke-key" });
  const client = new StreamingClient({ apiKey: "smoke-key", fetch: sandbox.fetch, maxRetries: 0 });
  const stream = await client.createStream({ name: "smoke", active: false });
  const stage: Stage | null = tracker.stage(stream.id) ?? edge.stage(320423);
  return { version: version(), type: event.type, stage, streamId: stream.id };
}
