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
