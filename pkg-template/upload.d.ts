import type { FetchResponseLike, GlobalAbortSignal, GlobalFetch } from "./webhook/gcore_streaming.js";
export * from "./errors.js";
import type { DirectUploadParams } from "./direct-upload.js";
export type { DirectUploadParams } from "./direct-upload.js";

/** The runtime's `Blob` (a `File` is one); `never` where no lib declares it. */
export type UploadBlob = typeof globalThis extends { Blob: { prototype: infer T } } ? T : never;
/** A Node readable stream (give `chunkSize` with one). */
export interface ReadableLike {
  /** Reads from the stream. */
  read(size?: number): unknown;
}

/** Options of {@link uploadVideo}. */
export interface UploadVideoOptions {
  /** Called as bytes reach the server (per chunk when `fetch` is given). */
  onProgress?: (bytesSent: number, bytesTotal: number) => void;
  /** Aborts the upload; it rejects with code `aborted`. A later call with the same file resumes. */
  signal?: GlobalAbortSignal;
  /** Bytes per request (default: the whole file in one request; required for a stream). */
  chunkSize?: number;
  /** Waits in ms before each retry of a failed request (default `[0, 1000, 3000, 5000, 10000]`). */
  retryDelays?: number[];
  /** Resume an upload of the same file for the same video found in `urlStorage` (default true). */
  resume?: boolean;
  /** The file name sent as metadata (default: the video's name). */
  filename?: string;
  /** The upload endpoint instead of `https://{servers[0].hostname}/upload/` (e.g. a sandbox's). */
  endpoint?: string;
  /**
   * Sends the upload's requests through this `fetch` (e.g. an embedded `Sandbox`'s `sandbox.fetch`)
   * instead of tus-js-client's own HTTP stack.
   */
  fetch?:
    | GlobalFetch
    | ((
        url: string,
        init: { method: string; headers: Record<string, string>; body?: UploadBlob | ArrayBuffer | ArrayBufferView; signal: GlobalAbortSignal },
      ) => Promise<FetchResponseLike>);
  /** Where resumable uploads are remembered (tus-js-client's `UrlStorage`; browsers default to localStorage). */
  urlStorage?: {
    /** Every upload remembered. */
    findAllUploads(): Promise<object[]>;
    /** The uploads of a file. */
    findUploadsByFingerprint(fingerprint: string): Promise<object[]>;
    /** Forgets an upload. */
    removeUpload(urlStorageKey: string): Promise<void>;
    /** Remembers an upload. */
    addUpload(fingerprint: string, upload: object): Promise<string>;
  };
}

/** What {@link uploadVideo} resolves to. */
export interface UploadVideoResult {
  /** The video the file was uploaded for. */
  video_id: number;
  /** The upload's URL on the upload server. */
  url: string | null;
  /** The bytes uploaded (`null` for a stream). */
  size: number | null;
}

/**
 * Uploads a video file with the direct-upload parameters your server got from
 * `GET /streaming/videos/{video_id}/upload`, resumably (tus). Rejects with a `StreamingError`:
 * `invalid_params`, `aborted`, `network`, `token_rejected` (HTTP 401/403) or `upload_refused`.
 */
export declare function uploadVideo(
  file: UploadBlob | ArrayBuffer | ArrayBufferView | ReadableLike,
  params: DirectUploadParams,
  options?: UploadVideoOptions,
): Promise<UploadVideoResult>;
