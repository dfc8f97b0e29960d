// The integration guide's four stages and 19 steps, as data.
//
// A "call" step runs one SDK call (`run(ctx)`); a "webhook" step turns done when a validated webhook
// matching `match(event, ids)` arrives after the call that causes it (`after`) has started.

export const STAGES = [
  { id: "setup", title: "Stage 1 · Setup", blurb: "The user of your app creates a stream." },
  { id: "test", title: "Stage 2 · Test", blurb: "The user tests the broadcast." },
  { id: "live", title: "Stage 3 · Live", blurb: "The user starts streaming; the broadcast is visible to the audience." },
  { id: "stop", title: "Stage 4 · Stop", blurb: "The user stops streaming; the recording is processed." },
];

const streamOf = (ev, ids) => ev.type === "stream" && ev.stream.id === ids.stream ? ev.stream : null;
const broadcastOf = (ev, ids) => ev.type === "broadcast" && ev.broadcast.id === ids.broadcast ? ev.broadcast : null;
const videoOf = (ev, ids) => {
  if (ev.type !== "video") return null;
  const v = ev.video;
  if (ids.video != null) return v.id === ids.video ? v : null;
  return v.stream_id === ids.stream ? v : null;
};

/** The stream created in step 1, as the guide's sample payload has it (minus the account's cdn_id). */
export const streamParams = (region) => ({
  name: "test_stream",
  pull: false,
  uri: null,
  active: false,
  transcoding_region: region,
  auto_record: false,
  webrtc: false,
  dvr_enabled: false,
  projection: "regular",
});

const broadcastParams = (streamId) => ({
  name: "test_broadcast",
  status: "pending",
  share_url: "",
  custom_iframe_url: "",
  show_dvr_after_finish: false,
  pending_message: "Please wait ...",
  ad_id: null,
  stream_ids: [streamId],
});

export const STEPS = [
  {
    n: 1, stage: "setup", kind: "call", title: "Create a stream",
    method: "POST", path: () => "/streaming/streams",
    sdk: (ids, ctx) => `client.createStream({ name: "test_stream", active: false, transcoding_region: "${ctx.region}", … })`,
    note: "Created inactive, so it does not count against the quota of concurrent active streams. Pick the transcoding region near the user.",
    async run({ client, ids, region }) {
      const stream = await client.createStream(streamParams(region));
      ids.stream = stream.id;
      return { result: stream, apply: "stream" };
    },
  },
  {
    n: 2, stage: "setup", kind: "call", title: "Create a broadcast",
    method: "POST", path: () => "/streaming/broadcasts",
    sdk: (ids) => `client.createBroadcast({ name: "test_broadcast", status: "pending", stream_ids: [${ids.stream ?? "id"}] })`,
    note: "Bound to the stream through stream_ids, status pending.",
    async run({ client, ids }) {
      let broadcast = await client.createBroadcast(broadcastParams(ids.stream));
      if (!broadcast) {
        // The spec says creation answers without a body: find the new broadcast by listing.
        const list = await client.listBroadcasts();
        broadcast = list.find((b) => b.name === "test_broadcast" && (b.stream_ids ?? []).includes(ids.stream)) ?? null;
        if (!broadcast) throw new Error("The broadcast was created without a body and could not be found by listing.");
      }
      ids.broadcast = broadcast.id;
      return { result: broadcast, apply: "broadcast" };
    },
  },
  {
    n: 3, stage: "setup", kind: "call", title: "Enable the stream",
    method: "PATCH", path: (ids) => `/streaming/streams/${ids.stream ?? "{id}"}`,
    sdk: (ids) => `client.updateStream(${ids.stream ?? "id"}, { active: true })`,
    note: "The user can now publish; the publisher (OBS, a mobile app…) connects to the push URL.",
    async run({ client, ids }) {
      return { result: await client.updateStream(ids.stream, { active: true }), apply: "stream" };
    },
  },
  {
    n: 4, stage: "setup", kind: "webhook", title: "Webhook: the stream is ready for playback", after: 3,
    hook: "stream · live: true, transcoding: true",
    note: "Ingest starts first (live: true, transcoding: false: players still get 404); transcoding: true means playback is ready. A payload without transcoding (older ones) counts as ready.",
    match: (ev, ids) => {
      const s = streamOf(ev, ids);
      return s?.live === true && s.transcoding !== false;
    },
  },
  {
    n: 5, stage: "test", kind: "call", title: "Change the broadcast status to Live",
    method: "PATCH", path: (ids) => `/streaming/broadcasts/${ids.broadcast ?? "{id}"}`,
    sdk: (ids) => `client.updateBroadcast(${ids.broadcast ?? "id"}, { status: "live" })`,
    async run({ client, ids }) {
      return { result: await client.updateBroadcast(ids.broadcast, { status: "live" }), apply: "broadcast" };
    },
  },
  {
    n: 6, stage: "test", kind: "webhook", title: "Webhook: the broadcast is Live", after: 5,
    hook: "broadcast · status: live",
    match: (ev, ids) => broadcastOf(ev, ids)?.status === "live",
  },
  {
    n: 7, stage: "live", kind: "call", title: "Start recording",
    method: "PUT", path: (ids) => `/streaming/streams/${ids.stream ?? "{id}"}/start_recording`,
    sdk: (ids) => `client.startRecording(${ids.stream ?? "id"})`,
    note: "204 means success; a 200 carries storage warnings.",
    async run({ client, ids }) {
      return { result: await client.startRecording(ids.stream), apply: null };
    },
  },
  {
    n: 8, stage: "live", kind: "webhook", title: "Webhook: recording has started", after: 7,
    hook: "stream · recording: true",
    match: (ev, ids) => streamOf(ev, ids)?.recording === true,
  },
  {
    n: 9, stage: "stop", kind: "call", title: "Stop recording",
    method: "PUT", path: (ids) => `/streaming/streams/${ids.stream ?? "{id}"}/stop_recording`,
    sdk: (ids) => `tracker.expectStop(${ids.stream ?? "id"}); client.stopRecording(${ids.stream ?? "id"})`,
    note: "The answer is the recorded video. expectStop tells the tracker the coming live:false is not an interruption.",
    async run({ client, ids, tracker, now }) {
      ids.video = null;
      tracker.expectStop(ids.stream, now());
      const video = await client.stopRecording(ids.stream);
      if (video) ids.video = video.id;
      return { result: video, apply: video ? "video" : null };
    },
  },
  {
    n: 10, stage: "stop", kind: "webhook", title: "Webhook: recording has stopped", after: 9,
    hook: "stream · recording: false",
    match: (ev, ids) => streamOf(ev, ids)?.recording === false,
  },
  {
    n: 11, stage: "stop", kind: "webhook", title: "Webhook: the video is being processed", after: 9,
    hook: "video · status: pending",
    match: (ev, ids) => {
      const v = videoOf(ev, ids);
      if (v?.status !== "pending") return false;
      ids.video = v.id;
      return true;
    },
  },
  {
    n: 12, stage: "stop", kind: "call", title: "Change the broadcast status to Finished",
    method: "PATCH", path: (ids) => `/streaming/broadcasts/${ids.broadcast ?? "{id}"}`,
    sdk: (ids) => `client.updateBroadcast(${ids.broadcast ?? "id"}, { status: "finished" })`,
    async run({ client, ids }) {
      return { result: await client.updateBroadcast(ids.broadcast, { status: "finished" }), apply: "broadcast" };
    },
  },
  {
    n: 13, stage: "stop", kind: "webhook", title: "Webhook: the broadcast is Finished", after: 12,
    hook: "broadcast · status: finished",
    match: (ev, ids) => broadcastOf(ev, ids)?.status === "finished",
  },
  {
    n: 14, stage: "stop", kind: "call", title: "Disable the stream",
    method: "PATCH", path: (ids) => `/streaming/streams/${ids.stream ?? "{id}"}`,
    sdk: (ids) => `client.updateStream(${ids.stream ?? "id"}, { active: false })`,
    note: "The answer may still say live: true (as in the guide's sample); the live:false webhook follows.",
    async run({ client, ids, tracker, now }) {
      tracker.expectStop(ids.stream, now());
      return { result: await client.updateStream(ids.stream, { active: false }), apply: "stream" };
    },
  },
  {
    n: 15, stage: "stop", kind: "webhook", title: "Webhook: the stream has ended", after: 14,
    hook: "stream · live: false",
    match: (ev, ids) => streamOf(ev, ids)?.live === false,
  },
  {
    n: 16, stage: "stop", kind: "call", title: "Delete the broadcast",
    method: "DELETE", path: (ids) => `/streaming/broadcasts/${ids.broadcast ?? "{id}"}`,
    sdk: (ids) => `client.deleteBroadcast(${ids.broadcast ?? "id"})`,
    note: "204 means success.",
    async run({ client, ids }) {
      await client.deleteBroadcast(ids.broadcast);
      return { result: null, apply: null };
    },
  },
  {
    n: 17, stage: "stop", kind: "webhook", title: "Webhook: the video is partially processed", after: 9,
    hook: "video · status: viewable",
    match: (ev, ids) => videoOf(ev, ids)?.status === "viewable",
  },
  {
    n: 18, stage: "stop", kind: "webhook", title: "Webhook: the video is completely processed", after: 9,
    hook: "video · status: ready",
    match: (ev, ids) => videoOf(ev, ids)?.status === "ready",
  },
  {
    n: 19, stage: "stop", kind: "call", title: "Get the video's information",
    method: "GET", path: (ids) => `/streaming/videos/${ids.video ?? "{id}"}`,
    sdk: (ids) => `client.getVideo(${ids.video ?? "id"})`,
    async run({ client, ids }) {
      return { result: await client.getVideo(ids.video), apply: "video" };
    },
  },
];

/** Pseudo-events for the real-API mode, where the page polls instead of receiving webhooks. */
export function eventsFromPoll(kind, entity) {
  if (kind === "stream") return [{ type: "stream", stream: { id: entity.id, live: !!entity.live, recording: !!entity.recording } }];
  if (kind === "broadcast" && entity.status) return [{ type: "broadcast", broadcast: { id: entity.id, status: entity.status } }];
  if (kind === "video" && entity.status) {
    return [{ type: "video", video: { id: entity.id, status: entity.status, stream_id: entity.stream_id ?? undefined } }];
  }
  return [];
}
