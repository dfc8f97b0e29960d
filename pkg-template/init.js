// `init()` of the browser entries, and the embedded module it loads by default.
//
// Each entry's wasm ships twice: as a file (`gcore-streaming-<entry>.wasm`, for the runtimes that
// import a precompiled module: Workers, Vercel Edge, Deno, and for users who load it their own way)
// and embedded in `<entry>/embedded.js` (deflate-raw, then base64): a plain JS module, so that every
// bundler and dev server carries it with no loader, no asset rule and no URL to get right. Deflate
// makes the embedded copy weigh what the .wasm weighs gzipped (measured: +0.5 % over gzip -9 of the
// .wasm; base64 of the raw .wasm would have cost +34 %).

/** A `StreamingError` with code `invalid_wasm`. */
const fail = (message, cause) =>
  Object.assign(new Error(`init(): ${message}`), { name: "StreamingError", code: "invalid_wasm", cause });

/** `bytes` (an ArrayBuffer or a view) if they start with the wasm magic word. */
function wasmBytes(bytes, what, type) {
  const head = String.fromCharCode(
    ...new Uint8Array(bytes.buffer || bytes, bytes.byteOffset || 0, Math.min(bytes.byteLength, 4)),
  );
  if (head === "\0asm") return bytes;
  throw fail(
    `${what} is not WebAssembly (${type || JSON.stringify(head)}): a wrong URL, or an HTML page in its place ` +
      "(a dev server's fallback: in Vite, see optimizeDeps.exclude). init() with no argument loads the embedded module",
  );
}

/** What `init(input)` was given, as a Module or checked bytes. */
async function resolve(input) {
  input = await input;
  if (input && Object.getPrototypeOf(input) === Object.prototype) input = await input.module_or_path; // wasm-bindgen's form
  if (Object.prototype.toString.call(input) === "[object WebAssembly.Module]") return input; // any realm's
  if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) return wasmBytes(input, "the bytes given");
  if (typeof input == "string" || input instanceof URL || (typeof Request == "function" && input instanceof Request)) {
    input = await fetch(input).catch((e) => {
      throw fail(`fetching ${input.url || input} failed`, e);
    });
  }
  if (typeof Response == "function" && input instanceof Response) {
    if (!input.ok) throw fail(`${input.url} answered HTTP ${input.status}, not the .wasm`);
    return wasmBytes(await input.arrayBuffer(), input.url, input.headers.get("content-type"));
  }
  throw fail("expected no argument, a WebAssembly.Module, bytes, a Response, a URL or a path");
}

/** Base64 to bytes: the engine's own decoder where there is one (measured in Chromium: init() of the
 * main entry 8 ms with it, 19 ms with `Uint8Array.from(atob(…), callback)`), else a loop. */
function decode(base64) {
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(base64);
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The embedded module's bytes (base64 of deflate-raw). */
const inflate = (base64) =>
  new Response(new Blob([decode(base64)]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).arrayBuffer();

/**
 * `init()` for browsers and bundlers: the embedded module unless told otherwise. Idempotent: once
 * loaded (or while loading) every call answers the same promise; a failed load can be retried.
 */
export function browserInit(generated, embedded) {
  let loading;
  return function init(input) {
    loading ??= (async () =>
      generated.default({ module_or_path: await (input === undefined ? inflate(embedded) : resolve(input)) }))();
    loading.catch(() => (loading = undefined));
    return loading;
  };
}
