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
];
