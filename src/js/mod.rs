//! The JavaScript bindings: the only module that uses `#[wasm_bindgen]`.
//!
//! Each capability has its own submodule, compiled in by the same cargo feature as the capability,
//! so that the npm package's entries (webhook, main, sandbox) carry only what they export.
//!
//! Conventions (shared by every submodule):
//! - Data crosses the boundary as JSON text (`JSON.parse`/`JSON.stringify` run natively in the JS
//!   engine), not field by field.
//! - Errors thrown to JS are plain `Error` objects made by `js_error`: a stable `name`
//!   (`WebhookError`, `ApiError`, `StreamingError`), a stable `code`, and more properties
//!   (`path`, `status`, …). The package's `errors.js` exports classes whose `instanceof` checks these.
//! - TypeScript types are precise (`unchecked_param_type`/`unchecked_return_type` and
//!   `typescript_custom_section`); `any` never appears in the public `.d.ts`.

use crate::prelude::*;
#[cfg(feature = "client")]
mod client;
mod models;
#[cfg(feature = "client")]
mod session;
#[doc(hidden)]
pub mod webhook;

use wasm_bindgen::prelude::*;

/// The runtime's own types, taken from whatever declares them (the DOM lib, `@types/node`, Deno's or
/// Workers' types), so that the `.d.ts` compiles without the DOM lib and names no global that a
/// project may not declare: where nothing declares one, its alias is `never`.
#[wasm_bindgen(typescript_custom_section)]
const GLOBALS_TS: &str = r#"
/** The runtime's `AbortSignal` (`never` where no lib declares one). */
export type GlobalAbortSignal = typeof globalThis extends { AbortSignal: { prototype: infer T } } ? T : never;
/** The runtime's `URL`. */
export type GlobalURL = typeof globalThis extends { URL: { prototype: infer T } } ? T : never;
/** The runtime's `Request`. */
export type GlobalRequest = typeof globalThis extends { Request: { prototype: infer T } } ? T : never;
/** The runtime's `Response`. */
export type GlobalResponse = typeof globalThis extends { Response: { prototype: infer T } } ? T : never;
/** The runtime's `WebAssembly.Module`. */
export type GlobalWasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer T } } } ? T : never;
/** What the package reads of a `fetch` answer. */
export interface FetchResponseLike {
  status: number;
  headers: {
    /** A header's value, or `null`. */
    get(name: string): string | null;
  };
  /** The body as text. */
  text(): Promise<string>;
}
/** The runtime's `fetch` (where no lib declares one, the subset of it that the package uses). */
export type GlobalFetch = typeof globalThis extends { fetch: infer F } ? F : (
  input: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
) => Promise<FetchResponseLike>;
"#;

/// The package's version (the crate's version).
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_owned()
}

/// Builds a JS `Error` with a stable `name` and `code`, plus extra properties.
#[allow(dead_code)] // used by the capability submodules
pub(crate) fn js_error(name: &str, code: &str, message: &str, props: &[(&str, JsValue)]) -> JsValue {
    let err = js_sys::Error::new(message);
    err.set_name(name);
    let obj: &JsValue = err.as_ref();
    // Setting a property on a fresh Error object can not fail; a failure would only lose that property.
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str("code"), &JsValue::from_str(code));
    for (key, value) in props {
        let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), value);
    }
    err.into()
}

/// Parses JSON text produced by `serde_json` into a JS value.
#[allow(dead_code)] // used by the capability submodules
pub(crate) fn from_json_text(text: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(text)
}

/// Serializes a Rust value to a JS value through JSON text.
#[allow(dead_code)] // used by the capability submodules
pub(crate) fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| {
        js_error(
            "StreamingError",
            "internal",
            &format!("serialization failed: {e}"),
            &[],
        )
    })?;
    from_json_text(&text)
}

#[cfg(feature = "sandbox")]
#[doc(hidden)]
pub mod sandbox;

/// Without std (the package's builds) a panic traps: `unreachable` throws a `WebAssembly.RuntimeError`
/// in JS. No panic is reachable (clippy denies `unwrap`, `expect`, indexing and `panic!` outside
/// tests); this handler replaces std's, whose message formatting and hook machinery cost ~4 KB gzip.
#[cfg(not(feature = "std"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

/// The wasm heap: a small free-list allocator (dlmalloc, std's default, is about 7 KB of code).
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());
