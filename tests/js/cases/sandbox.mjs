// The embedded Sandbox (gcore-streaming/sandbox) driving the package's own StreamingClient through
// `sandbox.fetch`, with every webhook checked by the strict validator. Web-standard APIs only.

const KEY = "29841_c767sandbox";

function setup({ main, sandbox }, options = {}) {
  const sb = new sandbox.Sandbox({ apiKey: KEY, ...options });
  const hooks = [];
  sb.onWebhook((payload) => hooks.push(payload));
  // Detached on purpose: `{ fetch: sandbox.fetch }` must work.
  const client = new main.StreamingClient({ apiKey: KEY, fetch: sb.fetch, maxRetries: 0 });
  const take = () => hooks.splice(0).map((w) => {
    // Every payload passes the package's own strict validator.
    main.parseWebhook(JSON.stringify(w));
    const m = w.message;
    if (w.type === "stream") return `stream live=${m.stream.live} transcoding=${m.stream.transcoding} recording=${m.stream.recording}`;
    if (w.type === "broadcast") return `broadcast ${m.broadcast.status}`;
    return `${w.type} ${m.video.status}`;
  });
  return { sb, client, take };
}

export default [
  {
    name: "sandbox: the guide's 19 steps with StreamingClient over sandbox.fetch",
    async run(ctx) {
      const { assert } = ctx;
      const { sb, client, take } = setup(ctx);
      const stream = await client.createStream({ name: "test_stream", active: false, transcoding_region: "ix1" });
      assert.equal(stream.id, 320423);
      assert.match(stream.push_url, /^rtmp:\/\/vp-push-ix1\.gvideo\.co\/in\/320423\?[0-9a-f]{32}$/);
      const b = await client.createBroadcast({ name: "test_broadcast", status: "pending", stream_ids: [stream.id] });
      assert.equal(b.status, "pending");
      assert.equal((await client.updateStream(stream.id, { active: true })).active, true);
      sb.advance(2000);
      // Ingest first (players still get 404), transcoding 1 s later (playback ready): step 4.
      assert.deepEqual(take(), ["stream live=true transcoding=false recording=false"]);
      const ingest = await client.getStream(stream.id);
      assert.deepEqual([ingest.live, ingest.transcoding, ingest.stream_source_type], [true, false, "rtmp"]);
      sb.advance(1000);
      assert.deepEqual(take(), ["stream live=true transcoding=true recording=false"]);
      assert.equal((await client.getStream(stream.id)).transcoding, true);
      await client.updateBroadcast(b.id, { status: "live" });
      assert.deepEqual(take(), ["broadcast live"]);
      await client.startRecording(stream.id);
      sb.advance(1000);
      assert.deepEqual(take(), ["stream live=true transcoding=true recording=true"]);
      sb.advance(48410);
      const video = await client.stopRecording(stream.id);
      assert.equal(video.duration, 48410);
      assert.equal(video.name, "Stream Record: test_stream, 2026-01-01 00:00:52 +0000");
      assert.deepEqual(take(), ["stream live=true transcoding=true recording=false", "video pending"]);
      await client.updateBroadcast(b.id, { status: "finished" });
      const disabled = await client.updateStream(stream.id, { active: false });
      assert.equal(disabled.live, true, "step 14's answer still says live");
      // Webhooks a request causes reach the listeners before its promise settles.
      assert.deepEqual(take(), ["broadcast finished", "stream live=false transcoding=false recording=false"]);
      assert.equal(await client.deleteBroadcast(b.id), undefined);
      sb.advance(3000);
      assert.deepEqual(take(), ["video viewable"]);
      sb.advance(3000);
      assert.deepEqual(take(), ["video ready"]);
      const got = await client.getVideo(video.id);
      assert.equal(got.status, "ready");
      assert.equal(got.converted_videos.length, 4);
      assert.equal(sb.webhooks().length, 10);
      assert.deepEqual(sb.webhooks().map((w) => w.seq), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    },
  },
  {
    name: "sandbox: pageSize, transcodingDelayMs, HLS pull sources, bearer tokens",
    async run(ctx) {
      const { assert } = ctx;
      const { sb, client, take } = setup(ctx, { pageSize: 10, transcodingDelayMs: 5000, quota: 50, bearerToken: "eyJ.jwt.sig" });
      const made = [];
      for (let i = 0; i < 23; i++) made.push((await client.createStream({ name: `s${i}` })).id);
      assert.equal((await client.listStreams()).length, 10);
      assert.equal((await client.listStreams({ page: 3 })).length, 3);
      // The page iterators read every item whatever the page size, for at most one extra request.
      for (const pageSize of [1, 10, 25, 100]) {
        const paged = new ctx.sandbox.Sandbox({ apiKey: KEY, pageSize });
        let lists = 0;
        const fetch = (input, init) => {
          if (String(input instanceof Request ? input.url : input).includes("/streaming/streams?")) lists++;
          return paged.fetch(input, init);
        };
        const c = new ctx.main.StreamingClient({ apiKey: KEY, fetch, maxRetries: 0 });
        const all = [];
        for (let i = 0; i < 57; i++) all.push((await c.createStream({ name: `p${i}` })).id);
        const seen = [];
        for await (const s of c.streams()) seen.push(s.id);
        assert.deepEqual(seen, all.reverse(), `page size ${pageSize}`);
        const pages = Math.ceil(57 / pageSize);
        assert.equal(lists, pages + (57 % pageSize === 0 || pages === 1 ? 1 : 0), `requests at page size ${pageSize}`);
        paged.close();
      }
      // An HLS playlist is a valid PULL source; its webhooks say `stream_source_type: "https"`.
      const pulled = await client.createStream({ name: "hls", pull: true, uri: "https://origin.example.com/live/master.m3u8", active: true });
      sb.advance(2000);
      assert.deepEqual(take(), ["stream live=true transcoding=false recording=false"]);
      assert.equal(sb.webhooks().at(-1).payload.message.stream.stream_source_type, "https");
      sb.advance(4999);
      assert.deepEqual(take(), []);
      sb.advance(1);
      assert.deepEqual(take(), ["stream live=true transcoding=true recording=false"]);
      assert.equal((await client.getStream(pulled.id)).stream_source_type, "https");
      // Bearer: the configured token passes; an API key sent as a bearer token is refused.
      const bearer = (token) => new ctx.main.StreamingClient({ bearerToken: token, fetch: sb.fetch, maxRetries: 0 });
      assert.equal((await bearer("eyJ.jwt.sig").getStream(pulled.id)).id, pulled.id);
      await assert.rejects(bearer(KEY).getStream(pulled.id), { name: "ApiError", status: 401, message: /Given token not valid for any token type/ });
      assert.throws(() => new ctx.sandbox.Sandbox({ pageSize: 101 }), { code: "invalid_params", path: "pageSize" });
    },
  },
  {
    name: "sandbox: an interruption longer than 10 s splits the recording into two videos",
    async run(ctx) {
      const { assert } = ctx;
      const { sb, client, take } = setup(ctx, { autoConnect: false });
      const s = await client.createStream({ name: "s", active: true });
      sb.connect(s.id);
      await client.startRecording(s.id);
      sb.advance(11000);
      sb.disconnect(s.id);
      assert.equal((await client.getStream(s.id)).live, false);
      sb.advance(10000);
      sb.connect(s.id);
      sb.advance(11000);
      const second = await client.stopRecording(s.id);
      assert.deepEqual(take().filter((t) => t.startsWith("video")), ["video pending", "video viewable", "video ready", "video pending"]);
      const videos = await client.listVideos({ stream_id: s.id });
      assert.equal(videos.length, 2);
      assert.equal(videos[0].id, second.id);
      assert.equal(videos[1].duration, 10000);
      assert.equal(second.duration, 10000);
    },
  },
  {
    name: "sandbox: the platform's errors reach the client as ApiError",
    async run(ctx) {
      const { assert, main, sandbox } = ctx;
      const { client } = setup(ctx, { quota: 1 });
      await assert.rejects(client.createStream({ name: "x", dvr_duration: 10 }), { name: "ApiError", status: 422 });
      await client.createStream({ name: "a", active: true });
      await assert.rejects(client.createStream({ name: "b", active: true }), { name: "ApiError", status: 422 });
      await assert.rejects(client.getStream(1), { name: "ApiError", status: 404 });
      const sb = new sandbox.Sandbox({ apiKey: KEY });
      const wrong = new main.StreamingClient({ apiKey: "wrong", fetch: sb.fetch, maxRetries: 0 });
      await assert.rejects(wrong.listStreams(), { name: "ApiError", status: 401 });
      assert.throws(() => new sandbox.Sandbox({ quota: "3" }), { name: "StreamingError", code: "invalid_params", path: "quota" });
      assert.throws(() => sb.connect(42), { name: "StreamingError", code: "stream_not_found" });
    },
  },
  {
    name: "sandbox: plain fetch code works against sandbox.fetch (Request objects, 204s)",
    async run({ assert, sandbox }) {
      const sb = new sandbox.Sandbox();
      const f = sb.fetch;
      const created = await f(new Request("https://api.gcore.com/streaming/streams", {
        method: "POST",
        headers: { Authorization: "APIKey anything", "Content-Type": "application/json" },
        body: JSON.stringify({ stream: { name: "plain" } }),
      }));
      assert.equal(created.status, 200);
      const { id } = await created.json();
      const del = await f(new URL(`https://api.gcore.com/streaming/streams/${id}`), {
        method: "DELETE", headers: { Authorization: "APIKey anything" },
      });
      assert.equal(del.status, 204);
      assert.equal(await del.text(), "");
      const missing = await f("/streaming/streams/" + id, { headers: { Authorization: "APIKey anything" } });
      assert.equal(missing.status, 404);
      assert.deepEqual(await missing.json(), {
        status: 404,
        error: "Not Found. Entity you are looking for was not found, please check the url and params",
      });
    },
  },
  {
    name: "sandbox server: health and CORS",
    async run({ assert, env }) {
      assert.ok(env.sandboxUrl, "the sandbox server's URL (scripts/with-servers.sh starts it)");
      const health = await (await fetch(`${env.sandboxUrl}/_sandbox/health`)).json();
      assert.equal(health.ok, true);
      const r = await fetch(`${env.sandboxUrl}/streaming/streams`);
      assert.equal(r.status, 401);
      assert.equal(r.headers.get("access-control-allow-origin"), "*");
    },
  },
];
