//! JS `LiveSession`: the guide's four stages over the raw client path.
//!
//! The same steps as [`crate::client::LiveSession`] (which Rust users keep), but resources are never
//! decoded in Rust: each answer is handed to the engine's `JSON.parse`, the session reads only the
//! few fields it needs (ids, statuses) from the parsed object, and keeps the JSON text of the stream,
//! broadcast and videos it last read (so `state` is one `JSON.parse` of spliced text, a fresh copy).

use super::client::{check_object, id_of, StreamingClient};
use super::client::{
    client_error, invalid, opt_number, prop, request_options, resource, run, with_json, Inner,
};
use crate::client::params::{self, Params, BROADCAST, STREAM};
use crate::client::{CallOptions, ClientError, Paginator, Transport, WaitOptions, Wake};
use crate::domain::ids::{BroadcastId, StreamId, VideoId};
use crate::domain::json::Cat;
use crate::domain::model::BroadcastStatus;
use crate::domain::request::{num, ApiRequest, ListBroadcastsQuery, Operation, ParamError};
use crate::domain::webhook::Action;
use crate::prelude::*;
use alloc::rc::Rc;
use core::cell::RefCell;
use core::future::Future;
use core::pin::Pin;
use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;

type Opts = CallOptions<JsValue>;

/// Where the session stands (`LiveSessionState.status`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Ready,
    Live,
    Paused,
    Stopped,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Self::Ready => "ready",
            Self::Live => "live",
            Self::Paused => "paused",
            Self::Stopped => "stopped",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "ready" => Self::Ready,
            "live" => Self::Live,
            "paused" => Self::Paused,
            "stopped" => Self::Stopped,
            _ => return None,
        })
    }
}

/// A resource as last read: its JSON text and the id read from it.
struct Res<I> {
    id: I,
    text: String,
}

struct State {
    stream: Res<u64>,
    broadcast: Res<Option<u64>>,
    status: Status,
    recording: bool,
    resume_recording: bool,
    videos: Vec<Res<u64>>,
}

impl State {
    fn add_video(&mut self, video: Res<u64>) {
        if let Some(v) = self.videos.iter_mut().find(|v| v.id == video.id) {
            *v = video;
        } else {
            self.videos.push(video);
        }
    }

    fn to_json(&self) -> String {
        let mut s = String::with_capacity(
            64 + self.stream.text.len()
                + self.broadcast.text.len()
                + self.videos.iter().map(|v| v.text.len() + 1).sum::<usize>(),
        );
        s.push_str("{\"stream\":");
        s.push_str(&self.stream.text);
        s.push_str(",\"broadcast\":");
        s.push_str(&self.broadcast.text);
        s.push_str(",\"status\":\"");
        s.push_str(self.status.as_str());
        s.push_str("\",\"recording\":");
        s.push_str(bool_str(self.recording));
        s.push_str(",\"resumeRecording\":");
        s.push_str(bool_str(self.resume_recording));
        s.push_str(",\"videos\":");
        push_list(&mut s, &self.videos);
        s.push('}');
        s
    }
}

fn bool_str(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

fn push_list(s: &mut String, items: &[Res<u64>]) {
    s.push('[');
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&v.text);
    }
    s.push(']');
}

/// A non-negative integer property (`None` when absent or not one).
fn uint(obj: &JsValue, key: &str) -> Option<u64> {
    prop(obj, key)?
        .as_f64()
        .filter(|n| (*n % 1.0) == 0.0 && *n >= 0.0 && *n <= 9_007_199_254_740_991.0)
        .map(|n| n as u64)
}

fn no_id(operation: Operation, what: &str) -> JsValue {
    client_error(&ClientError::InvalidResponse {
        operation,
        status: 200,
        message: [what, " has no id"].cat(),
    })
}

fn stringify(v: &JsValue) -> String {
    js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| "null".to_owned())
}

/// The guide's four stages, one call each: `setup` → `goLive` → `startRecording` → `stop` (+ `pause`/
/// `resume` for interruptions, `waitForVideoReady`, and `perform` for the webhook tracker's actions).
#[wasm_bindgen]
pub struct LiveSession {
    inner: Rc<Inner2>,
}

struct Inner2 {
    client: Inner,
    state: RefCell<State>,
    wake: Wake,
}

/// A boxed [`call`]: the parsed answer and its body text.
type Answer<'a> = Pin<Box<dyn Future<Output = Result<(JsValue, String), JsValue>> + 'a>>;

/// A boxed step of a stage (so that each is compiled once, not inlined into every stage using it).
type Step<'a, T = JsValue> = Pin<Box<dyn Future<Output = Result<T, JsValue>> + 'a>>;

/// One request; the answer parsed by the engine (and its body text, for the state). Boxed, and the
/// request moved in: every step of every stage awaits this one future type, so its state is a
/// pointer in theirs.
fn call<'a>(client: &'a Inner, req: ApiRequest, opts: &'a Opts) -> Answer<'a> {
    Box::pin(async move {
        let raw = client
            .execute_raw(&req, opts)
            .await
            .map_err(|e| client_error(&e))?;
        let value = resource(req.operation, &raw)?;
        Ok((value, raw.body))
    })
}

/// A resource answer with its numeric `id` (else the `invalid_response` error about `what`).
#[inline(never)]
fn res_from(value: &JsValue, text: String, operation: Operation, what: &str) -> Result<Res<u64>, JsValue> {
    let id = uint(value, "id").ok_or_else(|| no_id(operation, what))?;
    Ok(Res { id, text })
}

/// Lists the broadcasts for the one `setup` created (bound to the stream, named `name`; the newest).
async fn find_broadcast(
    client: &Inner,
    name: &str,
    stream_id: u64,
    opts: &Opts,
) -> Result<Res<Option<u64>>, JsValue> {
    let mut pages = Paginator::broadcasts(ListBroadcastsQuery::default());
    let mut best: Option<(u64, JsValue)> = None;
    while let Some(req) = pages.next_request() {
        let (page, _) = call(client, req, opts).await?;
        let items: Array = page.unchecked_into();
        pages.accept_len(items.length() as usize);
        for b in items.iter() {
            let bound = prop(&b, "stream_ids").filter(Array::is_array).is_some_and(|ids| {
                ids.unchecked_ref::<Array>()
                    .includes(&JsValue::from_f64(stream_id as f64), 0)
            });
            let named = prop(&b, "name").and_then(|n| n.as_string()).as_deref() == Some(name);
            if let (true, true, Some(id)) = (bound, named, uint(&b, "id")) {
                if best.as_ref().is_none_or(|(x, _)| id > *x) {
                    best = Some((id, b));
                }
            }
        }
    }
    best.map(|(id, b)| Res {
        id: Some(id),
        text: stringify(&b),
    })
    .ok_or_else(|| {
        no_id(
            Operation::CreateBroadcast,
            "the created broadcast was not returned nor listed; it",
        )
    })
}

/// `PATCH /streaming/streams/{id}` with `{"stream":{"active":…}}`.
fn stream_active(id: u64, active: bool) -> ApiRequest {
    let mut p = Params::new(STREAM);
    p.set("active", bool_str(active).to_owned());
    params::update_stream(id, &p)
}

/// `setup`'s plain work, out of its async state machine: reads the options (in the order the
/// errors are reported) and builds the first request (create or read/update the stream).
#[inline(never)]
fn setup_plan(options: &JsValue, opts: &JsValue) -> Result<(ApiRequest, Params, String, Opts), JsValue> {
    let (stream, stream_id, transcoding_region, broadcast) = with_json(options, "", params::setup_options)?;
    let o = request_options(opts)?;
    let name = broadcast.str("name").filter(|n| !n.trim().is_empty());
    let Some(name) = name else {
        return Err(invalid("broadcast.name", "is required and must not be blank"));
    };
    let region = transcoding_region.as_deref().map(params::json_str);
    let req = match stream_id {
        Some(id) => {
            let mut patch = stream.unwrap_or_else(|| Params::new(STREAM));
            if let Some(r) = region {
                patch.set("transcoding_region", r);
            }
            if patch.is_empty() {
                ApiRequest::get_stream(StreamId(id))
            } else {
                params::update_stream(id, &patch)
            }
        }
        None => {
            let mut params = stream.ok_or_else(|| {
                invalid(
                    "stream",
                    "give the stream to create (with a name) or a streamId to reuse",
                )
            })?;
            params.set("active", "false".to_owned());
            if let Some(r) = region {
                params.set("transcoding_region", r);
            }
            params::create_stream(&params).map_err(|e| param_error(&e))?
        }
    };
    Ok((req, broadcast, name, o))
}

/// `POST /streaming/broadcasts`: the pending broadcast, bound to the stream.
#[inline(never)]
fn create_broadcast(mut broadcast: Params, stream_id: u64) -> Result<ApiRequest, JsValue> {
    broadcast.set("status", "\"pending\"".to_owned());
    broadcast.set("stream_ids", ["[", &num(stream_id), "]"].cat());
    params::create_broadcast(&broadcast).map_err(|e| param_error(&e))
}

async fn setup(
    client: Inner,
    (req, broadcast, name, opts): (ApiRequest, Params, String, Opts),
) -> Result<LiveSession, JsValue> {
    let op = req.operation;
    let (value, text) = call(&client, req, &opts).await?;
    let stream = res_from(&value, text, op, "the stream")?;
    let req = create_broadcast(broadcast, stream.id)?;
    let (created, text) = call(&client, req, &opts).await?;
    let broadcast = match uint(&created, "id") {
        Some(id) => Res { id: Some(id), text },
        None => find_broadcast(&client, &name, stream.id, &opts).await?,
    };
    let (value, text) = call(&client, stream_active(stream.id, true), &opts).await?;
    let stream = res_from(&value, text, Operation::UpdateStream, "the stream")?;
    Ok(LiveSession::new(
        client,
        State {
            stream,
            broadcast,
            status: Status::Ready,
            recording: false,
            resume_recording: false,
            videos: Vec::new(),
        },
    ))
}

fn param_error(e: &ParamError) -> JsValue {
    invalid(&e.path, &e.message)
}

fn bool_prop(obj: &JsValue, key: &str, path: &str) -> Result<bool, JsValue> {
    match prop(obj, key) {
        Some(v) => v.as_bool().ok_or_else(|| invalid(path, "must be a boolean")),
        None => Ok(false),
    }
}

fn res_of(v: &JsValue, path: &str) -> Result<Res<u64>, JsValue> {
    if !v.is_object() {
        return Err(invalid(path, "must be an object"));
    }
    let id = match prop(v, "id") {
        Some(id) => id_of(&id, &[path, ".id"].cat())?,
        None => return Err(invalid(&[path, ".id"].cat(), "is required")),
    };
    Ok(Res {
        id,
        text: stringify(v),
    })
}

fn state_of(v: &JsValue) -> Result<State, JsValue> {
    if !v.is_object() {
        return Err(invalid("state", "must be an object"));
    }
    let stream = res_of(&prop(v, "stream").unwrap_or(JsValue::UNDEFINED), "state.stream")?;
    let b = prop(v, "broadcast").unwrap_or(JsValue::UNDEFINED);
    if !b.is_object() {
        return Err(invalid("state.broadcast", "must be an object"));
    }
    let broadcast = Res {
        id: match prop(&b, "id") {
            Some(id) => Some(id_of(&id, "state.broadcast.id")?),
            None => None,
        },
        text: stringify(&b),
    };
    let status = match prop(v, "status") {
        Some(s) => s
            .as_string()
            .as_deref()
            .and_then(Status::parse)
            .ok_or_else(|| invalid("state.status", "must be one of ready, live, paused, stopped"))?,
        None => Status::Ready,
    };
    let mut videos = Vec::new();
    if let Some(list) = prop(v, "videos") {
        if !Array::is_array(&list) {
            return Err(invalid("state.videos", "must be an array"));
        }
        for item in list.unchecked_into::<Array>().iter() {
            videos.push(res_of(&item, "state.videos")?);
        }
    }
    Ok(State {
        stream,
        broadcast,
        status,
        recording: bool_prop(v, "recording", "state.recording")?,
        resume_recording: bool_prop(v, "resumeRecording", "state.resumeRecording")?,
        videos,
    })
}

impl LiveSession {
    fn new(client: Inner, state: State) -> Self {
        Self {
            inner: Rc::new(Inner2 {
                client,
                state: RefCell::new(state),
                wake: Wake::default(),
            }),
        }
    }

    /// Runs a stage over the session with its `options` (read by [`request_options`] first): one
    /// async wrapper for the stages that share it.
    fn stage(&self, options: JsValue, stage: Stage) -> Promise {
        let s = self.inner.clone();
        run(async move {
            let o = request_options(&options)?;
            stage(&s, &options, &o).await
        })
    }
}

impl Inner2 {
    fn stream_id(&self) -> StreamId {
        StreamId(self.state.borrow().stream.id)
    }

    fn set_broadcast<'a>(&'a self, status: BroadcastStatus, opts: &'a Opts) -> Step<'a> {
        Box::pin(async move {
            let id = self
                .state
                .borrow()
                .broadcast
                .id
                .ok_or_else(|| no_id(Operation::UpdateBroadcast, "the session's broadcast"))?;
            let mut patch = Params::new(BROADCAST);
            patch.set("status", params::json_str(status.as_str()));
            let (value, text) = call(&self.client, params::update_broadcast(id, &patch), opts).await?;
            let mut st = self.state.borrow_mut();
            st.broadcast = Res {
                id: uint(&value, "id").or(Some(id)),
                text,
            };
            Ok(value)
        })
    }

    fn start_recording<'a>(&'a self, opts: &'a Opts) -> Step<'a> {
        Box::pin(async move {
            let (value, _) = call(&self.client, ApiRequest::start_recording(self.stream_id()), opts).await?;
            self.state.borrow_mut().recording = true;
            Ok(value)
        })
    }

    fn stop_recording<'a>(&'a self, opts: &'a Opts) -> Step<'a> {
        Box::pin(async move {
            let (value, text) =
                call(&self.client, ApiRequest::stop_recording(self.stream_id()), opts).await?;
            let video = if value.is_null() {
                None
            } else {
                Some(res_from(
                    &value,
                    text,
                    Operation::StopRecording,
                    "the recorded video",
                )?)
            };
            let mut st = self.state.borrow_mut();
            st.recording = false;
            if let Some(v) = video {
                st.add_video(v);
            }
            Ok(value)
        })
    }
}

/// A stage's body: the session, the method's options (already checked as [`request_options`]) and
/// the request options read from them.
type Stage = for<'a> fn(&'a Inner2, &'a JsValue, &'a Opts) -> Step<'a>;

fn go_live<'a>(s: &'a Inner2, _: &'a JsValue, opts: &'a Opts) -> Step<'a> {
    Box::pin(async move {
        let b = s.set_broadcast(BroadcastStatus::Live, opts).await?;
        s.state.borrow_mut().status = Status::Live;
        Ok(b)
    })
}

fn start_recording<'a>(s: &'a Inner2, _: &'a JsValue, opts: &'a Opts) -> Step<'a> {
    s.start_recording(opts)
}

fn pause<'a>(s: &'a Inner2, options: &'a JsValue, opts: &'a Opts) -> Step<'a> {
    Box::pin(async move {
        let stop = bool_prop(options, "stopRecording", "options.stopRecording")?;
        s.set_broadcast(BroadcastStatus::Paused, opts).await?;
        s.state.borrow_mut().status = Status::Paused;
        let recording = s.state.borrow().recording;
        if stop && recording {
            let video = s.stop_recording(opts).await?;
            s.state.borrow_mut().resume_recording = true;
            return Ok(video);
        }
        Ok(JsValue::NULL)
    })
}

fn resume<'a>(s: &'a Inner2, _: &'a JsValue, opts: &'a Opts) -> Step<'a> {
    Box::pin(async move {
        s.set_broadcast(BroadcastStatus::Live, opts).await?;
        s.state.borrow_mut().status = Status::Live;
        if s.state.borrow().resume_recording {
            let r = s.start_recording(opts).await?;
            s.state.borrow_mut().resume_recording = false;
            return Ok(r);
        }
        Ok(JsValue::NULL)
    })
}

fn stop<'a>(s: &'a Inner2, _: &'a JsValue, opts: &'a Opts) -> Step<'a> {
    Box::pin(async move {
        s.stop_recording(opts).await?;
        s.state.borrow_mut().resume_recording = false;
        s.set_broadcast(BroadcastStatus::Finished, opts).await?;
        let (value, text) = call(&s.client, stream_active(s.stream_id().0, false), opts).await?;
        s.state.borrow_mut().stream = res_from(&value, text, Operation::UpdateStream, "the stream")?;
        let id = s
            .state
            .borrow()
            .broadcast
            .id
            .ok_or_else(|| no_id(Operation::DeleteBroadcast, "the session's broadcast"))?;
        call(&s.client, ApiRequest::delete_broadcast(BroadcastId(id)), opts).await?;
        let mut st = s.state.borrow_mut();
        st.status = Status::Stopped;
        let mut text = String::new();
        push_list(&mut text, &st.videos);
        js_sys::JSON::parse(&text)
    })
}

impl Inner2 {
    async fn wait_for_video_ready(&self, wait: &WaitOptions, opts: &Opts) -> Result<JsValue, JsValue> {
        let id = match wait.video_id {
            Some(id) => id.0,
            None => self.state.borrow().videos.last().map(|v| v.id).ok_or_else(|| {
                client_error(&ClientError::InvalidState {
                    message: "the session has no recording to wait for (pass videoId)".into(),
                })
            })?,
        };
        let transport = self.client.transport();
        let deadline = transport.now_ms() + wait.timeout_ms.max(0.0);
        let mut delay = wait.interval_ms.max(0.0);
        self.wake.set_waiting(Some(VideoId(id)));
        let result = loop {
            let (video, text) = match call(&self.client, ApiRequest::get_video(VideoId(id)), opts).await {
                Ok(v) => v,
                Err(e) => break Err(e),
            };
            {
                let mut st = self.state.borrow_mut();
                if st.videos.iter().any(|v| v.id == id) {
                    st.add_video(Res { id, text });
                }
            }
            match prop(&video, "status").and_then(|s| s.as_string()).as_deref() {
                Some("ready") => break Ok(video),
                Some("error") => break Err(video_failed(id, &video)),
                _ => {}
            }
            let remaining = deadline - transport.now_ms();
            if remaining <= 0.0 {
                break Err(client_error(&ClientError::Timeout {
                    operation: Operation::GetVideo,
                    timeout_ms: wait.timeout_ms,
                }));
            }
            let sleep = transport.sleep(delay.min(remaining), opts.signal.as_ref());
            if self.wake.sleep_or_notified(sleep).await.is_err() {
                break Err(client_error(&ClientError::Aborted {
                    operation: Operation::GetVideo,
                }));
            }
            delay = (delay * 2.0).min(wait.max_interval_ms.max(wait.interval_ms));
        };
        self.wake.set_waiting(None);
        result
    }

    async fn perform(&self, action: &Action, body: Option<String>, opts: &Opts) -> Result<JsValue, JsValue> {
        let mut req: ApiRequest = action.request().ok_or_else(|| {
            invalid(
                id_field(action.operation),
                &["is required for ", action.operation.as_str()].cat(),
            )
        })?;
        req.body = body;
        let (value, text) = call(&self.client, req, opts).await?;
        let mut st = self.state.borrow_mut();
        let ours_stream = action.stream_id == Some(StreamId(st.stream.id));
        let id = uint(&value, "id");
        match action.operation {
            Operation::StopRecording if ours_stream => {
                if let Some(id) = id {
                    st.add_video(Res { id, text });
                }
                st.recording = false;
            }
            Operation::StartRecording if ours_stream => st.recording = true,
            Operation::CreateStream | Operation::GetStream | Operation::UpdateStream
                if id == Some(st.stream.id) =>
            {
                st.stream.text = text;
            }
            Operation::CreateBroadcast | Operation::GetBroadcast | Operation::UpdateBroadcast
                if id.is_some() && id == st.broadcast.id =>
            {
                match prop(&value, "status").and_then(|s| s.as_string()).as_deref() {
                    Some("live") => st.status = Status::Live,
                    Some("paused") => st.status = Status::Paused,
                    _ => {}
                }
                st.broadcast.text = text;
            }
            _ => {}
        }
        Ok(value)
    }
}

fn video_failed(id: u64, video: &JsValue) -> JsValue {
    let error = prop(video, "error")
        .and_then(|e| e.as_string())
        .unwrap_or_else(|| "status error".to_owned());
    let message = ["video ", &num(id), " failed to process: ", &error].cat();
    super::js_error(
        "StreamingError",
        "video_failed",
        &message,
        &[("video", video.clone())],
    )
}

fn id_field(op: Operation) -> &'static str {
    match op {
        Operation::GetBroadcast | Operation::UpdateBroadcast | Operation::DeleteBroadcast => "broadcast_id",
        Operation::GetVideo | Operation::DeleteVideo => "video_id",
        _ => "stream_id",
    }
}

#[wasm_bindgen]
impl LiveSession {
    /// Stage 1: creates the stream inactive (or reuses `streamId`, updating its region), creates the
    /// pending broadcast bound to it, enables the stream.
    #[wasm_bindgen(unchecked_return_type = "Promise<LiveSession>")]
    pub fn setup(
        client: &StreamingClient,
        #[wasm_bindgen(unchecked_param_type = "LiveSessionOptions")] options: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] opts: JsValue,
    ) -> Promise {
        let c = client.inner.clone();
        run(async move {
            let plan = setup_plan(&options, &opts)?;
            Ok(JsValue::from(setup(c, plan).await?))
        })
    }

    /// A session over stored state (`session.state`), e.g. in another request handler.
    pub fn attach(
        client: &StreamingClient,
        #[wasm_bindgen(unchecked_param_type = "LiveSessionState")] state: JsValue,
    ) -> Result<LiveSession, JsValue> {
        Ok(LiveSession::new(client.inner.clone(), state_of(&state)?))
    }

    /// The session's state, as data.
    #[wasm_bindgen(getter, unchecked_return_type = "LiveSessionState")]
    pub fn state(&self) -> Result<JsValue, JsValue> {
        js_sys::JSON::parse(&self.inner.state.borrow().to_json())
    }

    /// Stage 2: sets the broadcast live.
    #[wasm_bindgen(js_name = goLive, unchecked_return_type = "Promise<Broadcast>")]
    pub fn go_live(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.stage(options, go_live)
    }

    /// Stage 3: starts recording (resolves to the platform's warnings).
    #[wasm_bindgen(js_name = startRecording, unchecked_return_type = "Promise<StartRecordingResult>")]
    pub fn start_recording(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.stage(options, start_recording)
    }

    /// Interruption: pauses the broadcast (and with `stopRecording`, stops the recording: resolves
    /// to the video it produced).
    #[wasm_bindgen(unchecked_return_type = "Promise<Video | null>")]
    pub fn pause(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "PauseOptions")] options: JsValue,
    ) -> Promise {
        self.stage(options, pause)
    }

    /// After an interruption: the broadcast live again, and the recording restarted if `pause`
    /// stopped it (resolves to its result, else `null`).
    #[wasm_bindgen(unchecked_return_type = "Promise<StartRecordingResult | null>")]
    pub fn resume(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.stage(options, resume)
    }

    /// Stage 4: stops recording, finishes the broadcast, disables the stream, deletes the broadcast;
    /// resolves to every video recorded during the session.
    #[wasm_bindgen(unchecked_return_type = "Promise<Video[]>")]
    pub fn stop(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        self.stage(options, stop)
    }

    /// Polls the recording with backoff until it is `ready` (rejects with `video_failed` on
    /// `error`). `notifyVideo` (from webhooks) makes it poll at once.
    #[wasm_bindgen(js_name = waitForVideoReady, unchecked_return_type = "Promise<Video>")]
    pub fn wait_for_video_ready(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "WaitForVideoOptions")] options: JsValue,
    ) -> Promise {
        let s = self.inner.clone();
        run(async move {
            check_object(&options, "options")?;
            let d = WaitOptions::default();
            let video_id = prop(&options, "videoId")
                .map(|v| id_of(&v, "options.videoId").map(VideoId))
                .transpose()?;
            let wait = WaitOptions {
                video_id,
                interval_ms: opt_number(&options, "intervalMs", "options.intervalMs")?
                    .unwrap_or(d.interval_ms),
                max_interval_ms: opt_number(&options, "maxIntervalMs", "options.maxIntervalMs")?
                    .unwrap_or(d.max_interval_ms),
                timeout_ms: opt_number(&options, "timeoutMs", "options.timeoutMs")?.unwrap_or(d.timeout_ms),
            };
            let o = CallOptions {
                signal: request_options(&options)?.signal,
                ..CallOptions::default()
            };
            s.wait_for_video_ready(&wait, &o).await
        })
    }

    /// Feeds a video event (a video id, or a `video` webhook's `message.video`): a pending
    /// `waitForVideoReady` for it polls at once. Returns whether a wait was woken.
    #[wasm_bindgen(js_name = notifyVideo)]
    pub fn notify_video(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number | { id: number }")] video: JsValue,
    ) -> Result<bool, JsValue> {
        let id = match prop(&video, "id") {
            Some(id) => id_of(&id, "video.id")?,
            None => id_of(&video, "video")?,
        };
        Ok(self.inner.wake.notify(VideoId(id)))
    }

    /// Executes an action of the webhook tracker and keeps the session's state in step.
    #[wasm_bindgen(unchecked_return_type = "Promise<PerformResult>")]
    pub fn perform(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ApiAction")] action: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
    ) -> Promise {
        let s = self.inner.clone();
        run(async move {
            let (a, body) = with_json(&action, "action", |j| params::action(j, "action"))?;
            let o = request_options(&options)?;
            s.perform(&a, body, &o).await
        })
    }
}
