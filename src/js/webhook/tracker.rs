//! `WebhookTracker`: the tracker's bindings (API objects read from JSON text, results as tapes).

use super::fast::{result_js, result_tape, scratch_text, with_scratch, Scratch};
use super::*;

fn id_arg(v: f64, path: &str) -> Result<u64, JsValue> {
    if v.is_finite() && v >= 1.0 && (v % 1.0) == 0.0 && v <= 9_007_199_254_740_991.0 {
        Ok(v as u64)
    } else {
        Err(invalid(path, "expected a positive integer id"))
    }
}

/// `stream`, `broadcast`, `video`: the entity of id `id` (checked as `id`) as a JS object, which
/// `write` writes as JSON (false: not tracked, `null`). One body for the three (smaller wasm).
fn entity_js(id: f64, write: &mut dyn FnMut(u64, &mut String) -> bool) -> Result<JsValue, JsValue> {
    let id = id_arg(id, "id")?;
    let mut out = String::new();
    if write(id, &mut out) {
        js_sys::JSON::parse(&out)
    } else {
        Ok(JsValue::NULL)
    }
}

fn now_arg(v: Option<f64>) -> Option<u64> {
    v.filter(|n| n.is_finite() && *n >= 0.0).map(|n| n as u64)
}

/// An API object (as JSON text) and the reading of its fields, with errors at `<what>.<field>`.
struct ApiObject<'a> {
    root: J<'a>,
    what: &'static str,
}

fn api_text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    if !value.is_object() {
        return Err(throw(WebhookError::new(
            Code::NotAnObject,
            what,
            ["expected the ", what, " as an object"].cat(),
        )));
    }
    js_sys::JSON::stringify(value)
        .map(String::from)
        .map_err(|_| invalid(what, "expected a JSON-serializable object"))
}

impl<'a> ApiObject<'a> {
    fn new(text: &'a str, what: &'static str) -> Result<Self, JsValue> {
        let root = json::parse(text).map_err(|_| invalid(what, "expected a JSON-serializable object"))?;
        if !matches!(root, J::Obj(_)) {
            return Err(throw(WebhookError::new(
                Code::NotAnObject,
                what,
                ["expected the ", what, " as an object"].cat(),
            )));
        }
        Ok(Self { root, what })
    }

    fn path(&self, field: &str) -> String {
        [self.what, ".", field].cat()
    }

    fn get(&self, field: &str) -> Option<&J<'a>> {
        match self.root.get(field) {
            None | Some(J::Null) => None,
            Some(v) => Some(v),
        }
    }

    fn wrong(&self, field: &str, expected: &str) -> JsValue {
        let path = self.path(field);
        let message = [
            "expected `",
            &path,
            "` to be ",
            expected,
            " (as the API returns it)",
        ]
        .cat();
        throw(WebhookError::new(Code::WrongType, path, message))
    }

    fn bool(&self, field: &str) -> Result<Option<bool>, JsValue> {
        match self.get(field) {
            None => Ok(None),
            Some(J::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(self.wrong(field, "a boolean")),
        }
    }

    fn string(&self, field: &str) -> Result<Option<String>, JsValue> {
        match self.get(field) {
            None => Ok(None),
            Some(J::Str(s)) => Ok(Some(s.decode())),
            Some(_) => Err(self.wrong(field, "a string")),
        }
    }

    fn uint_of(&self, v: &J<'_>, field: &str, positive: bool) -> Result<u64, JsValue> {
        match v {
            J::Num(n) => match n.kind {
                NumKind::UInt(x) if x <= MAX_SAFE_INTEGER && (x > 0 || !positive) => Ok(x),
                NumKind::Float => Err(self.wrong(field, "an integer")),
                _ => Err(invalid(&self.path(field), "expected a positive integer id")),
            },
            _ => Err(self.wrong(field, "an integer")),
        }
    }

    fn uint(&self, field: &str, positive: bool) -> Result<Option<u64>, JsValue> {
        self.get(field)
            .map(|v| self.uint_of(v, field, positive))
            .transpose()
    }

    fn ids(&self, field: &str) -> Result<Option<Vec<u64>>, JsValue> {
        match self.get(field) {
            None => Ok(None),
            Some(J::Arr(items)) => items
                .iter()
                .map(|v| self.uint_of(v, field, true))
                .collect::<Result<_, _>>()
                .map(Some),
            Some(_) => Err(self.wrong(field, "an array of ids")),
        }
    }

    fn id(&self) -> Result<u64, JsValue> {
        match self.uint("id", true)? {
            Some(id) => Ok(id),
            None => {
                let path = self.path("id");
                let message = [
                    "expected field `",
                    &path,
                    "` (a positive integer), but it is missing",
                ]
                .cat();
                Err(throw(WebhookError::new(Code::MissingField, path, message)))
            }
        }
    }
}

/// The state tracker: folds webhooks and API responses into per-stream state, stages and actions.
#[wasm_bindgen(js_name = WebhookTracker)]
pub struct WebhookTracker {
    inner: Tracker,
}

impl WebhookTracker {
    /// `applyStream` (the package's JS method, for Rust callers of the bindings).
    ///
    /// # Errors
    /// As `applyStream`.
    pub fn apply_stream(&mut self, stream: JsValue, received_at_ms: Option<f64>) -> Result<JsValue, JsValue> {
        self.apply_api(&stream, "stream", received_at_ms)
    }

    /// `applyBroadcast` (the package's JS method, for Rust callers of the bindings).
    ///
    /// # Errors
    /// As `applyBroadcast`.
    pub fn apply_broadcast(
        &mut self,
        broadcast: JsValue,
        received_at_ms: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        self.apply_api(&broadcast, "broadcast", received_at_ms)
    }

    /// `applyVideo` (the package's JS method, for Rust callers of the bindings).
    ///
    /// # Errors
    /// As `applyVideo`.
    pub fn apply_video(&mut self, video: JsValue, received_at_ms: Option<f64>) -> Result<JsValue, JsValue> {
        self.apply_api(&video, "video", received_at_ms)
    }

    /// `applyStream`, `applyBroadcast`, `applyVideo`: reads the API object (`what`: `stream`,
    /// `broadcast` or `video`) and folds it in. One body for the three (smaller wasm).
    fn apply_api(
        &mut self,
        value: &JsValue,
        what: &'static str,
        received_at_ms: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        let text = api_text(value, what)?;
        let o = ApiObject::new(&text, what)?;
        let id = o.id()?;
        let now = now_arg(received_at_ms);
        let r = match what {
            "stream" => {
                let update = StreamUpdate {
                    active: o.bool("active")?,
                    live: o.bool("live")?,
                    backup_live: o.bool("backup_live")?,
                    recording: o.bool("recording")?,
                    transcoding: o.bool("transcoding")?,
                    broadcast_ids: o
                        .ids("broadcast_ids")?
                        .map(|v| v.into_iter().map(BroadcastId).collect()),
                };
                self.inner.apply_stream_update(StreamId(id), update, now)
            }
            "broadcast" => {
                let status = o.string("status")?.map(|s| BroadcastStatus::parse(&s));
                let stream_ids = o
                    .ids("stream_ids")?
                    .map(|v| v.into_iter().map(StreamId).collect());
                self.inner
                    .apply_broadcast_update(BroadcastId(id), status, stream_ids, now)
            }
            _ => {
                let update = VideoUpdate {
                    status: o.string("status")?.map(|s| VideoStatus::parse(&s)),
                    stream_id: o.uint("stream_id", true)?.map(StreamId),
                    name: o.string("name")?,
                    duration: o.uint("duration", false)?,
                };
                self.inner.apply_video_update(VideoId(id), update, now)
            }
        };
        result_js(&r)
    }
}

impl Default for WebhookTracker {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen(js_class = WebhookTracker)]
impl WebhookTracker {
    /// An empty tracker.
    #[wasm_bindgen(constructor)]
    pub fn new() -> WebhookTracker {
        WebhookTracker {
            inner: Tracker::new(),
        }
    }

    /// Folds in a webhook (raw body, parsed envelope, or `parseWebhook` result) received at
    /// `receivedAtMs`. A video or broadcast status outside the documented values is folded in with
    /// outcome `unknown_status`. (Declared in the custom TypeScript section with its third
    /// parameter, `options`: `strictStatuses` is checked by the package's JS, `fast.js`, with
    /// `parseWebhook` before this runs. A third wasm-bindgen parameter here cost ~290 B gzip.)
    ///
    /// # Errors
    /// Throws a `WebhookError` when the webhook is invalid (as `parseWebhook`).
    #[wasm_bindgen(skip_typescript)]
    pub fn apply(
        &mut self,
        input: JsValue,
        #[wasm_bindgen(js_name = receivedAtMs)] received_at_ms: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        let body = read_body(&input, ParseOptions::default().max_bytes)?;
        let opts = ParseOptions {
            allow_unknown_types: body.object,
            ..ParseOptions::default()
        };
        let root = parse_text(&body.text).map_err(throw)?;
        let checked = check(&root, &opts, body.object).map_err(throw)?;
        result_js(&self.inner.apply(&checked.event, now_arg(received_at_ms)))
    }

    /// (Internal to the package's JS.) `apply` of the `len` bytes in the input buffer. Returns the
    /// address of the result's tape (`[ops length, bytes address, ops…]`), or 0: take the slow path.
    #[wasm_bindgen(js_name = __applyInput, skip_typescript)]
    pub fn apply_input(&mut self, len: usize, received_at_ms: Option<f64>) -> usize {
        let r = with_scratch(|s| {
            let Scratch { input, entity, .. } = s;
            let text = scratch_text(input, len)?;
            // (A body `quick` does not take goes through `apply`, which reads it again.)
            let event = quick_for_tracker(text, entity)?;
            Some(self.inner.apply(&event, now_arg(received_at_ms)))
        })
        .flatten();
        r.map_or(0, |r| result_tape(&r))
    }

    /// (Internal to the package's JS, which defines `applyStream`, `applyBroadcast` and
    /// `applyVideo` over it: one export instead of three, ~100 B gzip less.) Folds in the API object
    /// `value` of kind 0 (a stream), 1 (a broadcast) or 2 (a video).
    ///
    /// # Errors
    /// Throws a `WebhookError` when it is not such an object with an id.
    #[wasm_bindgen(js_name = __applyApi, skip_typescript)]
    pub fn apply_api_js(
        &mut self,
        kind: u32,
        value: JsValue,
        #[wasm_bindgen(js_name = receivedAtMs)] received_at_ms: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        let what = match kind {
            0 => "stream",
            1 => "broadcast",
            _ => "video",
        };
        self.apply_api(&value, what, received_at_ms)
    }

    /// Marks a stop of the stream as requested, so its `live: false` is not taken for an interruption.
    ///
    /// # Errors
    /// Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
    #[wasm_bindgen(js_name = expectStop)]
    pub fn expect_stop(
        &mut self,
        #[wasm_bindgen(js_name = streamId)] stream_id: f64,
        #[wasm_bindgen(js_name = atMs)] at_ms: Option<f64>,
    ) -> Result<(), JsValue> {
        let id = id_arg(stream_id, "streamId")?;
        self.inner.expect_stop(StreamId(id), now_arg(at_ms));
        Ok(())
    }

    /// The stage of a tracked stream, or `null`.
    ///
    /// # Errors
    /// Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
    #[wasm_bindgen(unchecked_return_type = "Stage | null")]
    pub fn stage(&self, #[wasm_bindgen(js_name = streamId)] stream_id: f64) -> Result<JsValue, JsValue> {
        let id = id_arg(stream_id, "streamId")?;
        Ok(match self.inner.stage(StreamId(id)) {
            Some(s) => JsValue::from_str(s.as_str()),
            None => JsValue::NULL,
        })
    }

    /// What the guide prescribes for the stream now, worked out from the tracked state alone: every
    /// action still due (`apply` returns an action once, when an event makes it due). Empty for an
    /// untracked stream, or while the next move is the platform's or the user's. Use it after a lost
    /// webhook, a crash before acting, or an API response folded in with `applyStream`.
    ///
    /// # Errors
    /// Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
    #[wasm_bindgen(js_name = nextActions, unchecked_return_type = "Action[]")]
    pub fn next_actions(
        &self,
        #[wasm_bindgen(js_name = streamId)] stream_id: f64,
    ) -> Result<JsValue, JsValue> {
        let id = id_arg(stream_id, "streamId")?;
        let mut out = String::new();
        json::Sink::open(&mut out, true);
        for a in self.inner.next_actions(StreamId(id)) {
            a.write_json(&mut out);
        }
        json::Sink::close(&mut out, true);
        js_sys::JSON::parse(&out)
    }

    /// A tracked stream (with its stage, broadcasts and recordings), or `null`.
    ///
    /// # Errors
    /// Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
    #[wasm_bindgen(unchecked_return_type = "TrackedStream | null")]
    pub fn stream(&self, id: f64) -> Result<JsValue, JsValue> {
        entity_js(id, &mut |id, out| {
            let s = self.inner.stream(StreamId(id));
            s.as_ref().map(|s| s.write_json(out, false)).is_some()
        })
    }

    /// A tracked broadcast, or `null`.
    ///
    /// # Errors
    /// Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
    #[wasm_bindgen(unchecked_return_type = "TrackedBroadcast | null")]
    pub fn broadcast(&self, id: f64) -> Result<JsValue, JsValue> {
        entity_js(id, &mut |id, out| {
            let b = self.inner.broadcast(BroadcastId(id));
            b.map(|b| b.write_json(out)).is_some()
        })
    }

    /// A tracked video, or `null`.
    ///
    /// # Errors
    /// Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
    #[wasm_bindgen(unchecked_return_type = "TrackedVideo | null")]
    pub fn video(&self, id: f64) -> Result<JsValue, JsValue> {
        entity_js(id, &mut |id, out| {
            let v = self.inner.video(VideoId(id));
            v.map(|v| v.write_json(out)).is_some()
        })
    }

    /// The ids of the tracked streams.
    #[wasm_bindgen(unchecked_return_type = "number[]")]
    pub fn streams(&self) -> Result<JsValue, JsValue> {
        let out = Array::new();
        for id in self.inner.stream_ids() {
            out.push(&JsValue::from_f64(id.0 as f64));
        }
        Ok(out.into())
    }

    /// The state as compact, versioned JSON text (persist it; edge functions keep no memory).
    pub fn snapshot(&self) -> String {
        self.inner.snapshot()
    }

    /// A tracker identical to the one that made `snapshot`.
    ///
    /// # Errors
    /// Throws a `WebhookError` (`invalid_snapshot`) for a corrupt or foreign snapshot.
    pub fn restore(
        #[wasm_bindgen(unchecked_param_type = "string")] snapshot: JsValue,
    ) -> Result<WebhookTracker, JsValue> {
        // The type first: a non-string (`{ length: 1e8 }`) is never copied.
        let Some(text) = snapshot.as_string() else {
            return Err(throw(WebhookError::new(
                Code::InvalidSnapshot,
                "",
                "expected a tracker snapshot (a string)",
            )));
        };
        Tracker::restore(&text)
            .map(|inner| WebhookTracker { inner })
            .map_err(throw)
    }

    /// (Internal to the package's JS.) `restore` of the `len` bytes in the input buffer (the
    /// package writes the snapshot there: no copy of the text); `undefined` when they are not a
    /// snapshot (the caller repeats the call through `restore`, which throws the error).
    #[wasm_bindgen(js_name = __restoreInput, skip_typescript)]
    pub fn restore_input(len: usize) -> Option<WebhookTracker> {
        with_scratch(|s| {
            let text = core::str::from_utf8(s.input.get(..len)?).ok()?;
            let inner = Tracker::restore(text).ok()?;
            Some(WebhookTracker { inner })
        })
        .flatten()
    }

    /// Drops a finished stream and what hangs on it; returns whether it was tracked.
    ///
    /// # Errors
    /// Throws a `WebhookError` (`invalid_value`) for an id that is not a positive integer.
    pub fn forget(&mut self, #[wasm_bindgen(js_name = streamId)] stream_id: f64) -> Result<bool, JsValue> {
        let id = id_arg(stream_id, "streamId")?;
        Ok(self.inner.forget(StreamId(id)))
    }
}
