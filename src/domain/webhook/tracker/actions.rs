//! What the guide prescribes: the actions (`Next`) and the level-triggered `next_actions`.

use super::*;

/// The actions the tracker prescribes.
#[derive(Clone, Copy)]
pub(super) enum Next {
    /// Step 5: put the broadcast on air.
    BroadcastLive,
    /// The ingest is up but playback is not ready yet: check the stream (a `transcoding: true`
    /// webhook may have been lost).
    CheckPlayback,
    /// Step 7: start recording.
    StartRecording,
    /// The stream went down without a requested stop: check it.
    CheckInterrupted,
    /// The stream was interrupted: pause the broadcast.
    PauseBroadcast,
    /// The stream was interrupted while recording: close the recording.
    CloseRecording,
    /// Step 12 after the recording stopped: finish the broadcast.
    FinishRecorded,
    /// The recording stopped without a requested stop: check the stream.
    CheckRecording,
    /// Step 16: delete the finished broadcast of an ended stream.
    DeleteBroadcast,
    /// Step 12 after the stream ended: finish the broadcast.
    FinishEnded,
    /// Step 9: stop recording.
    StopRecording,
    /// Step 14: disable the stream.
    DisableStream,
    /// Step 19: get the ready video.
    GetVideo,
}

impl Next {
    /// The operation, the guide's step (0: none) and the reason.
    fn what(self) -> (Operation, u8, &'static str) {
        match self {
            Self::BroadcastLive => (
                Operation::UpdateBroadcast,
                5,
                "the stream is live: put the broadcast on air",
            ),
            Self::CheckPlayback => (
                Operation::GetStream,
                0,
                "playback is not ready yet: check the stream",
            ),
            Self::StartRecording => (
                Operation::StartRecording,
                7,
                "the broadcast and the stream are live: start recording",
            ),
            Self::CheckInterrupted => (
                Operation::GetStream,
                0,
                "the stream went down without a requested stop: check it",
            ),
            Self::PauseBroadcast => (
                Operation::UpdateBroadcast,
                0,
                "the stream was interrupted: pause the broadcast",
            ),
            Self::CloseRecording => (
                Operation::StopRecording,
                0,
                "the stream was interrupted while recording: close the recording",
            ),
            Self::FinishRecorded => (
                Operation::UpdateBroadcast,
                12,
                "the recording stopped: finish the broadcast",
            ),
            Self::CheckRecording => (
                Operation::GetStream,
                0,
                "the recording stopped without a requested stop: check the stream",
            ),
            Self::DeleteBroadcast => (
                Operation::DeleteBroadcast,
                16,
                "the stream has ended and the broadcast is finished: delete it",
            ),
            Self::FinishEnded => (
                Operation::UpdateBroadcast,
                12,
                "the stream has ended: finish the broadcast",
            ),
            Self::StopRecording => (
                Operation::StopRecording,
                9,
                "the broadcast is finished: stop recording",
            ),
            Self::DisableStream => (
                Operation::UpdateStream,
                14,
                "the broadcast is finished: disable the stream",
            ),
            Self::GetVideo => (
                Operation::GetVideo,
                19,
                "the recorded video is ready: get its details",
            ),
        }
    }
}

/// Appends the action `next` about `stream` (and `broadcast`, `video`).
#[inline(never)]
pub(super) fn push_action(
    actions: &mut Vec<Action>,
    next: Next,
    stream: Option<StreamId>,
    broadcast: Option<BroadcastId>,
    video: Option<VideoId>,
) {
    let (operation, step, reason) = next.what();
    // What `ActionBody::broadcast_status` and `ActionBody::stream_active` write (a test checks).
    let body = match next {
        Next::BroadcastLive => Some(r#"{"broadcast":{"status":"live"}}"#),
        Next::PauseBroadcast => Some(r#"{"broadcast":{"status":"paused"}}"#),
        Next::FinishRecorded | Next::FinishEnded => Some(r#"{"broadcast":{"status":"finished"}}"#),
        Next::DisableStream => Some(r#"{"stream":{"active":false}}"#),
        _ => None,
    }
    .map(ActionBody::from_json_text);
    actions.push(Action {
        operation,
        stream_id: stream,
        broadcast_id: broadcast,
        video_id: video,
        body,
        reason: alloc::borrow::Cow::Borrowed(reason),
        step: (step > 0).then_some(step),
    });
}

impl Tracker {
    /// What the guide prescribes for `stream` now, worked out from the tracked state alone (empty for
    /// an untracked stream, or when the next move is the platform's or the user's).
    ///
    /// [`apply`](Self::apply) returns actions when an event makes them due (edge-triggered); this
    /// returns every action that is still due (level-triggered), so a receiver that lost a webhook,
    /// crashed before acting, or folds in an API response instead still learns what to do. Same
    /// operations, bodies, reasons and steps as `apply`'s. No webhook says that the stream was
    /// disabled (step 14), the broadcast deleted (16) or the video fetched (19): each stays due until
    /// what follows it shows (the stream ending, the video being ready; for step 19 a new session
    /// or [`forget`](Self::forget)).
    pub fn next_actions(&self, stream: StreamId) -> Vec<Action> {
        let mut actions = Vec::new();
        let Some(s) = self.streams.get(&stream) else {
            return actions;
        };
        let sid = Some(stream);
        let live = s.live == Some(true);
        let ready = playback_ready(s);
        let ended = s.live == Some(false);
        let recording = s.recording == Some(true);
        // By id (the map is sorted).
        let linked = || self.linked_broadcasts(stream);
        let live_b = |b: &TrackedBroadcast| matches!(b.status, Some(BroadcastStatus::Live));
        let finished_b = |b: &TrackedBroadcast| matches!(b.status, Some(BroadcastStatus::Finished));
        let stage = self.stage_of(s);
        // Asked for with `expect_stop`, or by disabling the stream or finishing its broadcast.
        let requested = s.stop_expected;
        let mut push = |next: Next, broadcast: Option<BroadcastId>, video: Option<VideoId>| {
            push_action(&mut actions, next, sid, broadcast, video);
        };
        // Whether the stop sequence (steps 9, 12, 14, 16) is under way.
        let stopping = match stage {
            Stage::Setup => {
                // Broadcasts go on air once playback is ready (step 5); until then, while the ingest
                // is up, check the stream (a `transcoding: true` webhook may have been lost).
                if ready {
                    for b in linked() {
                        if !live_b(b) && !finished_b(b) {
                            push(Next::BroadcastLive, Some(b.id), None);
                        }
                    }
                } else if live {
                    push(Next::CheckPlayback, None, None);
                }
                // A stop asked for before the broadcast went live, and the stream has ended.
                requested && ended
            }
            Stage::Test => {
                if live && !recording {
                    push(Next::StartRecording, None, None);
                }
                false
            }
            // Recording: stopping is the user's call (from step 9 on, once asked for).
            Stage::Live => requested,
            // Interrupted, and nobody has ended it since: check, pause, close (the guide's case).
            Stage::Stop if s.interrupted && !requested => {
                if !live {
                    push(Next::CheckInterrupted, None, None);
                }
                for b in linked() {
                    if live_b(b) {
                        push(Next::PauseBroadcast, Some(b.id), None);
                    }
                }
                if recording {
                    push(Next::CloseRecording, None, None);
                }
                false
            }
            // The recording stopped on its own: check; once the stream has ended, wind it down.
            Stage::Stop if !requested => {
                push(Next::CheckRecording, None, None);
                ended
            }
            Stage::Stop => true,
            // Deliveries come in any order: the video may be ready before the stop is through.
            Stage::Done => requested || ended,
        };
        if stopping {
            if recording {
                push(Next::StopRecording, None, None);
            }
            // Finish the broadcast once the recording stopped, or the stream ended.
            if !recording || ended {
                let next = if ended {
                    Next::FinishEnded
                } else {
                    Next::FinishRecorded
                };
                for b in linked() {
                    if !finished_b(b) {
                        push(next, Some(b.id), None);
                    }
                }
            }
            // Webhooks never say that steps 14 and 16 were done: each is due until what follows it
            // shows (the stream ending; the video being ready).
            let finished = linked().filter(|b| finished_b(b)).count();
            let all_finished = finished == linked().count() && (finished > 0 || !recording);
            if all_finished && s.active != Some(false) && !ended {
                push(Next::DisableStream, None, None);
            }
            if ended && stage != Stage::Done {
                for b in linked() {
                    if finished_b(b) {
                        push(Next::DeleteBroadcast, Some(b.id), None);
                    }
                }
            }
        }
        if stage == Stage::Done {
            for v in self.videos_of(stream) {
                let current = v.session == Some(s.session);
                if current && !v.deleted && v.status == Some(VideoStatus::Ready) {
                    push(Next::GetVideo, None, Some(v.id));
                }
            }
        }
        actions
    }
}
