// The client's common case without entering the wasm: `getStream`, `getBroadcast` and `getVideo`
// with a valid id and no options hand the call straight to the fetch driver (`gs_call` in
// src/js/fetch_driver.rs) with what the generated method would pass it (`StreamingClient.__gsFast`,
// asked once per client). The driver makes the first attempt and resolves a 2xx object body with
// `JSON.parse`; anything else (retries, typed errors) goes on in Rust, as for every call. Any other
// arguments (options, an invalid id) take the generated method, which answers them as before.
// (tests/js/cases/client_fast.mjs checks that both ways send the same request and answer the same.)

const BY_ID = ["getStream", "getBroadcast", "getVideo"];

/** Installs the fast by-id GETs on the generated `StreamingClient`. */
export function clientFastPath(m) {
  const Client = m.StreamingClient;
  const proto = Client.prototype;
  // [first, ...urlPrefix[3], ...ctx[3]] per client (`first(url, ctx)`: the call's first attempt).
  const parts = new WeakMap();
  BY_ID.forEach((name, k) => {
    const generated = proto[name];
    proto[name] = {
      [name](id, options) {
        if (options === undefined && Number.isSafeInteger(id) && id >= 1) {
          let p = parts.get(this);
          if (p === undefined && this instanceof Client) {
            p = this.__gsFast();
            parts.set(this, p);
          }
          const prefix = p === undefined ? undefined : p[1 + k];
          if (prefix !== undefined) return p[0](prefix + id, p[4 + k]);
        }
        return generated.call(this, id, options);
      },
    }[name];
  });
  // A freed client answers as the generated methods do (they throw): forget its parts.
  const free = proto.free;
  proto.free = {
    free() {
      parts.delete(this);
      return free.call(this);
    },
  }.free;
  if (typeof Symbol.dispose === "symbol" && proto[Symbol.dispose] === free) proto[Symbol.dispose] = proto.free;
}
