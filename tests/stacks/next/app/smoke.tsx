"use client";
// The smoke program in a client component (server-rendered at build time, run in the browser).
import { useEffect, useState } from "react";
import { init, version, parseWebhook, WebhookTracker, StreamingClient } from "gcore-streaming";
import { init as initSandbox, Sandbox } from "gcore-streaming/sandbox";

// The integration guide's step-4 webhook: the publisher connected.
const BODY = '{"type":"stream","message":{"stream":{"id":320423,"live":true,"recording":false}}}';

async function smoke() {
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

export default function Smoke() {
  const [out, setOut] = useState<{ id: "result" | "error"; text: string } | null>(null);
  useEffect(() => {
    smoke().then(
      (result) => setOut({ id: "result", text: JSON.stringify(result) }),
      (error: unknown) => setOut({ id: "error", text: String((error instanceof Error && error.stack) || error) }),
    );
  }, []);
  return out ? <pre id={out.id}>{out.text}</pre> : <p>running</p>;
}
