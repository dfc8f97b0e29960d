// The smoke program in a route handler (edge runtime): no init() on the server.
import { version, parseWebhook, WebhookTracker, StreamingClient } from "gcore-streaming";
import { Sandbox } from "gcore-streaming/sandbox";

export const runtime = "edge";

// The integration guide's step-4 webhook: the publisher connected.
const BODY = '{"type":"stream","message":{"stream":{"id":320423,"live":true,"recording":false}}}';

export async function GET() {
  try {
    const event = parseWebhook(BODY);
    const tracker = new WebhookTracker();
    tracker.apply(event);
    const sandbox = new Sandbox({ apiKey: "smoke-key" });
    const client = new StreamingClient({ apiKey: "smoke-key", fetch: sandbox.fetch, maxRetries: 0 });
    const stream = await client.createStream({ name: "smoke", active: false });
    return Response.json({ version: version(), type: event.type, stage: tracker.stage(320423), streamId: stream.id });
  } catch (error) {
    return Response.json({ error: String((error instanceof Error && error.stack) || error) }, { status: 500 });
  }
}
