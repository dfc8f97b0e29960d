import type { ErrorBody, OperationName, Video } from "./main/gcore_streaming.js";
import type { ApiMethodName } from "./api.js";

/** Codes of {@link WebhookError}. Stable: match on them, not on messages. */
export type WebhookErrorCode =
  | "invalid_json"
  | "not_an_object"
  | "unknown_type"
  | "missing_field"
  | "wrong_type"
  | "invalid_value"
  | "too_large"
  | "forbidden_source"
  | "bad_secret"
  | "invalid_snapshot";

/** Codes of {@link ApiError}, from the HTTP status the platform answered. */
export type ApiErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "request_timeout"
  | "conflict"
  | "validation_failed"
  | "rate_limited"
  | "server_error"
  | "http_error";

/** Codes of errors that are not HTTP error answers (transport, parameters, the session's state). */
export type StreamingErrorCode =
  | "timeout"
  | "aborted"
  | "network"
  | "invalid_params"
  | "invalid_response"
  | "invalid_state"
  | "video_failed"
  | "invalid_wasm"
  | "not_initialized"
  | "token_rejected"
  | "upload_refused"
  | "internal";

/** Base class of every error the SDK throws (`instanceof` works across entries). */
export declare class StreamingError extends Error {
  readonly name: "StreamingError" | "ApiError" | "WebhookError";
  readonly code: StreamingErrorCode | ApiErrorCode | WebhookErrorCode;
  /** For `invalid_params`: the offending parameter, e.g. `dvr_duration` or `options.timeoutMs`. */
  readonly path?: string;
  /** The operation concerned, when there is one (a namespace method's name, e.g. `"players.get"`). */
  readonly operation?: OperationName | ApiMethodName;
  /** For `video_failed`: the video as last read. */
  readonly video?: Video;
  /** For an error of `videos.createDirectUpload` after the video was created: the video's id. */
  readonly videoId?: number;
}

/** The platform answered with an HTTP error status. */
export declare class ApiError extends StreamingError {
  readonly name: "ApiError";
  readonly code: ApiErrorCode;
  /** The HTTP status. */
  readonly status: number;
  /** Per-field messages of a 422 validation error (`{ name: ["can't be blank"] }`). */
  readonly fields: Record<string, string[]> | null;
  /** Whether retrying the same request may succeed. */
  readonly retryable: boolean;
  /** The error body, in whichever shape the platform used (`shape: "raw"` keeps non-JSON text). */
  readonly body: ErrorBody | null;
  /** The operation that failed, e.g. `"create_broadcast"`, or a namespace method's, e.g. `"players.get"`. */
  readonly operation: OperationName | ApiMethodName;
}

/** A webhook was rejected by `parseWebhook`, `verifyWebhookSource`, the tracker or a snapshot restore. */
export declare class WebhookError extends StreamingError {
  readonly name: "WebhookError";
  readonly code: WebhookErrorCode;
  /** JSON path of the offending value, e.g. `message.stream.id` (empty for the whole body). */
  readonly path: string;
}
