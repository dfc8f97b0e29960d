//! The checks of the package's JS parts of the client: `LiveSession` (`pkg-template/session.js`) and
//! the page iterators `streams()`, `broadcasts()`, `videos()` (`pkg-template/pages.js`).
//!
//! The session's stages are plain JS over the public `StreamingClient` methods: every request, retry
//! and error still goes through the client in the wasm, but the orchestration (a few awaits per stage)
//! is JS, which costs ~2.9 KB gzip where the same steps as Rust futures over `JsValue`s cost ~12 KB of
//! the main entry's wasm (measured). What a session reads from its caller's options is
//! checked here, by the same readers as the client's parameters, so its errors (`invalid_params` with
//! the offending path) are the client's. Rust users have [`crate::client::LiveSession`]. Likewise the
//! page iterators (async iterators over `listStreams`, … with the [`Paginator`]'s rules) are JS.
//!
//! [`Paginator`]: crate::client::Paginator

use super::client::{invalid, param_error, request_options, with_json, StreamingClient};
use crate::client::params;
use wasm_bindgen::prelude::*;

/// `LiveSession.setup`'s options and request options, in the order the errors are reported; then
/// that the broadcast has a name, and that there is a stream to create or one to reuse.
fn check_setup(options: &JsValue, opts: &JsValue) -> Result<(), JsValue> {
    let (stream, stream_id, _, broadcast) = with_json(options, "", params::setup_options)?;
    request_options(opts)?;
    broadcast.require_name("broadcast").map_err(|e| param_error(&e))?;
    if stream_id.is_none() {
        let stream = stream.ok_or_else(|| {
            invalid(
                "stream",
                "give the stream to create (with a name) or a streamId to reuse",
            )
        })?;
        // (The error `createStream` gives a stream without a name.)
        stream.require_name("").map_err(|e| param_error(&e))?;
    }
    // (A reuse's settings are an update of the stream, which has no required field.)
    Ok(())
}

#[wasm_bindgen]
impl StreamingClient {
    /// For `pkg-template/session.js` and `pages.js`: checks what a method was given, with the errors
    /// the client gives its own parameters (answers 0). `what` names the method: `"setup"`,
    /// `LiveSession.setup`'s options (`value`) and request options; `"streams"`, `"broadcasts"`,
    /// `"videos"`: the page iterator's query (`value`) and request options; anything else, the
    /// request options alone. (`LiveSession.perform` is the client's, which checks its action.)
    #[wasm_bindgen(js_name = __gsCheck, skip_typescript)]
    pub fn gs_check(what: &str, value: JsValue, options: JsValue) -> Result<u32, JsValue> {
        match what {
            "setup" => return check_setup(&value, &options).map(|()| 0),
            "streams" => with_json(&value, "query", |j| params::streams_query(j, "query")).map(|_| ())?,
            "broadcasts" => {
                with_json(&value, "query", |j| params::broadcasts_query(j, "query")).map(|_| ())?
            }
            "videos" => with_json(&value, "query", |j| params::videos_query(j, "query")).map(|_| ())?,
            _ => {}
        }
        request_options(&options)?;
        Ok(0)
    }
}
