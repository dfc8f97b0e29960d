//! The guide's four stages, one call each: setup → go live → record → stop (+ pause/resume for the
//! interruption case, and waiting for the recording to be processed).

use super::{CallOptions, Client, ClientError, Paginator, Transport};
use crate::domain::ids::{BroadcastId, StreamId, VideoId};
use crate::domain::model::{Broadcast, BroadcastStatus, StartRecordingResult, Stream, Video, VideoStatus};
use crate::domain::request::{
    ApiRequest, BroadcastParams, ListBroadcastsQuery, Operation, ParamError, StreamParams,
};
use crate::domain::response::ResponseValue;
use crate::domain::text::Cat;
use crate::domain::webhook::Action;
use crate::prelude::*;
use alloc::rc::Rc;
use core::cell::{Cell, RefCell};
use core::future::Future;
use core::pin::pin;
use core::task::{Poll, Waker};
use serde::{Deserialize, Serialize};

/// What [`LiveSession::setup`] does: create a stream (or reuse one) and a broadcast bound to it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SessionOptions {
    /// The stream to create (step 1; `name` required; it is always created with `active: false`), or,
    /// with `stream_id`, the settings to update on the reused stream.
    pub stream: Option<StreamParams>,
    /// Reuse this stream instead of creating one (the guide's "reuse of a stream" case).
    pub stream_id: Option<StreamId>,
    /// The transcoding region to set (e.g. `ix1`, `dt1`): on create, and on the reused stream.
    pub transcoding_region: Option<String>,
    /// The broadcast to create (step 2; `name` required; `status` is set to `pending` and
    /// `stream_ids` to the stream).
    pub broadcast: BroadcastParams,
}

/// Where the session stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    /// Set up: stream enabled, broadcast pending (stage 1 done).
    #[default]
    Ready,
    /// The broadcast is live (stage 2 done).
    Live,
    /// The broadcast is paused (interruption).
    Paused,
    /// Stopped: broadcast finished and deleted, stream disabled (stage 4 done).
    Stopped,
}

/// The session's state, as data (it can be stored and given back to [`LiveSession::attach`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionState {
    /// The stream as last read.
    pub stream: Stream,
    /// The broadcast as last read.
    pub broadcast: Broadcast,
    /// Where the session stands.
    #[serde(default)]
    pub status: SessionStatus,
    /// Whether the session started a recording that is not stopped yet.
    #[serde(default)]
    pub recording: bool,
    /// Whether `pause` stopped the recording (so `resume` starts it again).
    #[serde(default)]
    pub resume_recording: bool,
    /// The recordings made during the session, oldest first (one per start/stop).
    #[serde(default)]
    pub videos: Vec<Video>,
}

/// How [`LiveSession::wait_for_video_ready`] polls.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct WaitOptions {
    /// The video to wait for (default: the session's latest recording).
    pub video_id: Option<VideoId>,
    /// First wait between polls, in ms (default 2000); doubles up to `max_interval_ms`.
    pub interval_ms: f64,
    /// Longest wait between polls, in ms (default 30000).
    pub max_interval_ms: f64,
    /// Give up (error `timeout`) after this many ms (default 1 hour).
    pub timeout_ms: f64,
}

impl Default for WaitOptions {
    fn default() -> Self {
        Self {
            video_id: None,
            interval_ms: 2000.0,
            max_interval_ms: 30_000.0,
            timeout_ms: 3_600_000.0,
        }
    }
}

/// Wakes a [`LiveSession::wait_for_video_ready`] early (shared with the JS binding's session).
#[derive(Default)]
pub(crate) struct Wake {
    generation: Cell<u64>,
    waiting: Cell<Option<VideoId>>,
    waker: RefCell<Option<Waker>>,
}

impl Wake {
    /// Marks `id` as waited for (or nothing).
    pub(crate) fn set_waiting(&self, id: Option<VideoId>) {
        self.waiting.set(id);
    }

    /// Waits for the first of `sleep` (its result) and a [`Wake::notify`] (`Ok`).
    pub(crate) async fn sleep_or_notified<E>(
        &self,
        sleep: impl Future<Output = Result<(), E>>,
    ) -> Result<(), E> {
        let start = self.generation.get();
        race(sleep, Notified { wake: self, start }).await
    }

    /// Wakes the wait for `video_id`, if that is the video waited for.
    pub(crate) fn notify(&self, video_id: VideoId) -> bool {
        if self.waiting.get() != Some(video_id) {
            return false;
        }
        self.generation.set(self.generation.get().wrapping_add(1));
        if let Some(w) = self.waker.borrow_mut().take() {
            w.wake();
        }
        true
    }
}

/// A live session: the guide's stages as one call each, over a shared [`Client`].
pub struct LiveSession<T: Transport> {
    client: Rc<Client<T>>,
    state: RefCell<SessionState>,
    wake: Wake,
}

impl<T: Transport> core::fmt::Debug for LiveSession<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("LiveSession")
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

/// An answer without the id the session needs, as an error of the operation that needed it.
fn missing_id(operation: Operation, what: &str) -> ClientError {
    ClientError::InvalidResponse {
        operation,
        status: 200,
        message: [what, " has no id"].cat(),
    }
}

impl<T: Transport> LiveSession<T> {
    /// Stage 1 (steps 1–3): creates the stream inactive (or reuses `stream_id`, updating its region
    /// and settings), creates the pending broadcast bound to it, then enables the stream.
    ///
    /// When the platform answers the broadcast create without a body (as the spec documents), the
    /// broadcast is found by listing broadcasts (the newest with this name bound to the stream).
    ///
    /// # Errors
    /// [`ClientError`] of the failing step (`invalid_params` for missing names). A stream created before
    /// a failing step stays (inactive); the error says which operation failed.
    pub async fn setup(
        client: Rc<Client<T>>,
        options: SessionOptions,
        opts: &CallOptions<T::Signal>,
    ) -> Result<Self, ClientError> {
        let SessionOptions {
            stream,
            stream_id,
            transcoding_region,
            broadcast,
        } = options;
        // Check the broadcast before creating anything.
        if broadcast.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
            return Err(ParamError {
                path: "broadcast.name".into(),
                message: "is required and must not be blank".into(),
            }
            .into());
        }
        let stream = match stream_id {
            Some(id) => {
                let mut patch = stream.unwrap_or_default();
                if transcoding_region.is_some() {
                    patch.transcoding_region = transcoding_region;
                }
                if patch == StreamParams::default() {
                    client.get_stream(id, opts).await?
                } else {
                    client.update_stream(id, &patch, opts).await?
                }
            }
            None => {
                let mut params = stream.ok_or_else(|| ParamError {
                    path: "stream".into(),
                    message: "give the stream to create (with a name) or a streamId to reuse".into(),
                })?;
                params.active = Some(false);
                if transcoding_region.is_some() {
                    params.transcoding_region = transcoding_region;
                }
                client.create_stream(&params, opts).await?
            }
        };
        let params = BroadcastParams {
            status: Some(BroadcastStatus::Pending),
            stream_ids: Some(vec![stream.id]),
            ..broadcast
        };
        let created = client.create_broadcast(&params, opts).await?;
        let broadcast = match created {
            Some(b) if b.id.is_some() => b,
            _ => {
                find_broadcast(
                    &client,
                    params.name.as_deref().unwrap_or_default(),
                    stream.id,
                    opts,
                )
                .await?
            }
        };
        let enable = StreamParams {
            active: Some(true),
            ..StreamParams::default()
        };
        let stream = client.update_stream(stream.id, &enable, opts).await?;
        Ok(Self::attach(
            client,
            SessionState {
                stream,
                broadcast,
                ..SessionState::default()
            },
        ))
    }

    /// A session over existing state (e.g. one stored from [`LiveSession::state`] by another request
    /// handler).
    pub fn attach(client: Rc<Client<T>>, state: SessionState) -> Self {
        Self {
            client,
            state: RefCell::new(state),
            wake: Wake::default(),
        }
    }

    /// The state, as data.
    pub fn state(&self) -> SessionState {
        self.state.borrow().clone()
    }

    /// The client.
    pub fn client(&self) -> &Rc<Client<T>> {
        &self.client
    }

    fn stream_id(&self) -> StreamId {
        self.state.borrow().stream.id
    }

    /// The broadcast's id, which `operation` needs.
    fn broadcast_id(&self, operation: Operation) -> Result<BroadcastId, ClientError> {
        self.state
            .borrow()
            .broadcast
            .id
            .ok_or_else(|| missing_id(operation, "the session's broadcast"))
    }

    async fn set_broadcast(
        &self,
        status: BroadcastStatus,
        opts: &CallOptions<T::Signal>,
    ) -> Result<Broadcast, ClientError> {
        let id = self.broadcast_id(Operation::UpdateBroadcast)?;
        let patch = BroadcastParams {
            status: Some(status),
            ..BroadcastParams::default()
        };
        let mut b = self.client.update_broadcast(id, &patch, opts).await?;
        // The spec's broadcast has no `id`: an answer without one is still the session's broadcast.
        b.id = b.id.or(Some(id));
        self.state.borrow_mut().broadcast = b.clone();
        Ok(b)
    }

    /// Stage 2 (step 5): sets the broadcast live.
    ///
    /// # Errors
    /// [`ClientError`].
    pub async fn go_live(&self, opts: &CallOptions<T::Signal>) -> Result<Broadcast, ClientError> {
        let b = self.set_broadcast(BroadcastStatus::Live, opts).await?;
        self.state.borrow_mut().status = SessionStatus::Live;
        Ok(b)
    }

    /// Stage 3 (step 7): starts recording; returns the platform's warnings (empty on 204).
    ///
    /// # Errors
    /// [`ClientError`] (`validation_failed` with `fields.name` when there is no space for recording).
    pub async fn start_recording(
        &self,
        opts: &CallOptions<T::Signal>,
    ) -> Result<StartRecordingResult, ClientError> {
        let r = self.client.start_recording(self.stream_id(), opts).await?;
        self.state.borrow_mut().recording = true;
        Ok(r)
    }

    fn add_video(&self, video: &Video) {
        let mut st = self.state.borrow_mut();
        if let Some(v) = st.videos.iter_mut().find(|v| v.id == video.id) {
            *v = video.clone();
        } else {
            st.videos.push(video.clone());
        }
    }

    async fn stop_recording(&self, opts: &CallOptions<T::Signal>) -> Result<Option<Video>, ClientError> {
        let video = self.client.stop_recording(self.stream_id(), opts).await?;
        self.state.borrow_mut().recording = false;
        if let Some(v) = &video {
            self.add_video(v);
        }
        Ok(video)
    }

    /// Interruption case: sets the broadcast paused; with `stop_recording`, also stops the recording
    /// (the recording is then split in two files, and [`LiveSession::resume`] starts it again).
    /// Returns the video the stopped recording produced.
    ///
    /// # Errors
    /// [`ClientError`].
    pub async fn pause(
        &self,
        stop_recording: bool,
        opts: &CallOptions<T::Signal>,
    ) -> Result<Option<Video>, ClientError> {
        self.set_broadcast(BroadcastStatus::Paused, opts).await?;
        self.state.borrow_mut().status = SessionStatus::Paused;
        let recording = self.state.borrow().recording;
        if stop_recording && recording {
            let video = self.stop_recording(opts).await?;
            self.state.borrow_mut().resume_recording = true;
            return Ok(video);
        }
        Ok(None)
    }

    /// After an interruption: sets the broadcast live again, and restarts the recording `pause`
    /// stopped (returning its result).
    ///
    /// # Errors
    /// [`ClientError`].
    pub async fn resume(
        &self,
        opts: &CallOptions<T::Signal>,
    ) -> Result<Option<StartRecordingResult>, ClientError> {
        self.set_broadcast(BroadcastStatus::Live, opts).await?;
        self.state.borrow_mut().status = SessionStatus::Live;
        if self.state.borrow().resume_recording {
            let r = self.start_recording(opts).await?;
            self.state.borrow_mut().resume_recording = false;
            return Ok(Some(r));
        }
        Ok(None)
    }

    /// Stage 4 (steps 9, 12, 14, 16): stops recording, finishes the broadcast, disables the stream
    /// and deletes the broadcast. Returns every video recorded during the session.
    ///
    /// # Errors
    /// [`ClientError`] of the failing step; calling `stop` again continues (each step is safe to
    /// repeat, except that a deleted broadcast answers `not_found`).
    pub async fn stop(&self, opts: &CallOptions<T::Signal>) -> Result<Vec<Video>, ClientError> {
        self.stop_recording(opts).await?;
        self.state.borrow_mut().resume_recording = false;
        self.set_broadcast(BroadcastStatus::Finished, opts).await?;
        let disable = StreamParams {
            active: Some(false),
            ..StreamParams::default()
        };
        let stream = self
            .client
            .update_stream(self.stream_id(), &disable, opts)
            .await?;
        self.state.borrow_mut().stream = stream;
        let id = self.broadcast_id(Operation::DeleteBroadcast)?;
        self.client.delete_broadcast(id, opts).await?;
        let mut st = self.state.borrow_mut();
        st.status = SessionStatus::Stopped;
        Ok(st.videos.clone())
    }

    /// Steps 17–19: polls the video (the latest recording unless `video_id` is given) with backoff
    /// until its status is `ready`, and returns it as read. [`LiveSession::notify_video`] (fed from
    /// webhooks) makes it poll at once.
    ///
    /// # Errors
    /// `video_failed` when the video ends in `error`; `timeout` after `timeout_ms`; `aborted` when the
    /// signal fires; `invalid_state` when the session has no recording; API errors of the polls.
    pub async fn wait_for_video_ready(
        &self,
        wait: &WaitOptions,
        opts: &CallOptions<T::Signal>,
    ) -> Result<Video, ClientError> {
        let id =
            match wait.video_id {
                Some(id) => id,
                None => self.state.borrow().videos.last().map(|v| v.id).ok_or_else(|| {
                    ClientError::InvalidState {
                        message: "the session has no recording to wait for (pass videoId)".into(),
                    }
                })?,
            };
        let transport = self.client.transport();
        let deadline = transport.now_ms() + wait.timeout_ms.max(0.0);
        let mut delay = wait.interval_ms.max(0.0);
        self.wake.set_waiting(Some(id));
        let result = loop {
            let video = match self.client.get_video(id, opts).await {
                Ok(v) => v,
                Err(e) => break Err(e),
            };
            if self.state.borrow().videos.iter().any(|v| v.id == id) {
                self.add_video(&video);
            }
            match video.status {
                Some(VideoStatus::Ready) => break Ok(video),
                Some(VideoStatus::Error) => {
                    break Err(ClientError::VideoFailed {
                        video: Box::new(video),
                    })
                }
                _ => {}
            }
            let remaining = deadline - transport.now_ms();
            if remaining <= 0.0 {
                break Err(ClientError::Timeout {
                    operation: Operation::GetVideo,
                    timeout_ms: wait.timeout_ms,
                });
            }
            let sleep = transport.sleep(delay.min(remaining), opts.signal.as_ref());
            if let Err(_aborted) = self.wake.sleep_or_notified(sleep).await {
                break Err(ClientError::Aborted {
                    operation: Operation::GetVideo,
                });
            }
            delay = (delay * 2.0).min(wait.max_interval_ms.max(wait.interval_ms));
        };
        self.wake.set_waiting(None);
        result
    }

    /// Feeds a video event (e.g. a `video` webhook's `message.video`, or a tracker's change): when it
    /// is the video being waited for, [`LiveSession::wait_for_video_ready`] polls at once instead of
    /// waiting (the webhook is a hint; the API is read to confirm). Returns whether a wait was woken.
    pub fn notify_video(&self, video_id: VideoId) -> bool {
        self.wake.notify(video_id)
    }

    /// Executes an action of the webhook tracker (`{operation, stream_id?, broadcast_id?, video_id?,
    /// body?, reason, step?}`) and keeps the session's state in step with its result.
    ///
    /// # Errors
    /// `invalid_params` (path `stream_id`/`broadcast_id`/`video_id`) when the action lacks the id its
    /// operation needs; else the call's [`ClientError`].
    pub async fn perform(
        &self,
        action: &Action,
        opts: &CallOptions<T::Signal>,
    ) -> Result<ResponseValue, ClientError> {
        let req: ApiRequest = action.checked_request()?;
        let value = self.client.execute(&req, opts).await?;
        let (stream_id, broadcast_id) = {
            let st = self.state.borrow();
            (st.stream.id, st.broadcast.id)
        };
        let ours_stream = action.stream_id == Some(stream_id);
        match (&value, action.operation) {
            (ResponseValue::Video(Some(v)), Operation::StopRecording) if ours_stream => {
                self.add_video(v);
                self.state.borrow_mut().recording = false;
            }
            (ResponseValue::Video(None), Operation::StopRecording) if ours_stream => {
                self.state.borrow_mut().recording = false;
            }
            (ResponseValue::Recording(_), Operation::StartRecording) if ours_stream => {
                self.state.borrow_mut().recording = true;
            }
            (ResponseValue::Stream(s), _) if s.id == stream_id => {
                self.state.borrow_mut().stream = (**s).clone();
            }
            (ResponseValue::Broadcast(Some(b)), _) if b.id.is_some() && b.id == broadcast_id => {
                let mut st = self.state.borrow_mut();
                match b.status {
                    Some(BroadcastStatus::Live) => st.status = SessionStatus::Live,
                    Some(BroadcastStatus::Paused) => st.status = SessionStatus::Paused,
                    _ => {}
                }
                st.broadcast = (**b).clone();
            }
            _ => {}
        }
        Ok(value)
    }
}

async fn find_broadcast<T: Transport>(
    client: &Client<T>,
    name: &str,
    stream_id: StreamId,
    opts: &CallOptions<T::Signal>,
) -> Result<Broadcast, ClientError> {
    let mut pages = Paginator::broadcasts(ListBroadcastsQuery::default());
    let mut best: Option<Broadcast> = None;
    while let Some(item) = pages.next(client, opts).await? {
        if let super::pages::PageItem::Broadcast(b) = item {
            let bound = b.stream_ids.as_ref().is_some_and(|ids| ids.contains(&stream_id));
            if bound && b.name.as_deref() == Some(name) && b.id > best.as_ref().and_then(|x| x.id) {
                best = Some(*b);
            }
        }
    }
    best.ok_or_else(|| {
        missing_id(
            Operation::CreateBroadcast,
            "the created broadcast was not returned nor listed; it",
        )
    })
}

struct Notified<'a> {
    wake: &'a Wake,
    start: u64,
}

impl Future for Notified<'_> {
    type Output = ();
    fn poll(self: core::pin::Pin<&mut Self>, cx: &mut core::task::Context<'_>) -> Poll<()> {
        if self.wake.generation.get() != self.start {
            return Poll::Ready(());
        }
        *self.wake.waker.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}

/// Waits for the first of `sleep` (its result) and `notified` (`Ok`).
async fn race<E>(
    sleep: impl Future<Output = Result<(), E>>,
    notified: impl Future<Output = ()>,
) -> Result<(), E> {
    let mut sleep = pin!(sleep);
    let mut notified = pin!(notified);
    core::future::poll_fn(|cx| {
        if let Poll::Ready(r) = sleep.as_mut().poll(cx) {
            return Poll::Ready(r);
        }
        if notified.as_mut().poll(cx).is_ready() {
            return Poll::Ready(Ok(()));
        }
        Poll::Pending
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_id_says_what_has_none() {
        let e = missing_id(Operation::UpdateBroadcast, "the session's broadcast");
        assert_eq!(
            e.to_string(),
            "update_broadcast answered HTTP 200: the session's broadcast has no id"
        );
    }
}
