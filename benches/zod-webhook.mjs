// The baseline a JavaScript user would write: the rules of `parseWebhook` (src/domain/webhook/event/,
// docs/webhooks.md) as a zod 4 schema.
//
// - envelope `{type, message}`; `type` one of stream, video (alias vod), video_delete, restream,
//   broadcast; `message.<key>` an object (video_delete's entity is under `video`)
// - ids: integers 1..2^53-1; `duration` and an integer `client_user_id`: 0..2^53-1
// - `client_user_id`: integer or string
// - every documented field that is present has its type; `null` on an optional field is absent, on a
//   required field it is an error
// - broadcast and video `status`: known values ASCII case-insensitive, returned lower case; any other
//   string kept as sent
// - `stream_source_type`, `converted_videos[].status`: open (any string)
// - unknown fields are kept (loose objects)
// The result has the same flat shape as parseWebhook's: `{ type: "stream", stream: {…} }` (`vod` comes
// back as `video`). One difference is left in on purpose, as a user would write it: optional fields sent
// as `null` stay `null` (parseWebhook drops them).
import { z } from "zod";

const MAX = Number.MAX_SAFE_INTEGER;
const id = z.int().min(1).max(MAX);
const uint = z.int().min(0).max(MAX);
const opt = (t) => t.nullish();
const ci = (values) =>
  z.string().transform((s) => {
    const lower = s.toLowerCase();
    return values.includes(lower) ? lower : s;
  });
const videoStatus = ci(["empty", "pending", "viewable", "ready", "error"]);
const broadcastStatus = ci(["pending", "live", "paused", "finished"]);
const clientUserId = z.union([uint, z.string()]);

const stream = z.looseObject({
  id,
  live: z.boolean(),
  backup_live: opt(z.boolean()),
  recording: opt(z.boolean()),
  transcoding: opt(z.boolean()),
  client_user_id: opt(clientUserId),
  client_entity_data: opt(z.string()),
  pull: opt(z.boolean()),
  uri: opt(z.string()),
  stream_source_type: opt(z.string()),
});

const convertedVideo = z.looseObject({
  name: opt(z.string()),
  status: opt(z.string()),
  mp4_url: opt(z.string()),
});

const videoFields = {
  id,
  slug: opt(z.string()),
  name: opt(z.string()),
  duration: opt(uint),
  stream_id: opt(id),
  converted_videos: opt(z.array(convertedVideo)),
  deleted_at: opt(z.string()),
  error: opt(z.string()),
  client_user_id: opt(clientUserId),
};
const video = z.looseObject({ ...videoFields, status: videoStatus });
const videoDelete = z.looseObject({ ...videoFields, status: opt(videoStatus) });

const restream = z.looseObject({
  id,
  name: opt(z.string()),
  stream_id: opt(id),
  live: opt(z.boolean()),
  active: opt(z.boolean()),
});

const broadcast = z.looseObject({
  id,
  status: broadcastStatus,
  stream_ids: opt(z.array(id)),
  name: opt(z.string()),
});

export const WebhookSchema = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("stream"), message: z.object({ stream }) }),
    z.object({ type: z.literal(["video", "vod"]), message: z.object({ video }) }),
    z.object({ type: z.literal("video_delete"), message: z.object({ video: videoDelete }) }),
    z.object({ type: z.literal("restream"), message: z.object({ restream }) }),
    z.object({ type: z.literal("broadcast"), message: z.object({ broadcast }) }),
  ])
  .transform((w) => {
    switch (w.type) {
      case "stream":
        return { type: "stream", stream: w.message.stream };
      case "video":
      case "vod":
        return { type: "video", video: w.message.video };
      case "video_delete":
        return { type: "video_delete", video: w.message.video };
      case "restream":
        return { type: "restream", restream: w.message.restream };
      default:
        return { type: "broadcast", broadcast: w.message.broadcast };
    }
  });

/** `JSON.parse` + the zod schema: what the benchmark calls the zod pipeline. Throws on invalid input. */
export function zodParseWebhook(text) {
  return WebhookSchema.parse(JSON.parse(text));
}
