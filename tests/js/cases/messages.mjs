// The exact `message` of the errors the client and LiveSession reject with (the Rust side builds
// them without `core::fmt`; these pin the text). Injected fetches only (no server). Web-standard
// APIs only.

/** A fetch answering `answers` in turn (`{ status, body }`). */
function scriptedFetch(answers) {
  return () => {
    const a = answers.shift();
    if (!a) return Promise.reject(new TypeError("no more answers"));
    return Promise.resolve({
      status: a.status,
      headers: { get: () => null },
      text: () => Promise.resolve(a.body ?? ""),
    });
  };
}

const client = (main, answers) =>
  new main.StreamingClient({ baseUrl: "http://127.0.0.1:9", fetch: scriptedFetch(answers), maxRetries: 0 });

const session = (main, answers) =>
  main.LiveSession.attach(client(main, answers), {
    stream: { id: 320423 },
    broadcast: { id: 192470 },
    status: "stopped",
    recording: false,
    resumeRecording: false,
    videos: [],
  });

export default [
  {
    name: "messages: API errors, invalid responses and aborts",
    async run({ main, assert }) {
      await assert.rejects(client(main, [{ status: 404 }]).getStream(18446744073709), {
        name: "ApiError",
        code: "not_found",
        status: 404,
        message: "get_stream failed: HTTP 404 (not_found): HTTP 404",
      });
      await assert.rejects(
        client(main, [{ status: 422, body: '{"errors":{"name":["can\'t be blank"]}}' }]).updateBroadcast(7, {}),
        {
          name: "ApiError",
          code: "validation_failed",
          message: "update_broadcast failed: HTTP 422 (validation_failed): name can't be blank",
        },
      );
      await assert.rejects(client(main, [{ status: 200, body: "[]" }]).getStream(1), {
        name: "StreamingError",
        code: "invalid_response",
        status: 200,
        message: "get_stream answered HTTP 200: unexpected response body: expected a JSON object",
      });
      await assert.rejects(client(main, [{ status: 299, body: "{}" }]).listVideos(), {
        code: "invalid_response",
        message: "list_videos answered HTTP 299: unexpected response body: expected a JSON array",
      });
      const aborted = new AbortController();
      aborted.abort();
      await assert.rejects(client(main, []).deleteVideo(5, { signal: aborted.signal }), {
        name: "StreamingError",
        code: "aborted",
        message: "delete_video was aborted",
      });
    },
  },
  {
    name: "messages: LiveSession's video_failed, a missing id and a missing recording",
    async run({ main, assert }) {
      const failed = session(main, [{ status: 200, body: '{"id":803111,"status":"error","error":"bad input"}' }]);
      await assert.rejects(failed.waitForVideoReady({ videoId: 803111 }), {
        name: "StreamingError",
        code: "video_failed",
        message: "video 803111 failed to process: bad input",
      });
      const bare = session(main, [{ status: 200, body: '{"id":9007199254740991,"status":"error"}' }]);
      await assert.rejects(bare.waitForVideoReady({ videoId: 9007199254740991 }), {
        code: "video_failed",
        message: "video 9007199254740991 failed to process: status error",
      });
      await assert.rejects(session(main, []).perform({ operation: "delete_broadcast", reason: "x" }), {
        name: "StreamingError",
        code: "invalid_params",
        path: "broadcast_id",
        message: "broadcast_id: is required for delete_broadcast",
      });
      // The client's own perform names the missing id the same way.
      await assert.rejects(client(main, []).perform({ operation: "get_video", reason: "x" }), {
        name: "StreamingError",
        code: "invalid_params",
        path: "video_id",
        message: "video_id: is required for get_video",
      });
      await assert.rejects(session(main, []).waitForVideoReady(), {
        code: "invalid_state",
        message: "the session has no recording to wait for (pass videoId)",
      });
    },
  },
];
