// ---- Models: the platform's resources, with the API's snake_case field names. -----------------------
// Every field the API does not guarantee is optional; unknown fields are kept (index signature: `unknown`).
// Open enumerations accept values this version does not know: `(string & {})` keeps editor completion.

/** A broadcast's status: pending → live → (paused ↔ live) → finished. */
export type BroadcastStatus = "pending" | "live" | "paused" | "finished" | (string & {});
/** A video's processing status: empty → pending → viewable → ready; any → error. */
export type VideoStatus = "empty" | "pending" | "viewable" | "ready" | "error" | (string & {});
/** The status of one rendition in `converted_videos`. */
export type ConvertedVideoStatus = "processing" | "complete" | "error" | (string & {});
/** Picture projection. */
export type Projection = "regular" | "vr360" | "vr180" | "vr360tb" | (string & {});
/** What a stream records. */
export type RecordType = "origin" | "transcoded" | (string & {});
/** The protocol a stream is received over. */
export type StreamSourceType = "rtmp" | "srt" | "webrtc" | "https" | (string & {});

/** A JSON value (for fields the SDK does not model). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A live stream (`GET /streaming/streams/{id}`). */
export interface Stream {
  id: number;
  name?: string;
  active?: boolean;
  pull?: boolean;
  uri?: string | null;
  auto_record?: boolean;
  record_type?: RecordType;
  dvr_enabled?: boolean;
  dvr_duration?: number;
  hls_mpegts_endlist_tag?: boolean;
  cdn_id?: number | null;
  client_user_id?: number | null;
  client_entity_data?: string | null;
  html_overlay?: boolean;
  quality_set_id?: number | null;
  broadcast_ids?: number[];
  projection?: Projection;
  srt_passphrase?: string | null;
  transcoding_region?: string;
  token?: string;
  live?: boolean;
  backup_live?: boolean;
  recording?: boolean;
  // Transcoding has started, so playback is ready (absent from older answers).
  transcoding?: boolean;
  push_url?: string;
  backup_push_url?: string;
  push_url_srt?: string;
  backup_push_url_srt?: string;
  push_url_whip?: string;
  stream_source_type?: StreamSourceType | null;
  active_ingest_region_primary?: string | null;
  active_ingest_region_backup?: string | null;
  created_at?: string;
  started_at_primary?: string | null;
  started_at_backup?: string | null;
  finished_at_primary?: string | null;
  iframe_url?: string;
  hls_cmaf_url?: string;
  hls_mpegts_url?: string;
  dash_url?: string;
  screenshot?: string;
  transcoded_qualities?: string[] | null;
  recording_duration?: number | null;
  transcoding_speed?: number | null;
  frame_rate?: number | null;
  video_height?: number | null;
  video_width?: number | null;
  [field: string]: unknown;
}

/** A broadcast (`GET /streaming/broadcasts/{id}`). `id` is in real responses, not in the spec. */
export interface Broadcast {
  id?: number;
  name?: string;
  status?: BroadcastStatus;
  share_url?: string;
  custom_iframe_url?: string;
  show_dvr_after_finish?: boolean;
  pending_message?: string;
  ad_id?: number | null;
  player_id?: number | null;
  stream_ids?: number[];
  poster?: string;
  [field: string]: unknown;
}

/** One rendition of a video. */
export interface ConvertedVideo {
  id?: number;
  name?: string;
  width?: number | null;
  height?: number | null;
  size?: number | null;
  progress?: number;
  status?: ConvertedVideoStatus;
  error?: string | null;
  mp4_url?: string;
  [field: string]: unknown;
}

/** A video: an upload or a stream's recording (`duration` in milliseconds). */
export interface Video {
  id: number;
  name?: string;
  description?: string;
  client_id?: number;
  slug?: string;
  status?: VideoStatus;
  error?: string | null;
  duration?: number;
  origin_video_duration?: number;
  origin_size?: number;
  origin_url?: string | null;
  stream_id?: number | null;
  recording_started_at?: string;
  record_type?: RecordType | null;
  created_at?: string;
  updated_at?: string;
  hls_url?: string;
  hls_cmaf_url?: string;
  dash_url?: string;
  iframe_url?: string;
  custom_iframe_url?: string;
  share_url?: string;
  screenshot?: string;
  screenshots?: string[];
  screenshot_id?: number;
  poster?: string | null;
  poster_thumb?: string | null;
  sprite?: string | null;
  sprite_vtt?: string | null;
  ad_id?: number;
  views?: number;
  cdn_views?: number;
  client_user_id?: number | null;
  projection?: string;
  priority?: number;
  quality_set_id?: number;
  directory_id?: number;
  converted_videos?: ConvertedVideo[];
  [field: string]: unknown;
}

/** A warning or error of `start_recording`, e.g. `client_storage_almost_exceeded`. */
export interface RecordingNotice {
  key?: string;
  meta?: JsonValue;
  source_object?: { id?: number; type?: string };
  [field: string]: unknown;
}

/** What `start_recording` answered: 204 → no data, no warnings; 200 → storage figures and warnings. */
export interface StartRecordingResult {
  data?: {
    stream?: {
      id?: number;
      client?: { id?: number; storage_limit_mb?: number; storage_usage_mb?: number; [field: string]: JsonValue | undefined };
      [field: string]: unknown;
    };
    [field: string]: unknown;
  };
  warnings: RecordingNotice[];
  errors: RecordingNotice[];
}

/** Settings of a stream: the body of create (flat; `name` required) and update (wrapped for you). */
export interface StreamParams {
  name?: string;
  active?: boolean;
  pull?: boolean;
  uri?: string | null;
  auto_record?: boolean;
  record_type?: RecordType;
  dvr_enabled?: boolean;
  dvr_duration?: number;
  hls_mpegts_endlist_tag?: boolean;
  cdn_id?: number | null;
  client_user_id?: number | null;
  client_entity_data?: string | null;
  html_overlay?: boolean;
  quality_set_id?: number | null;
  broadcast_ids?: number[];
  projection?: Projection;
  srt_passphrase?: string | null;
  transcoding_region?: string;
  [field: string]: unknown;
}

/** Settings of a broadcast (sent wrapped in `{"broadcast": …}`; `name` and `status` required on create). */
export interface BroadcastParams {
  name?: string;
  status?: BroadcastStatus;
  share_url?: string;
  custom_iframe_url?: string;
  show_dvr_after_finish?: boolean;
  pending_message?: string;
  ad_id?: number | null;
  player_id?: number | null;
  stream_ids?: number[];
  poster?: string;
  [field: string]: unknown;
}

/** Query of `listStreams`. */
export interface ListStreamsQuery {
  page?: number;
  with_broadcasts?: boolean;
}

/** Query of `listBroadcasts`. */
export interface ListBroadcastsQuery {
  page?: number;
}

/** Query of `listVideos`. */
export interface ListVideosQuery {
  page?: number;
  per_page?: number;
  id?: number[];
  search?: string;
  status?: VideoStatus;
  client_user_id?: number;
  stream_id?: number;
  fields?: string[];
}

/** An API error body in any of the platform's shapes (see `ApiError.body` for the raw text). */
export type ErrorBody =
  | { shape: "fields"; fields: Record<string, string[]> }
  | { shape: "messages"; messages: string[] }
  | { shape: "status"; status: number; error: string }
  | { shape: "message"; error: string }
  | { shape: "empty" }
  | { shape: "raw"; text: string };
