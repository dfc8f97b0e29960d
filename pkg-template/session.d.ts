import type {
  ApiAction,
  Broadcast,
  LiveSessionOptions,
  LiveSessionState,
  PauseOptions,
  PerformResult,
  RequestOptions,
  StartRecordingResult,
  StreamingClient,
  Video,
  WaitForVideoOptions,
} from "./main/gcore_streaming.js";

/**
 * The guide's four stages, one call each: `setup` → `goLive` → `startRecording` → `stop` (+ `pause`/
 * `resume` for interruptions, `waitForVideoReady`, and `perform` for the webhook tracker's actions).
 * Every request goes through the `StreamingClient` it was made with (its retries, timeouts, errors).
 */
export declare class LiveSession {
  private constructor();
  /**
   * Stage 1: creates the stream inactive (or reuses `streamId`, updating its region), creates the
   * pending broadcast bound to it, enables the stream.
   */
  static setup(client: StreamingClient, options: LiveSessionOptions, opts?: RequestOptions): Promise<LiveSession>;
  /** A session over stored state (`session.state`), e.g. in another request handler. */
  static attach(client: StreamingClient, state: LiveSessionState): LiveSession;
  /** The session's state, as data (a fresh copy). */
  readonly state: LiveSessionState;
  /** Stage 2: sets the broadcast live. */
  goLive(options?: RequestOptions): Promise<Broadcast>;
  /** Stage 3: starts recording (resolves to the platform's warnings). */
  startRecording(options?: RequestOptions): Promise<StartRecordingResult>;
  /**
   * Interruption: pauses the broadcast (and with `stopRecording`, stops the recording: resolves
   * to the video it produced).
   */
  pause(options?: PauseOptions): Promise<Video | null>;
  /**
   * After an interruption: the broadcast live again, and the recording restarted if `pause`
   * stopped it (resolves to its result, else `null`).
   */
  resume(options?: RequestOptions): Promise<StartRecordingResult | null>;
  /**
   * Stage 4: stops recording, finishes the broadcast, disables the stream, deletes the broadcast;
   * resolves to every video recorded during the session.
   */
  stop(options?: RequestOptions): Promise<Video[]>;
  /**
   * Polls the recording with backoff until it is `ready` (rejects with `video_failed` on
   * `error`). `notifyVideo` (from webhooks) makes it poll at once.
   */
  waitForVideoReady(options?: WaitForVideoOptions): Promise<Video>;
  /**
   * Feeds a video event (a video id, or a `video` webhook's `message.video`): a pending
   * `waitForVideoReady` for it polls at once. Returns whether a wait was woken.
   */
  notifyVideo(video: number | { id: number }): boolean;
  /** Executes an action of the webhook tracker and keeps the session's state in step. */
  perform(action: ApiAction, options?: RequestOptions): Promise<PerformResult>;
  /** Nothing to free: kept so that code calling it (as on the client) still compiles. */
  free(): void;
}
