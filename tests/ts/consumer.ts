// A strict TypeScript consumer of the package: compiled with `tsc --strict --noEmit` in `make test`.
import {
  version,
  init,
  ApiError,
  WebhookError,
  StreamingError,
  type Stream,
  type Broadcast,
  type Video,
  type ConvertedVideo,
  type StartRecordingResult,
  type StreamParams,
  type BroadcastParams,
  type BroadcastStatus,
  type VideoStatus,
  type ListVideosQuery,
  type WebhookErrorCode,
  type ApiErrorCode,
  type LiveSessionState,
  StreamingClient,
  LiveSession,
  type ApiComponents,
} from "gcore-streaming";
import * as webhookEntry from "gcore-streaming/webhook";
import * as sandboxEntry from "gcore-streaming/sandbox";
import { uploadVideo, StreamingError as UploadError } from "gcore-streaming/upload";
import type { DirectUploadParams, UploadVideoOptions, UploadVideoResult } from "gcore-streaming/upload";

await init();
const v: string = version();
const v2: string = webhookEntry.version() + sandboxEntry.version();

const create: StreamParams = { name: "test_stream", active: false, uri: null, transcoding_region: "ix1", webrtc: false };
const live: BroadcastParams = { status: "live" };
const status: BroadcastStatus = "finished";
const future: VideoStatus = "archived"; // open enums accept unknown values
const query: ListVideosQuery = { page: 1, per_page: 25, stream_id: 320423, status: "ready" };

function describe(s: Stream, b: Broadcast, video: Video): string {
  const renditions: ConvertedVideo[] = video.converted_videos ?? [];
  const ready = renditions.filter((r) => r.status === "complete").map((r) => r.name ?? "?");
  const id: number = s.id;
  const legacy = s["rtmp_play_url"]; // unknown fields stay reachable, typed as JSON
  return `${id} ${s.live ? "live" : "off"} ${b.status ?? "?"} ${video.duration ?? 0}ms ${ready.join(",")} ${JSON.stringify(legacy)}`;
}

function warnings(r: StartRecordingResult): string[] {
  return r.warnings.map((w) => w.key ?? "unknown");
}

function explain(err: unknown): string {
  if (err instanceof ApiError) {
    const code: ApiErrorCode = err.code;
    return `${err.status} ${code} ${JSON.stringify(err.fields)} retryable=${err.retryable}`;
  }
  if (err instanceof WebhookError) {
    const code: WebhookErrorCode = err.code;
    return `${code} at ${err.path}`;
  }
  if (err instanceof StreamingError) return err.code;
  return String(err);
}

// The client's JS parts (pkg-template/session.js, pages.js) are typed like the generated ones.
async function stages(client: StreamingClient): Promise<number[]> {
  const session: LiveSession = await LiveSession.setup(client, { stream: create, broadcast: { name: "b" } });
  const b: Broadcast = await session.goLive({ timeoutMs: 5000 });
  const paused: Video | null = await session.pause({ stopRecording: true });
  const state: LiveSessionState = LiveSession.attach(client, session.state).state;
  const ids: number[] = [b.id ?? 0, paused?.id ?? 0, state.stream.id];
  for await (const video of client.videos(query)) ids.push(video.id);
  const broadcasts: AsyncIterableIterator<Broadcast> = client.broadcasts(undefined, { maxRetries: 0 });
  const first = await broadcasts.next();
  if (!first.done) ids.push(first.value.id ?? 0);
  await broadcasts.return?.();
  const woke: boolean = session.notifyVideo({ id: 1 });
  return woke ? ids : [];
}

// The upload entry: the server's direct-upload parameters in, a typed result or StreamingError out;
// a sandbox's fetch as the upload's HTTP stack.
async function upload(file: File, params: DirectUploadParams, signal: AbortSignal, sandbox?: sandboxEntry.Sandbox): Promise<number> {
  const options: UploadVideoOptions = { signal, chunkSize: 5 * 1024 * 1024, onProgress: (sent, total) => sent / total };
  if (sandbox) options.fetch = sandbox.fetch;
  try {
    const r: UploadVideoResult = await uploadVideo(file, params, options);
    return r.size ?? 0;
  } catch (e) {
    if (e instanceof UploadError && (e.code === "token_rejected" || e.code === "upload_refused")) return -1;
    throw e;
  }
}

// The whole API (the generated namespaces of pkg-template/api.d.ts): parameters and results typed by
// the spec's operations.
async function wholeApi(client: StreamingClient, signal: AbortSignal): Promise<string[]> {
  const out: string[] = [];
  const player = await client.players.get(5, { signal, maxRetries: 1 });
  out.push(player.name);
  const views = await client.statistics.getViews({ date_from: "2024-05-01T00:00:00Z", date_to: "2024-05-31T23:59:59Z", group: ["host", "os"] });
  out.push(JSON.stringify(views));
  const subtitles = await client.videos.subtitles.list(7);
  for (const s of subtitles) out.push(s.language ?? "");
  const overlay = await client.streams.overlays.update(3, { stream_id: 5, x: 10 });
  out.push(String(overlay.id));
  const created = await client.streams.overlays.create(5, { body: [{ url: "https://example.com/o.html", width: 100 }] });
  out.push(String(created.length));
  await client.streams.clearDvr(5, { timeoutMs: 1000 });
  const task = await client.aiTasks.create({ task_name: "transcription", url: "https://example.com/v.mp4" });
  out.push(task.task_id);
  const stream: Stream = await client.streams.create({ name: "s" });
  out.push(stream.name ?? "");
  for await (const p of client.players()) out.push(p.name ?? "");
  for await (const t of client.aiTasks({ status: "SUCCESS" })) out.push(t.task_id ?? "");
  for await (const s of client.streams({ with_broadcasts: true })) out.push(s.name ?? "");
  // @ts-expect-error: stream_id is required (a path parameter given by keyword).
  await client.streams.overlays.get(3, {});
  // @ts-expect-error: a player id is a number.
  await client.players.get("5");
  const schema: ApiComponents["schemas"]["player"]["name"] = player.name;
  return [...out, schema];
}

export { v, v2, create, live, status, future, query, describe, warnings, explain, stages, upload, wholeApi };
