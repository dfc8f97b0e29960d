// The payloads the benchmarks use: the guide's webhooks from tests/fixtures/webhooks.
import { fixture, rng } from "./lib.mjs";

/** The guide's steps (weight 2: what every live event sends) and the other documented variants (weight 1). */
export const WEIGHTS = {
  "step04_stream_live.json": 2,
  "step06_broadcast_live.json": 2,
  "step08_recording_started.json": 2,
  "step10_recording_stopped.json": 2,
  "step11_video_pending.json": 2,
  "step13_broadcast_finished.json": 2,
  "step15_stream_ended.json": 2,
  "step17_video_viewable.json": 2,
  "step18_video_ready.json": 2,
  "interruption_stream_down.json": 1,
  "interruption_broadcast_paused.json": 1,
  "factsheet_stream_full.json": 1,
  "factsheet_stream_string_user.json": 1,
  "factsheet_video_ready.json": 1,
  "factsheet_vod_alias.json": 1,
  "factsheet_video_delete.json": 1,
  "factsheet_restream.json": 1,
  "factsheet_restream_legacy_active.json": 1,
};

/** `count` bodies (strings) in a deterministic shuffled order, each fixture as often as its weight says. */
export function webhookMix(count = 4096, seed = 8) {
  const pool = [];
  for (const [name, w] of Object.entries(WEIGHTS)) {
    const body = fixture(`webhooks/${name}`).trim();
    for (let i = 0; i < w; i++) pool.push(body);
  }
  const out = [];
  while (out.length < count) out.push(...pool);
  out.length = count;
  const r = rng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function mixStats(bodies) {
  const bytes = bodies.reduce((a, b) => a + Buffer.byteLength(b), 0);
  return { payloads: Object.keys(WEIGHTS).length, mean_bytes: Math.round(bytes / bodies.length) };
}

/** Invalid bodies both validators must reject (a sanity check of "the same rules"). */
export const INVALID = [
  "not json",
  "[]",
  '{"message":{"stream":{"id":1,"live":true}}}',
  '{"type":"stream"}',
  '{"type":"stream","message":null}',
  '{"type":"nope","message":{}}',
  '{"type":"stream","message":[]}',
  '{"type":"stream","message":{}}',
  '{"type":"stream","message":{"stream":{"live":true}}}',
  '{"type":"stream","message":{"stream":{"id":0,"live":true}}}',
  '{"type":"stream","message":{"stream":{"id":-3,"live":true}}}',
  '{"type":"stream","message":{"stream":{"id":1.5,"live":true}}}',
  '{"type":"stream","message":{"stream":{"id":9007199254740992,"live":true}}}',
  '{"type":"stream","message":{"stream":{"id":"1","live":true}}}',
  '{"type":"stream","message":{"stream":{"id":1}}}',
  '{"type":"stream","message":{"stream":{"id":1,"live":null}}}',
  '{"type":"stream","message":{"stream":{"id":1,"live":"yes"}}}',
  '{"type":"stream","message":{"stream":{"id":1,"live":true,"recording":1}}}',
  '{"type":"stream","message":{"stream":{"id":1,"live":true,"client_user_id":-1}}}',
  '{"type":"stream","message":{"stream":{"id":1,"live":true,"client_user_id":true}}}',
  '{"type":"stream","message":{"stream":{"id":1,"live":true,"uri":5}}}',
  '{"type":"video","message":{"video":{"id":1}}}',
  '{"type":"video","message":{"video":{"id":1,"status":["ready"]}}}',
  '{"type":"video","message":{"video":{"id":1,"status":"ready","duration":-1}}}',
  '{"type":"video","message":{"video":{"id":1,"status":"ready","stream_id":0}}}',
  '{"type":"video","message":{"video":{"id":1,"status":"ready","converted_videos":{}}}}',
  '{"type":"video","message":{"video":{"id":1,"status":"ready","converted_videos":[1]}}}',
  '{"type":"video","message":{"video":{"id":1,"status":"ready","converted_videos":[{"status":3}]}}}',
  '{"type":"video_delete","message":{"video":{"id":1,"status":false}}}',
  '{"type":"video_delete","message":{"stream":{"id":1}}}',
  '{"type":"restream","message":{"restream":{"id":0}}}',
  '{"type":"restream","message":{"restream":{"id":1,"active":"no"}}}',
  '{"type":"broadcast","message":{"broadcast":{"id":1}}}',
  '{"type":"broadcast","message":{"broadcast":{"id":1,"status":null}}}',
  '{"type":"broadcast","message":{"broadcast":{"id":1,"status":"live","stream_ids":[0]}}}',
  '{"type":"broadcast","message":{"broadcast":{"id":1,"status":"live","stream_ids":5}}}',
];

/** Valid edge cases both validators must accept with the same result. */
export const VALID_EDGE = [
  '{"type":"stream","message":{"stream":{"id":9007199254740991,"live":false,"client_user_id":0,"x":{"y":[1]}}},"extra":1}',
  '{"type":"stream","message":{"stream":{"id":1,"live":true,"recording":null,"client_user_id":"abc"}}}',
  '{"type":"video","message":{"video":{"id":1,"status":"READY","converted_videos":[{"status":"newthing","bitrate":5}]}}}',
  '{"type":"video_delete","message":{"video":{"id":2}}}',
  '{"type":"broadcast","message":{"broadcast":{"id":1,"status":"Live","stream_ids":[3,4],"name":"b"}}}',
  '{"type":"restream","message":{"restream":{"id":7,"stream_id":null}}}',
  // Statuses outside the documented values are kept as sent.
  '{"type":"video","message":{"video":{"id":1,"status":"new"}}}',
  '{"type":"broadcast","message":{"broadcast":{"id":1,"status":"Scheduled"}}}',
];
