//! The fold: webhooks and API responses into the tracked entities (outcome, changes, actions).

use super::actions::{push_action, Next};
use super::index::{broadcast_entry, sort_ids};
use super::*;

pub(super) fn change<T: ToChange>(changes: &mut Vec<Change>, field: &'static str, from: &T, to: &T) {
    changes.push(Change {
        field,
        from: from.to_change(),
        to: to.to_change(),
    });
}

/// Sets `slot` to `new` (when given and different), recording the change.
pub(super) fn set<T: ToChange + PartialEq + Clone>(
    changes: &mut Vec<Change>,
    field: &'static str,
    slot: &mut Option<T>,
    new: Option<T>,
) -> bool {
    match new {
        Some(v) if slot.as_ref() != Some(&v) => {
            let before = slot.replace(v);
            change(changes, field, &before, slot);
            true
        }
        _ => false,
    }
}

pub(super) fn broadcast_rank(s: &BroadcastStatus) -> Option<u8> {
    match s {
        BroadcastStatus::Pending => Some(0),
        BroadcastStatus::Live | BroadcastStatus::Paused => Some(1),
        BroadcastStatus::Finished => Some(2),
        BroadcastStatus::Unknown(_) => None,
    }
}

impl Tracker {
    /// Folds in a validated webhook received at `now_ms` (used only for first/last-seen times).
    pub fn apply(&mut self, event: &WebhookEvent, now_ms: Option<u64>) -> ApplyResult {
        match event {
            WebhookEvent::Stream { stream } => self.apply_stream_webhook(stream, now_ms),
            WebhookEvent::Video { video } => {
                self.apply_video_facts(video.id, video_facts(video, false), Source::Webhook, now_ms)
            }
            WebhookEvent::VideoDelete { video } => {
                self.apply_video_facts(video.id, video_facts(video, true), Source::Webhook, now_ms)
            }
            WebhookEvent::Broadcast { broadcast } => self.apply_broadcast_facts(
                broadcast.id,
                Some(broadcast.status.clone()),
                broadcast.stream_ids.clone(),
                Source::Webhook,
                now_ms,
            ),
            WebhookEvent::Restream { restream } => self.apply_restream(restream, now_ms),
            WebhookEvent::Unknown { .. } => {
                self.result(Outcome::Ignored, false, None, Vec::new(), None, None, Vec::new())
            }
        }
    }

    /// Folds in a stream from an API response (fresher than webhooks).
    pub fn apply_stream(&mut self, stream: &Stream, now_ms: Option<u64>) -> ApplyResult {
        let update = StreamUpdate {
            live: stream.live,
            backup_live: stream.backup_live,
            recording: stream.recording,
            transcoding: stream.transcoding,
            active: stream.active,
            broadcast_ids: stream.broadcast_ids.clone(),
        };
        self.apply_stream_update(stream.id, update, now_ms)
    }

    /// Folds in what the tracker reads of a stream from an API response ([`apply_stream`](Self::apply_stream)
    /// without the whole model).
    pub fn apply_stream_update(&mut self, id: StreamId, s: StreamUpdate, now_ms: Option<u64>) -> ApplyResult {
        self.apply_stream_facts(id, s, Source::Api, now_ms)
    }

    /// Folds in what the tracker reads of a broadcast from an API response
    /// ([`apply_broadcast`](Self::apply_broadcast) without the whole model).
    pub fn apply_broadcast_update(
        &mut self,
        id: BroadcastId,
        status: Option<BroadcastStatus>,
        stream_ids: Option<Vec<StreamId>>,
        now_ms: Option<u64>,
    ) -> ApplyResult {
        self.apply_broadcast_facts(id, status, stream_ids, Source::Api, now_ms)
    }

    /// Folds in what the tracker reads of a video from an API response ([`apply_video`](Self::apply_video)
    /// without the whole model).
    pub fn apply_video_update(&mut self, id: VideoId, v: VideoUpdate, now_ms: Option<u64>) -> ApplyResult {
        let facts = VideoFacts {
            update: v,
            ..VideoFacts::default()
        };
        self.apply_video_facts(id, facts, Source::Api, now_ms)
    }

    /// Folds in a broadcast from an API response.
    ///
    /// # Errors
    /// `missing_field` (path `broadcast.id`) when the response has no id.
    pub fn apply_broadcast(
        &mut self,
        broadcast: &Broadcast,
        now_ms: Option<u64>,
    ) -> Result<ApplyResult, WebhookError> {
        let Some(id) = broadcast.id.filter(|id| id.0 > 0) else {
            return Err(WebhookError::new(
                Code::MissingField,
                "broadcast.id",
                "expected field `broadcast.id` (a positive integer), but it is missing",
            ));
        };
        Ok(self.apply_broadcast_facts(
            id,
            broadcast.status.clone(),
            broadcast.stream_ids.clone(),
            Source::Api,
            now_ms,
        ))
    }

    /// Folds in a video from an API response (e.g. `stop_recording`'s or `get_video`'s).
    pub fn apply_video(&mut self, video: &Video, now_ms: Option<u64>) -> ApplyResult {
        let update = VideoUpdate {
            status: video.status.clone(),
            stream_id: video.stream_id,
            name: video.name.clone(),
            duration: video.duration,
        };
        self.apply_video_update(video.id, update, now_ms)
    }

    /// Marks a stop of `stream` as requested (call it before stopping), so that the `live: false`
    /// that follows is not taken for an interruption.
    pub fn expect_stop(&mut self, stream: StreamId, now_ms: Option<u64>) {
        let s = self.stream_entry(stream, now_ms);
        s.stop_expected = true;
    }

    fn stream_entry(&mut self, id: StreamId, now_ms: Option<u64>) -> &mut TrackedStream {
        self.streams.or_insert_with(id, || TrackedStream {
            id,
            active: None,
            live: None,
            backup_live: None,
            recording: None,
            transcoding: None,
            session: 1,
            stop_expected: false,
            interrupted: false,
            stopped: false,
            first_seen_ms: now_ms,
            updated_ms: now_ms,
        })
    }

    /// The result of applying an event to the entity of `stream`. `Applied` with nothing changed is
    /// `Duplicate`, unless the entity was `created`; only `Applied` records a stage change.
    #[allow(clippy::too_many_arguments)]
    fn result(
        &self,
        outcome: Outcome,
        created: bool,
        entity: Option<EntityView>,
        mut changes: Vec<Change>,
        stream: Option<StreamId>,
        stage_before: Option<Stage>,
        actions: Vec<Action>,
    ) -> ApplyResult {
        let stage = stream.and_then(|s| self.stage(s));
        let applied = outcome == Outcome::Applied;
        if applied && stage != stage_before && stage.is_some() {
            change(&mut changes, "stage", &stage_before, &stage);
        }
        let outcome = if applied && changes.is_empty() && !created {
            Outcome::Duplicate
        } else {
            outcome
        };
        ApplyResult {
            outcome,
            entity,
            changes,
            stage,
            actions,
        }
    }

    fn stream_view(&self, id: StreamId) -> Option<EntityView> {
        self.stream(id).map(EntityView::Stream)
    }

    fn apply_stream_webhook(&mut self, w: &StreamWebhook, now_ms: Option<u64>) -> ApplyResult {
        let facts = StreamUpdate {
            live: Some(w.live),
            backup_live: w.backup_live,
            recording: w.recording,
            transcoding: w.transcoding,
            active: None,
            broadcast_ids: None,
        };
        self.apply_stream_facts(w.id, facts, Source::Webhook, now_ms)
    }

    fn apply_stream_facts(
        &mut self,
        id: StreamId,
        facts: StreamUpdate,
        source: Source,
        now_ms: Option<u64>,
    ) -> ApplyResult {
        let mut facts = facts;
        if source == Source::Api && facts.active == Some(false) && facts.live == Some(true) {
            // The platform's answer to a disable (guide step 14) still says `live: true` while the
            // ingest winds down; the `live: false` webhook may even arrive before that answer. A
            // disabled stream is going down: its answer never raises `live` or starts a new session.
            facts.live = None;
        }
        let before = self.stage(id);
        let created = before.is_none();
        let mut changes = Vec::new();
        // Links from the API's `broadcast_ids`.
        if let Some(ids) = &facts.broadcast_ids {
            for b in ids.iter().filter(|b| b.0 > 0) {
                let entry = broadcast_entry(&mut self.broadcasts, *b, now_ms);
                if !entry.stream_ids.contains(&id) {
                    entry.stream_ids.push(id);
                    sort_ids(&mut entry.stream_ids);
                    self.links.link_broadcast(id, *b);
                    changes.push(Change {
                        field: "broadcast_ids",
                        from: ChangeValue::Null,
                        to: ChangeValue::Int(b.0),
                    });
                }
            }
        }
        let s = self.stream_entry(id, now_ms);
        let was_live = s.live;
        let was_recording = s.recording;
        let was_active = s.active;
        let was_ready = playback_ready(s);
        set(&mut changes, "live", &mut s.live, facts.live);
        set(&mut changes, "backup_live", &mut s.backup_live, facts.backup_live);
        set(&mut changes, "recording", &mut s.recording, facts.recording);
        // A `live: true` without `transcoding` (older payloads, the guide's step-4 sample, the API's
        // stream object) is taken as `transcoding: true`: playback ready.
        let transcoding = facts.transcoding.or((facts.live == Some(true)).then_some(true));
        set(&mut changes, "transcoding", &mut s.transcoding, transcoding);
        set(&mut changes, "active", &mut s.active, facts.active);
        let live_up = was_live != Some(true) && s.live == Some(true);
        let live_down = was_live == Some(true) && s.live == Some(false);
        let rec_down = was_recording == Some(true) && s.recording == Some(false);
        let progressed = matches!(before, Some(Stage::Test | Stage::Live | Stage::Stop));
        let active_off =
            s.active == Some(false) && was_active != Some(false) && (was_active == Some(true) || progressed);
        let mut new_session = false;
        if live_up && matches!(before, Some(Stage::Stop | Stage::Done)) {
            let from = s.session;
            s.session = s.session.saturating_add(1);
            s.stopped = false;
            s.stop_expected = false;
            s.interrupted = false;
            change(&mut changes, "session", &from, &s.session);
            new_session = true;
        }
        if live_up && source == Source::Webhook && s.active == Some(false) {
            // Live implies enabled: it was enabled again.
            set(&mut changes, "active", &mut s.active, Some(true));
        }
        if active_off {
            s.stop_expected = true;
        }
        let interruption = live_down && !s.stop_expected && matches!(before, Some(Stage::Test | Stage::Live));
        if interruption && !s.interrupted {
            s.interrupted = true;
            change(&mut changes, "interrupted", &false, &true);
        }
        if !s.stopped
            && (rec_down || active_off || (live_down && matches!(before, Some(Stage::Test | Stage::Live))))
        {
            s.stopped = true;
        }
        let stop_expected = s.stop_expected;
        let ready_now = playback_ready(s);
        let ready_up = ready_now && (!was_ready || new_session);
        let live_now = s.live == Some(true);
        let recording_now = s.recording == Some(true);
        if !changes.is_empty() || created {
            s.updated_ms = now_ms.or(s.updated_ms);
        }
        let after = self.stage(id);

        // What the guide prescribes next.
        let mut actions = Vec::new();
        // The linked broadcasts, and whether each is live or finished.
        let mut linked = Vec::new();
        for b in self.linked_broadcasts(id) {
            linked.push((
                b.id,
                b.status == Some(BroadcastStatus::Live),
                b.status == Some(BroadcastStatus::Finished),
            ));
        }
        let sid = Some(id);
        if ready_up && after == Some(Stage::Setup) {
            for &(b, live, finished) in &linked {
                if !live && !finished {
                    push_action(&mut actions, Next::BroadcastLive, sid, Some(b), None);
                }
            }
        }
        if after == Some(Stage::Test)
            && (before != Some(Stage::Test) || live_up)
            && live_now
            && !recording_now
        {
            push_action(&mut actions, Next::StartRecording, sid, None, None);
        }
        if interruption {
            push_action(&mut actions, Next::CheckInterrupted, sid, None, None);
            for &(b, live, _) in &linked {
                if live {
                    push_action(&mut actions, Next::PauseBroadcast, sid, Some(b), None);
                }
            }
            if was_recording == Some(true) || before == Some(Stage::Live) {
                push_action(&mut actions, Next::CloseRecording, sid, None, None);
            }
        } else if rec_down && before == Some(Stage::Live) {
            if stop_expected {
                for &(b, _, finished) in &linked {
                    if !finished {
                        push_action(&mut actions, Next::FinishRecorded, sid, Some(b), None);
                    }
                }
            } else {
                push_action(&mut actions, Next::CheckRecording, sid, None, None);
            }
        } else if live_down && (before == Some(Stage::Stop) || stop_expected) {
            for &(b, _, finished) in &linked {
                let next = if finished {
                    Next::DeleteBroadcast
                } else {
                    Next::FinishEnded
                };
                push_action(&mut actions, next, sid, Some(b), None);
            }
        }
        let entity = self.stream_view(id);
        self.result(
            Outcome::Applied,
            false,
            entity,
            changes,
            Some(id),
            before,
            actions,
        )
    }

    fn apply_broadcast_facts(
        &mut self,
        id: BroadcastId,
        status: Option<BroadcastStatus>,
        stream_ids: Option<Vec<StreamId>>,
        source: Source,
        now_ms: Option<u64>,
    ) -> ApplyResult {
        // Stale check first: a stale webhook changes nothing at all.
        if source == Source::Webhook {
            if let (Some(cur), Some(new)) = (
                self.broadcasts.get(&id).and_then(|b| b.status.as_ref()),
                status.as_ref(),
            ) {
                if let (Some(a), Some(b)) = (broadcast_rank(cur), broadcast_rank(new)) {
                    if b < a {
                        let b = self.broadcasts.get(&id);
                        let entity = b.cloned().map(EntityView::Broadcast);
                        let stream = b.and_then(|b| b.stream_ids.first().copied());
                        return self.result(
                            Outcome::Stale,
                            false,
                            entity,
                            Vec::new(),
                            stream,
                            None,
                            Vec::new(),
                        );
                    }
                }
            }
        }
        let created = !self.broadcasts.contains_key(&id);
        let mut new_streams = Vec::new();
        if let Some(ids) = &stream_ids {
            for s in ids.iter().filter(|s| s.0 > 0) {
                self.stream_entry(*s, now_ms);
                new_streams.push(*s);
            }
        }
        // Stages before, for every stream linked before or after.
        let mut streams: Vec<StreamId> = self
            .broadcasts
            .get(&id)
            .map(|b| b.stream_ids.clone())
            .unwrap_or_default();
        for s in &new_streams {
            if !streams.contains(s) {
                streams.push(*s);
            }
        }
        let mut before = Vec::with_capacity(streams.len());
        for s in streams {
            before.push((s, self.stage(s)));
        }
        let mut changes = Vec::new();
        let b = broadcast_entry(&mut self.broadcasts, id, now_ms);
        let old_status = b.status.clone();
        let undocumented = place_status(&mut changes, &mut b.status, &mut b.unknown_status, status);
        for s in &new_streams {
            if !b.stream_ids.contains(s) {
                b.stream_ids.push(*s);
                self.links.link_broadcast(*s, id);
                changes.push(Change {
                    field: "stream_ids",
                    from: ChangeValue::Null,
                    to: ChangeValue::Int(s.0),
                });
            }
        }
        sort_ids(&mut b.stream_ids);
        if !changes.is_empty() || created {
            b.updated_ms = now_ms.or(b.updated_ms);
        }
        let new_status = b.status.clone();
        let became = |s: BroadcastStatus| old_status.as_ref() != Some(&s) && new_status.as_ref() == Some(&s);
        let became_live = became(BroadcastStatus::Live);
        let became_finished = became(BroadcastStatus::Finished);
        let mut actions = Vec::new();
        for (sid, stage_before) in &before {
            // A finished broadcast ends its streams' run (their stop is requested), unless another
            // broadcast of the stream is still on.
            let ends_run = became_finished
                && self
                    .linked_broadcasts(*sid)
                    .all(|b| matches!(b.status, Some(BroadcastStatus::Finished)));
            if ends_run {
                if let Some(s) = self.streams.get_mut(sid) {
                    s.stopped = true;
                    s.stop_expected = true;
                }
            }
            let Some(s) = self.streams.get(sid) else {
                continue;
            };
            let after = self.stage_of(s);
            let newly_linked = new_streams.contains(sid) && changes.iter().any(|c| c.field == "stream_ids");
            if after == Stage::Test
                && (became_live || *stage_before != Some(Stage::Test))
                && s.live == Some(true)
                && s.recording != Some(true)
            {
                push_action(&mut actions, Next::StartRecording, Some(*sid), None, None);
            }
            if after == Stage::Setup
                && newly_linked
                && playback_ready(s)
                && !matches!(
                    new_status,
                    Some(BroadcastStatus::Live | BroadcastStatus::Finished)
                )
            {
                push_action(&mut actions, Next::BroadcastLive, Some(*sid), Some(id), None);
            }
            if ends_run && after == Stage::Stop {
                if s.recording == Some(true) {
                    push_action(&mut actions, Next::StopRecording, Some(*sid), None, None);
                }
                if s.active != Some(false) {
                    push_action(&mut actions, Next::DisableStream, Some(*sid), None, None);
                }
                if s.live == Some(false) {
                    push_action(&mut actions, Next::DeleteBroadcast, Some(*sid), Some(id), None);
                }
            }
        }
        let first = self
            .broadcasts
            .get(&id)
            .and_then(|b| b.stream_ids.first().copied());
        let stage_before = first.and_then(|f| before.iter().find(|(s, _)| *s == f).and_then(|(_, st)| *st));
        let entity = self.broadcasts.get(&id).cloned().map(EntityView::Broadcast);
        let mut r = self.result(
            Outcome::Applied,
            created,
            entity,
            changes,
            first,
            stage_before,
            actions,
        );
        if undocumented {
            r.outcome = Outcome::UnknownStatus;
        }
        r
    }

    fn apply_video_facts(
        &mut self,
        id: VideoId,
        facts: VideoFacts,
        source: Source,
        now_ms: Option<u64>,
    ) -> ApplyResult {
        let existing = self.videos.get(&id);
        if source == Source::Webhook {
            if let Some(cur) = existing {
                let backwards = match (
                    cur.status.as_ref().and_then(VideoStatus::rank),
                    facts.update.status.as_ref().and_then(VideoStatus::rank),
                ) {
                    (Some(a), Some(b)) => b < a,
                    _ => false,
                };
                if !facts.delete && (cur.deleted || backwards) {
                    let entity = Some(EntityView::Video(cur.clone()));
                    return self.result(
                        Outcome::Stale,
                        false,
                        entity,
                        Vec::new(),
                        cur.stream_id,
                        None,
                        Vec::new(),
                    );
                }
            }
        }
        let created = existing.is_none();
        let stream_before = existing.and_then(|v| v.stream_id).or(facts.update.stream_id);
        let stage_before = stream_before.and_then(|s| self.stage(s));
        // A video names its stream: make sure the stream is tracked, and note the session.
        let session = facts
            .update
            .stream_id
            .map(|s| self.stream_entry(s, now_ms).session);
        let mut changes = Vec::new();
        let v = self.videos.or_insert_with(id, || TrackedVideo {
            id,
            status: None,
            unknown_status: None,
            stream_id: None,
            session: None,
            name: None,
            duration: None,
            deleted: false,
            deleted_at: None,
            first_seen_ms: now_ms,
            updated_ms: now_ms,
        });
        let old_status = v.status.clone();
        let undocumented = place_status(
            &mut changes,
            &mut v.status,
            &mut v.unknown_status,
            facts.update.status,
        );
        let old_stream = v.stream_id;
        if set(
            &mut changes,
            "stream_id",
            &mut v.stream_id,
            facts.update.stream_id,
        ) {
            v.session = session;
            if let Some(old) = old_stream {
                self.links.unlink_video(old, id);
            }
            if let Some(new) = v.stream_id {
                self.links.link_video(new, id);
            }
        }
        set(&mut changes, "name", &mut v.name, facts.update.name);
        set(&mut changes, "duration", &mut v.duration, facts.update.duration);
        set(&mut changes, "deleted_at", &mut v.deleted_at, facts.deleted_at);
        if facts.delete && !v.deleted {
            v.deleted = true;
            change(&mut changes, "deleted", &false, &true);
        }
        if !changes.is_empty() || created {
            v.updated_ms = now_ms.or(v.updated_ms);
        }
        let became_ready = old_status != Some(VideoStatus::Ready) && v.status == Some(VideoStatus::Ready);
        let stream = v.stream_id;
        let deleted = v.deleted;
        let mut actions = Vec::new();
        if became_ready && source == Source::Webhook && !deleted {
            push_action(&mut actions, Next::GetVideo, stream, None, Some(id));
        }
        let entity = self.videos.get(&id).cloned().map(EntityView::Video);
        let stage_before = if stream == stream_before {
            stage_before
        } else {
            None
        };
        let mut r = self.result(
            Outcome::Applied,
            created,
            entity,
            changes,
            stream,
            stage_before,
            actions,
        );
        if undocumented {
            r.outcome = Outcome::UnknownStatus;
        }
        r
    }

    fn apply_restream(&mut self, w: &RestreamWebhook, now_ms: Option<u64>) -> ApplyResult {
        // A restream is kept under its stream (listed in its view, dropped by `forget`).
        if let Some(s) = w.stream_id {
            self.stream_entry(s, now_ms);
        }
        let created = !self.restreams.contains_key(&w.id);
        let mut changes = Vec::new();
        let r = self.restreams.or_insert_with(w.id, || TrackedRestream {
            id: w.id,
            stream_id: None,
            live: None,
            name: None,
            first_seen_ms: now_ms,
            updated_ms: now_ms,
        });
        set(&mut changes, "stream_id", &mut r.stream_id, w.stream_id);
        set(&mut changes, "live", &mut r.live, w.live.or(w.active));
        set(&mut changes, "name", &mut r.name, w.name.clone());
        if !changes.is_empty() {
            r.updated_ms = now_ms.or(r.updated_ms);
        }
        let stream = r.stream_id;
        let entity = Some(EntityView::Restream(r.clone()));
        let stage = stream.and_then(|s| self.stage(s));
        self.result(
            Outcome::Applied,
            created,
            entity,
            changes,
            stream,
            stage,
            Vec::new(),
        )
    }
}

/// A status with values outside the documented ones (`Unknown`, holding the raw text).
pub(super) trait OpenStatus: ToChange + PartialEq + Clone {
    /// The raw text of an undocumented value (taken out), else `None`.
    fn take_unknown(&mut self) -> Option<String>;
}

macro_rules! open_status {
    ($($t:ident),*) => {$(
        impl OpenStatus for $t {
            fn take_unknown(&mut self) -> Option<String> {
                match self {
                    Self::Unknown(raw) => Some(core::mem::take(raw)),
                    _ => None,
                }
            }
        }
    )*};
}
open_status!(BroadcastStatus, VideoStatus);

/// Places `new` in `slot`, recording the change; a status outside the documented values is not
/// placed: its raw text is kept beside, in `unknown_slot` (which a documented one clears). Whether
/// the status was undocumented.
pub(super) fn place_status<T: OpenStatus>(
    changes: &mut Vec<Change>,
    slot: &mut Option<T>,
    unknown_slot: &mut Option<String>,
    new: Option<T>,
) -> bool {
    let mut new = new;
    let unknown = new.as_mut().and_then(OpenStatus::take_unknown);
    let undocumented = unknown.is_some();
    if (undocumented || new.is_some()) && *unknown_slot != unknown {
        let from = core::mem::replace(unknown_slot, unknown);
        change(changes, "unknown_status", &from, unknown_slot);
    }
    if undocumented {
        new = None;
    }
    set(changes, "status", slot, new);
    undocumented
}

pub(super) fn video_facts(v: &VideoWebhook, delete: bool) -> VideoFacts {
    VideoFacts {
        update: VideoUpdate {
            status: v.status.clone(),
            stream_id: v.stream_id,
            name: v.name.clone(),
            duration: v.duration,
        },
        deleted_at: v.deleted_at.clone(),
        delete,
    }
}
