//! The checks of the JS `LiveSession` (`pkg-template/session.js`).
//!
//! The session's stages are plain JS over the public `StreamingClient` methods: every request, retry
//! and error still goes through the client in the wasm, but the orchestration (a few awaits per stage)
//! is JS, which costs ~1.3 KB gzip where the same steps as Rust futures over `JsValue`s cost ~12 KB of
//! the main entry's wasm (measured in session 8). What a session reads from its caller's options is
//! checked here, by the same readers as the client's parameters, so its errors (`invalid_params` with
//! the offending path) are the client's. Rust users have [`crate::client::LiveSession`].

use super::client::{invalid, request_options, with_json, StreamingClient};
use crate::client::params;
use crate::domain::json::Cat;
use crate::domain::request::{Operation, ParamError};
use crate::prelude::*;
use wasm_bindgen::prelude::*;

fn param_error(e: &ParamError) -> JsValue {
    invalid(&e.path, &e.message)
}

/// `LiveSession.setup`'s options and request options, in the order the errors are reported; then
/// that the broadcast has a name, and that there is a stream to create or one to reuse.
fn check_setup(options: &JsValue, opts: &JsValue) -> Result<(), JsValue> {
    let (stream, stream_id, transcoding_region, broadcast) = with_json(options, "", params::setup_options)?;
    request_options(opts)?;
    if broadcast.str("name").filter(|n| !n.trim().is_empty()).is_none() {
        return Err(invalid("broadcast.name", "is required and must not be blank"));
    }
    if stream_id.is_none() {
        let mut params = stream.ok_or_else(|| {
            invalid(
                "stream",
                "give the stream to create (with a name) or a streamId to reuse",
            )
        })?;
        params.set("active", "false".to_owned());
        if let Some(r) = transcoding_region.as_deref() {
            params.set("transcoding_region", params::json_str(r));
        }
        params::create_stream(&params).map_err(|e| param_error(&e))?;
    }
    // (A reuse's settings are an update of the stream, which has no required field.)
    Ok(())
}

/// `LiveSession.perform`'s action and request options; then that the action has the id its
/// operation needs (the error names that id: `broadcast_id: is required for delete_broadcast`).
fn check_action(action: &JsValue, opts: &JsValue) -> Result<(), JsValue> {
    let (a, _) = with_json(action, "action", |j| params::action(j, "action"))?;
    request_options(opts)?;
    if a.request().is_none() {
        return Err(invalid(
            id_field(a.operation),
            &["is required for ", a.operation.as_str()].cat(),
        ));
    }
    Ok(())
}

fn id_field(op: Operation) -> &'static str {
    match op {
        Operation::GetBroadcast | Operation::UpdateBroadcast | Operation::DeleteBroadcast => "broadcast_id",
        Operation::GetVideo | Operation::DeleteVideo => "video_id",
        _ => "stream_id",
    }
}

#[wasm_bindgen]
impl StreamingClient {
    /// For `pkg-template/session.js`: checks what a `LiveSession` method was given, with the errors the
    /// client gives its own parameters. `kind` 0: `setup`'s options (`value`) and request options;
    /// 1: `perform`'s action and request options; 2: request options alone.
    #[wasm_bindgen(js_name = __gsCheck, skip_typescript)]
    pub fn gs_check(kind: u32, value: JsValue, options: JsValue) -> Result<(), JsValue> {
        match kind {
            0 => check_setup(&value, &options),
            1 => check_action(&value, &options),
            _ => request_options(&options).map(drop),
        }
    }
}
