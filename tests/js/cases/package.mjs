// The package itself: entries, version, error classes.
export default [
  {
    name: "every entry exports version() equal to the package version",
    async run({ main, webhook, sandbox, assert, packageJson }) {
      assert.match(main.version(), /^\d+\.\d+\.\d+/);
      assert.equal(main.version(), packageJson.version);
      assert.equal(webhook.version(), packageJson.version);
      assert.equal(sandbox.version(), packageJson.version);
    },
  },
  {
    name: "init() may be called again and resolves",
    async run({ main, webhook, sandbox, assert }) {
      for (const m of [main, webhook, sandbox]) {
        assert.equal(typeof m.init, "function");
        await m.init();
      }
      assert.equal(typeof main.version(), "string");
    },
  },
  {
    name: "init() under concurrent calls answers one result, and again after",
    async run({ main, webhook, sandbox, assert }) {
      for (const m of [main, webhook, sandbox]) {
        const [a, b] = await Promise.all([m.init(), m.init()]);
        assert.ok(a && typeof a === "object", "init() resolves to the module's exports");
        assert.equal(a, b);
        assert.equal(await m.init(), a);
      }
    },
  },
  {
    name: "init(input) of the browser entry: a Module, bytes, a Response; clear errors for what is not wasm",
    async run({ assert, pkgUrl, pkgFile }) {
      let n = 0;
      // A fresh copy of the browser shim (its own init state) over the already loaded glue.
      const fresh = async () => import(`${pkgUrl}webhook.browser.js?fresh=${Date.now()}-${n++}`);
      const rejects = async (promise, pattern) => {
        let err;
        try {
          await promise;
        } catch (e) {
          err = e;
        }
        assert.ok(err, "init() rejects");
        assert.equal(err.name, "StreamingError");
        assert.equal(err.code, "invalid_wasm");
        assert.match(err.message, pattern);
        return err;
      };
      const html = "<!doctype html><title>app</title>";
      const page = new Response(html, { headers: { "content-type": "text/html" } });
      const e = await rejects((await fresh()).init(page), /is not WebAssembly \(text\/html\): a wrong URL, or an HTML page/);
      assert.match(e.message, /optimizeDeps/);
      await rejects((await fresh()).init(new Response("gone", { status: 404 })), /answered HTTP 404/);
      await rejects((await fresh()).init(new Uint8Array([0x3c, 0x21, 0x64, 0x6f])), /the bytes given is not WebAssembly \("<!do"\)/);
      await rejects((await fresh()).init(42), /expected no argument, a WebAssembly.Module, bytes, a Response, a URL or a path/);

      const bytes = await pkgFile("gcore-streaming-webhook.wasm");
      const m = await fresh();
      await rejects(m.init(new Uint8Array(4)), /not WebAssembly/);
      assert.ok(await m.init(bytes), "a failed init() can be retried");
      assert.ok(await (await fresh()).init(new Response(bytes, { headers: { "content-type": "application/wasm" } })));
      assert.ok(await (await fresh()).init({ module_or_path: bytes.buffer }), "wasm-bindgen's object form");
      assert.ok(await (await fresh()).init(await WebAssembly.compile(bytes)));
      assert.ok(await (await fresh()).init(), "no argument: the embedded module");
    },
  },
  {
    name: "error classes recognise errors by name across entries",
    async run({ main, webhook, assert }) {
      const e = new Error("x");
      e.name = "WebhookError";
      e.code = "missing_field";
      assert.ok(e instanceof main.WebhookError);
      assert.ok(e instanceof webhook.WebhookError);
      assert.ok(e instanceof main.StreamingError);
      assert.ok(!(e instanceof main.ApiError));
      assert.ok(!(new Error("plain") instanceof main.StreamingError));
      assert.ok(!({ name: "ApiError" } instanceof main.ApiError), "a non-Error object is not an ApiError");
    },
  },
  {
    name: "the minified package keeps its names: functions, classes, stack traces",
    async run({ main, webhook, sandbox, assert }) {
      for (const m of [main, webhook]) {
        assert.equal(m.parseWebhook.name, "parseWebhook");
        assert.equal(m.verifyWebhookSource.name, "verifyWebhookSource");
        assert.equal(m.WebhookTracker.name, "WebhookTracker");
        const t = new m.WebhookTracker();
        assert.equal(t.constructor.name, "WebhookTracker");
        t.free();
      }
      assert.equal(main.StreamingClient.name, "StreamingClient");
      assert.equal(sandbox.Sandbox.name, "Sandbox");
      let err;
      try {
        webhook.parseWebhook("{");
      } catch (e) {
        err = e;
      }
      assert.equal(err?.name, "WebhookError");
      // V8 (Node, Chromium) and JavaScriptCore name the JS frames; the frame may say `parseWebhook` or,
      // for the fast path's wrapper, the export it stands for.
      assert.match(String(err.stack), /parseWebhook/);
    },
  },
];
