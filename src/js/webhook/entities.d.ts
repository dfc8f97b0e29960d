// Generated from `entities!` and `DECLARATIONS` (src/domain/webhook/event/mod.rs) by
// tests/generated.rs (GENERATE=1 cargo test --test generated): do not edit.
/** `type: "stream"`: the stream's ingest/recording state changed. */
export interface StreamWebhook {
  /** Stream id. */
  id: number;
  /** The primary ingest is receiving. */
  live: boolean;
  /** The backup ingest is receiving. */
  backup_live?: boolean;
  /** The stream is being recorded. */
  recording?: boolean;
  /** The stream is being transcoded (playback ready). */
  transcoding?: boolean;
  /** Your own user id (integer or string). */
  client_user_id?: ClientUserId;
  /** Your own data. */
  client_entity_data?: string;
  /** PULL (`true`) or PUSH. */
  pull?: boolean;
  /** PULL source. */
  uri?: string;
  /** Ingest protocol: a documented value, or a newer value kept as sent. */
  stream_source_type?: StreamSourceType;
  [extra: string]: WebhookExtraField | undefined;
}
/** One rendition of a video. */
export interface ConvertedVideoWebhook {
  /** Rendition status: a documented value, or a newer value kept as sent. */
  status?: ConvertedVideoStatus;
  /** Rendition name, e.g. `vod720p`. */
  name?: string;
  /** MP4 URL. */
  mp4_url?: string;
  [extra: string]: WebhookExtraField | undefined;
}
/** `type: "video"` (also sent as `vod`). */
export interface VideoWebhook {
  /** Video id. */
  id: number;
  /**
   * Processing status (the status at deletion time for `video_delete`): a documented value
   * in lower case, or another value exactly as sent (see `strictStatuses`).
   */
  status: VideoStatus;
  /** Renditions. */
  converted_videos?: ConvertedVideoWebhook[];
  /** Random slug. */
  slug?: string;
  /** Name. */
  name?: string;
  /** Duration in milliseconds. */
  duration?: number;
  /** The stream it was recorded from. */
  stream_id?: number;
  /** When it was deleted (`video_delete` only), ISO-8601 UTC. */
  deleted_at?: string;
  /** Processing error. */
  error?: string;
  /** Your own user id (integer or string). */
  client_user_id?: ClientUserId;
  [extra: string]: WebhookExtraField | ConvertedVideoWebhook[] | undefined;
}
/** `type: "video_delete"`: the entity is under `video`. */
export interface VideoDeleteWebhook {
  /** Video id. */
  id: number;
  /**
   * Processing status (the status at deletion time for `video_delete`): a documented value
   * in lower case, or another value exactly as sent (see `strictStatuses`).
   */
  status?: VideoStatus;
  /** Renditions. */
  converted_videos?: ConvertedVideoWebhook[];
  /** Random slug. */
  slug?: string;
  /** Name. */
  name?: string;
  /** Duration in milliseconds. */
  duration?: number;
  /** The stream it was recorded from. */
  stream_id?: number;
  /** When it was deleted (`video_delete` only), ISO-8601 UTC. */
  deleted_at?: string;
  /** Processing error. */
  error?: string;
  /** Your own user id (integer or string). */
  client_user_id?: ClientUserId;
  [extra: string]: WebhookExtraField | ConvertedVideoWebhook[] | undefined;
}
/** `type: "restream"` (`active` is the legacy form of `live`). */
export interface RestreamWebhook {
  /** Restream id. */
  id: number;
  /** Name. */
  name?: string;
  /** The stream being restreamed. */
  stream_id?: number;
  /** Restreaming now. */
  live?: boolean;
  /** Legacy form of `live` (2025-04 payloads). */
  active?: boolean;
  [extra: string]: WebhookExtraField | undefined;
}
/** `type: "broadcast"` (legacy; still in the guide). */
export interface BroadcastWebhook {
  /** Broadcast id. */
  id: number;
  /**
   * Status: a documented value in lower case, or another value exactly as sent (see
   * `strictStatuses`).
   */
  status: BroadcastStatus;
  /** Streams feeding it (not in documented payloads; checked when present). */
  stream_ids?: number[];
  /** Name. */
  name?: string;
  [extra: string]: WebhookExtraField | undefined;
}
/** A validated webhook. */
export type WebhookEvent =
  | { type: "stream"; stream: StreamWebhook }
  | { type: "video"; video: VideoWebhook }
  | { type: "video_delete"; video: VideoDeleteWebhook }
  | { type: "restream"; restream: RestreamWebhook }
  | { type: "broadcast"; broadcast: BroadcastWebhook }
  | UnknownWebhookEvent;
