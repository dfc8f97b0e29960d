import type { RequestOptions, Video } from "./main/gcore_streaming.js";
import type { ApiComponents } from "./api.js";

/**
 * What `GET /streaming/videos/{video_id}/upload` answers: the parameters of a direct upload, which
 * `uploadVideo` (`gcore-streaming/upload`) takes as they are. Your server gets them with the API key
 * (`client.videos.createDirectUpload`) and hands them to the browser, which never sees the key.
 */
export interface DirectUploadParams {
  /** The upload servers; the file goes to `https://{servers[0].hostname}/upload/` (`http://` for a
   * loopback hostname: the sandbox server's). */
  servers: { id?: number; hostname: string }[];
  /** The upload token (valid for a few hours); the API key never reaches the browser. */
  token: string;
  /** The video the file is for. */
  video: { id: number; name?: string | null; client_id?: number | null };
}

/** The video to create for a direct upload (`POST /streaming/videos`'s `video`): `name` is required. */
export type CreateDirectUploadParams = ApiComponents["schemas"]["createVideo"];

/** The method `client.videos` has besides the spec's. */
export interface DirectUploadApi {
  /**
   * Creates a video (`POST /streaming/videos`, status `empty`) and returns the parameters of its
   * direct upload (`GET /streaming/videos/{video_id}/upload`), for `uploadVideo` in the browser.
   * Rejects like every call (`ApiError`: a blank name is `validation_failed`). When the video was
   * created but the second call failed, the error's `videoId` names the video: ask for its
   * parameters again with `client.videos.getParametersForDirectUpload(videoId)`.
   */
  createDirectUpload(video: CreateDirectUploadParams, options?: RequestOptions): Promise<DirectUploadParams & { video: Video }>;
}
