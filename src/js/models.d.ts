// Generated from the Rust models by src/domain/model/typescript.rs: do not edit.
// Models: the platform's resources, with the API's snake_case field names. Every field the API does
// not guarantee is optional; unknown fields are kept (any other name: a JSON value). Open enumerations
// accept values this version does not know: `(string & {})` keeps editor completion.

/** A JSON value (for fields the SDK does not model). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A broadcast's `status`. The guide walks pending → live → (paused ↔ live) → finished.
 */
export type BroadcastStatus = "pending" | "live" | "paused" | "finished" | (string & {});

/**
 * A video's processing `status`: empty → pending → viewable → ready, any → error.
 */
export type VideoStatus = "empty" | "pending" | "viewable" | "ready" | "error" | (string & {});

/**
 * The `status` of one rendition in `converted_videos`.
 */
export type ConvertedVideoStatus = "processing" | "complete" | "error" | (string & {});

/**
 * A stream's or video's `projection`.
 */
export type Projection = "regular" | "vr360" | "vr180" | "vr360tb" | (string & {});

/**
 * What a stream records: the ingest as sent, or the transcoded renditions.
 */
export type RecordType = "origin" | "transcoded" | (string & {});

/**
 * The protocol a stream is being received over.
 */
export type StreamSourceType = "rtmp" | "srt" | "webrtc" | "https" | (string & {});

/**
 * A live stream. Only `id` is guaranteed; every other field is optional, and fields this SDK
 * does not model (legacy ones such as `rtmp_play_url`, new ones) are kept as sent (in Rust, in
 * `Stream::extra`).
 */
export interface Stream {
  /** The stream's id. */
  id: number;
  /** The stream's name (required on create). */
  name?: string;
  /**
   * The on/off switch (not liveness): when off, PULL stops and PUSH is rejected. Create
   * streams inactive to stay within the active-stream quota.
   */
  active?: boolean;
  /** `true` for PULL (the platform fetches `uri`), `false` for PUSH. */
  pull?: boolean;
  /** PULL source URL(s), space separated; `null` for PUSH. */
  uri?: string | null;
  /** Record automatically when the stream goes live. */
  auto_record?: boolean;
  /** What is recorded: the origin or the transcoded stream. */
  record_type?: RecordType;
  /** DVR (rewind) enabled. */
  dvr_enabled?: boolean;
  /** DVR window in seconds (30–14400). */
  dvr_duration?: number;
  /** Write `#EXT-X-ENDLIST` when the stream ends. */
  hls_mpegts_endlist_tag?: boolean;
  /** CDN resource id. */
  cdn_id?: number | null;
  /** Your own user id for this stream. */
  client_user_id?: number | null;
  /** Your own data (up to 4096 characters). */
  client_entity_data?: string | null;
  /** HTML overlays enabled. */
  html_overlay?: boolean;
  /** Transcoding quality set. */
  quality_set_id?: number | null;
  /** The broadcasts this stream feeds (a request attaches it to them). */
  broadcast_ids?: Array<number>;
  /** Picture projection. */
  projection?: Projection;
  /** SRT passphrase (10–80 printable ASCII); `null` clears it. */
  srt_passphrase?: string | null;
  /**
   * Legacy: transcoding region code such as `ix1` or `dt1` (the guide still sends it;
   * its reuse case updates it).
   */
  transcoding_region?: string;
  /** The push key. */
  token?: string;
  /** The primary ingest is receiving and transcoding. */
  live?: boolean;
  /** The backup ingest is receiving and transcoding. */
  backup_live?: boolean;
  /** Legacy but still sent: the stream is being recorded. */
  recording?: boolean;
  /**
   * Transcoding has started: playback is ready (the webhooks' field; absent from older
   * answers).
   */
  transcoding?: boolean;
  /** RTMP push URL. */
  push_url?: string;
  /** RTMP backup push URL. */
  backup_push_url?: string;
  /** SRT push URL. */
  push_url_srt?: string;
  /** SRT backup push URL. */
  backup_push_url_srt?: string;
  /** WebRTC WHIP push URL. */
  push_url_whip?: string;
  /** The protocol being received (null when not transcoding). */
  stream_source_type?: StreamSourceType | null;
  /** Region code of the active primary ingest. */
  active_ingest_region_primary?: string | null;
  /** Region code of the active backup ingest. */
  active_ingest_region_backup?: string | null;
  /** Creation time (ISO-8601). */
  created_at?: string;
  /** When the primary ingest started. */
  started_at_primary?: string | null;
  /** When the backup ingest started. */
  started_at_backup?: string | null;
  /** When the primary ingest last finished (not reset on restart). */
  finished_at_primary?: string | null;
  /** Player iframe URL. */
  iframe_url?: string;
  /** HLS CMAF playback URL. */
  hls_cmaf_url?: string;
  /** HLS MPEG-TS playback URL. */
  hls_mpegts_url?: string;
  /** DASH playback URL. */
  dash_url?: string;
  /** Screenshot URL. */
  screenshot?: string;
  /** Renditions being produced, e.g. `["360n", "480n", "720n"]`. */
  transcoded_qualities?: Array<string> | null;
  /** Seconds recorded so far. */
  recording_duration?: number | null;
  /** Transcoding speed (1.0 is real time). */
  transcoding_speed?: number | null;
  /** Ingest frame rate. */
  frame_rate?: number | null;
  /** Ingest picture height. */
  video_height?: number | null;
  /** Ingest picture width. */
  video_width?: number | null;
  [field: string]: JsonValue | undefined;
}

/**
 * A broadcast. The spec's schema has no `id`, but real responses carry it, so it is optional
 * here.
 */
export interface Broadcast {
  /** The broadcast's id (present in real responses; absent from the spec's schema). */
  id?: number;
  /** The broadcast's name (required on create). */
  name?: string;
  /** Where the broadcast stands (required on create; the guide creates `pending`). */
  status?: BroadcastStatus;
  /** Public share URL. */
  share_url?: string;
  /** Custom player iframe URL. */
  custom_iframe_url?: string;
  /** Keep the DVR available after the end. */
  show_dvr_after_finish?: boolean;
  /** Text shown while pending. */
  pending_message?: string;
  /** Advertisement id. */
  ad_id?: number | null;
  /** Player id. */
  player_id?: number | null;
  /** The streams feeding this broadcast. */
  stream_ids?: Array<number>;
  /** Poster image URL. */
  poster?: string;
  [field: string]: JsonValue | undefined;
}

/**
 * One rendition of a video (`converted_videos[]`).
 */
export interface ConvertedVideo {
  /** Rendition id. */
  id?: number;
  /** Rendition name, e.g. `vod720p` (legacy `vod720n`). */
  name?: string;
  /** Width in pixels. */
  width?: number | null;
  /** Height in pixels. */
  height?: number | null;
  /** Size in bytes. */
  size?: number | null;
  /** Progress, 0–100. */
  progress?: number;
  /** Rendition status. */
  status?: ConvertedVideoStatus;
  /** Error text. */
  error?: string | null;
  /** MP4 download URL. */
  mp4_url?: string;
  [field: string]: JsonValue | undefined;
}

/**
 * A video (`GET /streaming/videos/{id}`, the body of `stop_recording`, list items).
 */
export interface Video {
  /** The video's id (0 when a `fields` query left it out). */
  id: number;
  /** The video's name; a recording is named `Stream Record: {stream name}, {end time UTC}`. */
  name?: string;
  /** Description. */
  description?: string;
  /** Account id. */
  client_id?: number;
  /** Random slug used in URLs as `{client_id}_{slug}`. */
  slug?: string;
  /** Processing status. */
  status?: VideoStatus;
  /** Set when `status` is `error`. */
  error?: string | null;
  /** Duration in milliseconds (a fractional value is rounded to the nearest millisecond). */
  duration?: number;
  /** Source duration in milliseconds (rounded as `duration`). */
  origin_video_duration?: number;
  /** Source size in bytes. */
  origin_size?: number;
  /** Source URL. */
  origin_url?: string | null;
  /** The stream this video was recorded from. */
  stream_id?: number | null;
  /** When the recording started. */
  recording_started_at?: string;
  /** Origin or transcoded recording (null for uploads). */
  record_type?: RecordType | null;
  /** Creation time. */
  created_at?: string;
  /** Last update time. */
  updated_at?: string;
  /** HLS playback URL. */
  hls_url?: string;
  /** HLS CMAF playback URL. */
  hls_cmaf_url?: string;
  /** DASH playback URL. */
  dash_url?: string;
  /** Player iframe URL. */
  iframe_url?: string;
  /** Custom player iframe URL. */
  custom_iframe_url?: string;
  /** Public share URL. */
  share_url?: string;
  /** Main screenshot URL. */
  screenshot?: string;
  /** All screenshot URLs. */
  screenshots?: Array<string>;
  /** Selected screenshot (-1 means use `poster`). */
  screenshot_id?: number;
  /** Poster URL. */
  poster?: string | null;
  /** Poster thumbnail URL. */
  poster_thumb?: string | null;
  /** Sprite image URL. */
  sprite?: string | null;
  /** Sprite VTT URL. */
  sprite_vtt?: string | null;
  /** Advertisement id. */
  ad_id?: number;
  /** Views. */
  views?: number;
  /** CDN views. */
  cdn_views?: number;
  /** Your own user id. */
  client_user_id?: number | null;
  /** Picture projection (a plain string on videos). */
  projection?: string;
  /** Processing priority. */
  priority?: number;
  /** Quality set. */
  quality_set_id?: number;
  /** Folder. */
  directory_id?: number;
  /** The renditions. */
  converted_videos?: Array<ConvertedVideo>;
  [field: string]: unknown;
}

/**
 * The object a recording notice is about.
 */
export interface SourceObject {
  /** Its id. */
  id?: number;
  /** Its type, e.g. `client`. */
  type?: string;
}

/**
 * A warning or error of `start_recording`, e.g. `{"key": "client_storage_almost_exceeded",
 * …}`.
 */
export interface RecordingNotice {
  /** Machine-readable key, e.g. `client_storage_almost_exceeded`. */
  key?: string;
  /** Free-form details. */
  meta?: JsonValue;
  /** What the notice is about, e.g. `{"id": 58725, "type": "client"}`. */
  source_object?: SourceObject;
  [field: string]: unknown;
}

/**
 * The account's storage figures.
 */
export interface RecordingClient {
  /** Account id. */
  id?: number;
  /** Storage limit in MB. */
  storage_limit_mb?: number;
  /** Storage used in MB. */
  storage_usage_mb?: number;
  [field: string]: JsonValue | undefined;
}

/**
 * `data.stream` of a 200 `start_recording` answer.
 */
export interface RecordingStream {
  /** The stream's id. */
  id?: number;
  /** The account's storage figures. */
  client?: RecordingClient;
  [field: string]: unknown;
}

/**
 * `data` of a 200 `start_recording` answer.
 */
export interface StartRecordingData {
  /** The stream. */
  stream?: RecordingStream;
  [field: string]: unknown;
}

/**
 * What `start_recording` answered: 204 gives the default (no data, no warnings); 200 carries
 * the stream's storage figures and warnings such as `client_storage_almost_exceeded`.
 */
export interface StartRecordingResult {
  /** The stream and the account's storage figures. */
  data?: StartRecordingData;
  /** Warnings (recording started anyway); `null` reads as none. */
  warnings: Array<RecordingNotice>;
  /** Errors reported alongside a 200; `null` reads as none. */
  errors: Array<RecordingNotice>;
}

/**
 * The settings of a stream: the body of create (flat) and of update (wrapped). On create `name` is
 * required. Fields the SDK does not model (e.g. the guide's `webrtc`) are sent too (in Rust, put
 * them in `extra`).
 */
export interface StreamParams {
  /** The stream's name (required on create). */
  name?: string;
  /**
   * The on/off switch (not liveness): when off, PULL stops and PUSH is rejected. Create
   * streams inactive to stay within the active-stream quota.
   */
  active?: boolean;
  /** `true` for PULL (the platform fetches `uri`), `false` for PUSH. */
  pull?: boolean;
  /** PULL source URL(s), space separated; `null` for PUSH. */
  uri?: string | null;
  /** Record automatically when the stream goes live. */
  auto_record?: boolean;
  /** What is recorded: the origin or the transcoded stream. */
  record_type?: RecordType;
  /** DVR (rewind) enabled. */
  dvr_enabled?: boolean;
  /** DVR window in seconds (30–14400). */
  dvr_duration?: number;
  /** Write `#EXT-X-ENDLIST` when the stream ends. */
  hls_mpegts_endlist_tag?: boolean;
  /** CDN resource id. */
  cdn_id?: number | null;
  /** Your own user id for this stream. */
  client_user_id?: number | null;
  /** Your own data (up to 4096 characters). */
  client_entity_data?: string | null;
  /** HTML overlays enabled. */
  html_overlay?: boolean;
  /** Transcoding quality set. */
  quality_set_id?: number | null;
  /** The broadcasts this stream feeds (a request attaches it to them). */
  broadcast_ids?: Array<number>;
  /** Picture projection. */
  projection?: Projection;
  /** SRT passphrase (10–80 printable ASCII); `null` clears it. */
  srt_passphrase?: string | null;
  /**
   * Legacy: transcoding region code such as `ix1` or `dt1` (the guide still sends it;
   * its reuse case updates it).
   */
  transcoding_region?: string;
  [field: string]: JsonValue | undefined;
}

/**
 * The settings of a broadcast, sent wrapped in `{"broadcast": …}`. On create `name` and `status`
 * are required (the platform answers 422 "can't be blank" otherwise).
 */
export interface BroadcastParams {
  /** The broadcast's name (required on create). */
  name?: string;
  /** Where the broadcast stands (required on create; the guide creates `pending`). */
  status?: BroadcastStatus;
  /** Public share URL. */
  share_url?: string;
  /** Custom player iframe URL. */
  custom_iframe_url?: string;
  /** Keep the DVR available after the end. */
  show_dvr_after_finish?: boolean;
  /** Text shown while pending. */
  pending_message?: string;
  /** Advertisement id. */
  ad_id?: number | null;
  /** Player id. */
  player_id?: number | null;
  /** The streams feeding this broadcast. */
  stream_ids?: Array<number>;
  /** Poster image URL. */
  poster?: string;
  [field: string]: JsonValue | undefined;
}

/**
 * Query of `GET /streaming/streams`.
 */
export interface ListStreamsQuery {
  /** Page, from 1. */
  page?: number;
  /** Include each stream's broadcasts. */
  with_broadcasts?: boolean;
}

/**
 * Query of `GET /streaming/broadcasts`.
 */
export interface ListBroadcastsQuery {
  /** Page, from 1. */
  page?: number;
}

/**
 * Query of `GET /streaming/videos`.
 */
export interface ListVideosQuery {
  /** Page, from 1. */
  page?: number;
  /** Items per page. */
  per_page?: number;
  /** Only these ids. */
  id?: Array<number>;
  /** Full-text search. */
  search?: string;
  /** Only this status. */
  status?: VideoStatus;
  /** Only this user's. */
  client_user_id?: number;
  /** Only recordings of this stream. */
  stream_id?: number;
  /** Only these fields in each item. */
  fields?: Array<string>;
}

/**
 * An error body, in whichever shape the platform used.
 */
export type ErrorBody =
  | {
    shape: "fields";
    /** Messages per field. */
    fields: Record<string, string[]>;
  }
  | {
    shape: "messages";
    /** The messages. */
    messages: Array<string>;
  }
  | {
    shape: "status";
    /** The status the body states. */
    status: number;
    /** The message. */
    error: string;
  }
  | {
    shape: "message";
    /** The message. */
    error: string;
  }
  | {
    shape: "empty";
  }
  | {
    shape: "raw";
    /** The body text (truncated to 4 KiB). */
    text: string;
  };
