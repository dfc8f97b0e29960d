//! The platform's REST surface: authentication, routing, and the handlers of streams, broadcasts and
//! recordings.

use super::entities::{Recorder, StreamEntry};
use super::message::{
    page_of, page_param, parse_body, parse_query, unprocessable, Errors, PlatformRequest, PlatformResponse,
};
use super::{time, EventKind, Platform};
use crate::domain::ids::{BroadcastId, StreamId, VideoId};
use crate::domain::model::{Broadcast, Projection, RecordType, Stream};
use crate::domain::request::{BroadcastParams, StreamParams, MAX_PER_PAGE};
use crate::prelude::*;
use alloc::collections::BTreeMap;
use serde_json::{json, Value};

/// The 404 text the platform sends (docs/platform.md, "Errors, limits and quotas").
pub const NOT_FOUND_TEXT: &str =
    "Not Found. Entity you are looking for was not found, please check the url and params";

/// Items per page of the lists by default ([`PlatformConfig::page_size`](super::PlatformConfig)).
pub const PAGE_SIZE: usize = 25;

/// Equality (`subtle`) whose time depends on `a`'s length only, never on where the bytes differ.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    let mut same = subtle::Choice::from(u8::from(a.len() == b.len()));
    for (i, x) in a.iter().enumerate() {
        same &= x.ct_eq(&b.get(i).copied().unwrap_or(0));
    }
    bool::from(same)
}

impl Platform {
    /// Answers one API request at simulated time `now_ms` (events due by then run first). Webhooks
    /// the request causes are returned by the next [`Platform::advance`].
    pub fn handle(&mut self, req: &PlatformRequest, now_ms: u64) -> PlatformResponse {
        self.run_due(now_ms);
        let (path, query) = match req.path_and_query.split_once('?') {
            Some((p, q)) => (p, parse_query(q)),
            None => (req.path_and_query.as_str(), BTreeMap::new()),
        };
        let method = req.method.to_ascii_uppercase();
        // The upload server: its own credentials (the upload token, then the upload's URL).
        if let Some(upload) = super::tus::upload_path(path) {
            return self.tus(req, &method, upload);
        }
        if let Err(resp) = self.authenticate(req.authorization.as_deref()) {
            return resp;
        }
        let Ok(body) = core::str::from_utf8(&req.body) else {
            return PlatformResponse::bad_request("The request body is not UTF-8.");
        };
        let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let id = |i: usize| segs.get(i).and_then(|s| s.parse::<u64>().ok());
        match segs.as_slice() {
            ["streaming", collection] => self.collection(collection, &method, &query, body),
            ["streaming", collection, id] => match id.parse::<u64>() {
                Ok(id) => self.resource(collection, &method, id, body),
                Err(_) => PlatformResponse::not_found(),
            },
            ["streaming", "streams", _, action] => match (method.as_str(), id(2).map(StreamId), *action) {
                (_, None, _) => PlatformResponse::not_found(),
                ("PUT", Some(id), "start_recording") => self.start_recording(id),
                ("PUT", Some(id), "stop_recording") => self.stop_recording(id),
                (_, Some(_), "start_recording" | "stop_recording") => method_not_allowed(),
                _ => PlatformResponse::not_found(),
            },
            ["streaming", "broadcasts", _, "spectators"] => match (method.as_str(), id(2).map(BroadcastId)) {
                ("GET", Some(id)) if self.broadcasts.contains_key(&id) => {
                    PlatformResponse::json(200, &json!({"spectators_count": 0}))
                }
                ("GET", _) => PlatformResponse::not_found(),
                _ => method_not_allowed(),
            },
            ["streaming", "videos", _, "upload"] => match (method.as_str(), id(2).map(VideoId)) {
                ("GET", Some(id)) => self.upload_parameters(id, req),
                ("GET", None) => PlatformResponse::not_found(),
                _ => method_not_allowed(),
            },
            _ => PlatformResponse::not_found(),
        }
    }

    /// `GET` (list) or `POST` (create) on `/streaming/{collection}`.
    fn collection(
        &mut self,
        collection: &str,
        method: &str,
        query: &BTreeMap<String, String>,
        body: &str,
    ) -> PlatformResponse {
        match (collection, method) {
            ("streams", "GET") => self.list_streams(query),
            ("streams", "POST") => self.create_stream(body),
            ("broadcasts", "GET") => self.list_broadcasts(query),
            ("broadcasts", "POST") => self.create_broadcast(body),
            ("videos", "GET") => self.list_videos(query),
            ("videos", "POST") => self.create_video(body),
            ("streams" | "broadcasts" | "videos", _) => method_not_allowed(),
            _ => PlatformResponse::not_found(),
        }
    }

    /// `GET`, `PATCH` (or `PUT`) or `DELETE` of `/streaming/{collection}/{id}` (a video is not
    /// updated here).
    fn resource(&mut self, collection: &str, method: &str, id: u64, body: &str) -> PlatformResponse {
        match (collection, method) {
            ("streams", "GET") => self.get_stream(StreamId(id)),
            ("streams", "PATCH" | "PUT") => self.update_stream(StreamId(id), body),
            ("streams", "DELETE") => self.delete_stream(StreamId(id)),
            ("broadcasts", "GET") => self.get_broadcast(BroadcastId(id)),
            ("broadcasts", "PATCH" | "PUT") => self.update_broadcast(BroadcastId(id), body),
            ("broadcasts", "DELETE") => self.delete_broadcast(BroadcastId(id)),
            ("videos", "GET") => self.get_video(VideoId(id)),
            ("videos", "DELETE") => self.delete_video(VideoId(id)),
            ("streams" | "broadcasts" | "videos", _) => method_not_allowed(),
            _ => PlatformResponse::not_found(),
        }
    }

    /// Items per page (the configured size, 1 to `MAX_PER_PAGE`).
    pub(super) fn page_size(&self) -> usize {
        self.config.page_size.clamp(1, MAX_PER_PAGE)
    }

    /// `Authorization: APIKey <token>`, or `Bearer <token>` with the configured bearer token (scheme
    /// case-insensitive). An API key sent as a bearer token is refused, as the platform does.
    fn authenticate(&self, header: Option<&str>) -> Result<(), PlatformResponse> {
        let Some(header) = header.map(str::trim).filter(|h| !h.is_empty()) else {
            return Err(PlatformResponse::unauthorized(
                "Authentication credentials were not provided.",
            ));
        };
        let (scheme, token) = header.split_once(' ').unwrap_or((header, ""));
        let token = token.trim();
        if !(scheme.eq_ignore_ascii_case("apikey") || scheme.eq_ignore_ascii_case("bearer")) {
            return Err(PlatformResponse::unauthorized(
                "Authentication credentials were not provided.",
            ));
        }
        if token.is_empty() || token.contains(' ') {
            return Err(PlatformResponse::unauthorized(
                "Invalid token header. No credentials provided.",
            ));
        }
        let expected = if scheme.eq_ignore_ascii_case("bearer") {
            // No bearer token configured: none is valid.
            Some(self.config.bearer_token.as_deref().unwrap_or_default())
        } else {
            self.config.api_key.as_deref()
        };
        match expected {
            Some(key) if key.is_empty() || !constant_time_eq(key.as_bytes(), token.as_bytes()) => Err(
                PlatformResponse::unauthorized("Given token not valid for any token type"),
            ),
            _ => Ok(()),
        }
    }

    fn active_count(&self, except: Option<StreamId>) -> usize {
        self.streams
            .values()
            .filter(|s| s.model.active == Some(true) && Some(s.model.id) != except)
            .count()
    }

    fn quota_error(&self) -> PlatformResponse {
        unprocessable(
            "active",
            &format!(
                "limit of active live streams reached ({}); disable another stream or ask support to raise the limit",
                self.config.quota
            ),
        )
    }

    fn stream_response(&self, id: StreamId) -> PlatformResponse {
        match self.render_stream_value(id) {
            Some(v) => PlatformResponse::json(200, &v),
            None => PlatformResponse::not_found(),
        }
    }

    // ----- streams -----

    fn list_streams(&self, q: &BTreeMap<String, String>) -> PlatformResponse {
        let ids: Vec<StreamId> = self.streams.keys().rev().copied().collect();
        let with_broadcasts = q.get("with_broadcasts").is_some_and(|v| v == "1" || v == "true");
        let items: Vec<Value> = page_of(&ids, page_param(q), self.page_size())
            .into_iter()
            .filter_map(|id| {
                let mut v = self.render_stream_value(id)?;
                if let (true, Value::Object(map)) = (with_broadcasts, &mut v) {
                    let bs: Vec<Value> = self
                        .broadcasts
                        .values()
                        .filter(|b| b.stream_ids.as_ref().is_some_and(|s| s.contains(&id)))
                        .map(Self::broadcast_value)
                        .collect();
                    map.insert("broadcasts".into(), Value::Array(bs));
                }
                Some(v)
            })
            .collect();
        PlatformResponse::json(200, &Value::Array(items))
    }

    fn get_stream(&self, id: StreamId) -> PlatformResponse {
        self.stream_response(id)
    }

    /// The stream settings of a create body (`update` none) or of an update of stream `update`, parsed
    /// and validated; or the 404, 400 or 422 answer.
    fn stream_params(&self, body: &str, update: Option<StreamId>) -> Result<StreamParams, PlatformResponse> {
        if update.is_some_and(|id| !self.streams.contains_key(&id)) {
            return Err(PlatformResponse::not_found());
        }
        let creating = update.is_none();
        let p: StreamParams = parse_body(body, "stream")?;
        let mut e = Errors::name(p.name.as_deref(), creating);
        if let Some(d) = p.dvr_duration {
            if d < 30 {
                e.add("dvr_duration", "must be greater than or equal to 30");
            } else if d > 14_400 {
                e.add("dvr_duration", "must be less than or equal to 14400");
            }
        }
        if let Some(Some(pass)) = &p.srt_passphrase {
            let n = pass.chars().count();
            if n < 10 {
                e.add("srt_passphrase", "is too short (minimum is 10 characters)");
            } else if n > 80 {
                e.add("srt_passphrase", "is too long (maximum is 80 characters)");
            } else if !pass.bytes().all(|b| (0x20..0x7f).contains(&b)) {
                e.add("srt_passphrase", "is invalid");
            }
        }
        if let Some(Some(data)) = &p.client_entity_data {
            if data.chars().count() > 4096 {
                e.add("client_entity_data", "is too long (maximum is 4096 characters)");
            }
        }
        if p.projection.as_ref().is_some_and(|x| !x.is_known()) {
            e.add("projection", "is not included in the list");
        }
        if p.record_type.as_ref().is_some_and(|x| !x.is_known()) {
            e.add("record_type", "is not included in the list");
        }
        if let Some(ids) = &p.broadcast_ids {
            if ids.iter().any(|b| !self.broadcasts.contains_key(b)) {
                e.add("broadcasts", "must exist");
            }
        }
        if let Some(Some(uri)) = &p.uri {
            // PULL sources: RTMP(S), SRT, or an HLS playlist over HTTP(S) (`stream_source_type: "https"`).
            let ok = uri.split_whitespace().all(|u| {
                ["rtmp://", "rtmps://", "srt://", "http://", "https://"]
                    .iter()
                    .any(|s| u.starts_with(s))
            });
            if !ok {
                e.add(
                    "uri",
                    "invalid uri, supported protocols are rtmp, rtmps, srt, http, https",
                );
            }
        }
        e.into_result()?;
        Ok(p)
    }

    fn apply_stream(&mut self, id: StreamId, p: &StreamParams) {
        let Some(entry) = self.streams.get_mut(&id) else {
            return;
        };
        let m = &mut entry.model;
        macro_rules! set {
            ($($f:ident),*) => { $( if let Some(v) = &p.$f { m.$f = Some(v.clone()); } )* };
        }
        macro_rules! set_nullable {
            ($($f:ident),*) => { $( if let Some(v) = &p.$f { m.$f = v.clone(); } )* };
        }
        set!(
            name,
            pull,
            auto_record,
            record_type,
            dvr_enabled,
            dvr_duration,
            hls_mpegts_endlist_tag
        );
        set!(html_overlay, projection, transcoding_region);
        set_nullable!(
            uri,
            cdn_id,
            client_user_id,
            client_entity_data,
            quality_set_id,
            srt_passphrase
        );
        if let Some(webrtc) = p.extra.get("webrtc").filter(|v| v.is_boolean()) {
            m.extra.insert("webrtc".into(), webrtc.clone());
        }
        if let Some(ids) = &p.broadcast_ids {
            for b in self.broadcasts.values_mut() {
                let attached = b.id.is_some_and(|bid| ids.contains(&bid));
                let list = b.stream_ids.get_or_insert_with(Vec::new);
                if attached && !list.contains(&id) {
                    list.push(id);
                }
            }
        }
    }

    fn create_stream(&mut self, body: &str) -> PlatformResponse {
        let p = match self.stream_params(body, None) {
            Ok(p) => p,
            Err(r) => return r,
        };
        let activate = p.active == Some(true);
        if activate && self.active_count(None) >= usize::try_from(self.config.quota).unwrap_or(usize::MAX) {
            return self.quota_error();
        }
        let id = StreamId(Self::take_id(&mut self.next_stream));
        let model = Stream {
            id,
            active: Some(false),
            pull: Some(false),
            auto_record: Some(false),
            record_type: Some(RecordType::Origin),
            dvr_enabled: Some(false),
            dvr_duration: Some(3600),
            hls_mpegts_endlist_tag: Some(true),
            html_overlay: Some(false),
            projection: Some(Projection::Regular),
            token: Some(self.rng.hex_token()),
            created_at: Some(time::iso8601(self.now)),
            ..Default::default()
        };
        self.streams.insert(
            id,
            StreamEntry {
                model,
                live: false,
                transcoding: false,
                recorder: Recorder::Off,
            },
        );
        self.apply_stream(id, &p);
        if activate {
            self.set_active(id, true);
        }
        self.stream_response(id)
    }

    fn update_stream(&mut self, id: StreamId, body: &str) -> PlatformResponse {
        let p = match self.stream_params(body, Some(id)) {
            Ok(p) => p,
            Err(r) => return r,
        };
        let was_active = self
            .streams
            .get(&id)
            .is_some_and(|s| s.model.active == Some(true));
        if p.active == Some(true)
            && !was_active
            && self.active_count(Some(id)) >= usize::try_from(self.config.quota).unwrap_or(usize::MAX)
        {
            return self.quota_error();
        }
        self.apply_stream(id, &p);
        // The response is rendered before the ingest reacts: disabling a live stream answers
        // `live: true, active: false` (guide step 14); `live: false` follows as a webhook.
        match p.active {
            Some(false) if was_active => {
                if let Some(entry) = self.streams.get_mut(&id) {
                    entry.model.active = Some(false);
                }
                let response = self.stream_response(id);
                self.set_active(id, false);
                response
            }
            Some(true) if !was_active => {
                self.set_active(id, true);
                self.stream_response(id)
            }
            _ => self.stream_response(id),
        }
    }

    fn set_active(&mut self, id: StreamId, active: bool) {
        let Some(entry) = self.streams.get_mut(&id) else {
            return;
        };
        entry.model.active = Some(active);
        let live = entry.live;
        let recorder_idle = matches!(entry.recorder, Recorder::Off);
        if active {
            if self.config.auto_connect {
                self.schedule(self.config.publisher_delay_ms, EventKind::Connect(id));
            }
        } else if live {
            self.go_down(id, false);
        } else {
            self.cancel(|k| *k == EventKind::Connect(id));
            if !recorder_idle {
                // A suspended recording can no longer resume: close it now.
                self.go_down_idle(id);
            }
        }
    }

    /// The stream was disabled while its ingest was already down: finish any pending recording.
    fn go_down_idle(&mut self, id: StreamId) {
        let Some(entry) = self.streams.get_mut(&id) else {
            return;
        };
        let recorder = core::mem::replace(&mut entry.recorder, Recorder::Off);
        self.cancel_stream(id);
        if let Recorder::Suspended(file) = recorder {
            self.close_file(id, &file);
        }
    }

    fn delete_stream(&mut self, id: StreamId) -> PlatformResponse {
        let Some(entry) = self.streams.get(&id) else {
            return PlatformResponse::not_found();
        };
        if entry.live {
            self.go_down(id, false);
        } else {
            self.go_down_idle(id);
        }
        self.cancel_stream(id);
        self.streams.remove(&id);
        for b in self.broadcasts.values_mut() {
            if let Some(ids) = b.stream_ids.as_mut() {
                ids.retain(|s| *s != id);
            }
        }
        PlatformResponse::empty(204)
    }

    fn start_recording(&mut self, id: StreamId) -> PlatformResponse {
        let delay = self.config.recording_start_delay_ms;
        let Some(entry) = self.streams.get_mut(&id) else {
            return PlatformResponse::not_found();
        };
        if !entry.live {
            return unprocessable(
                "stream",
                "is not live: recording can start only while the stream is live",
            );
        }
        if entry.recorder == Recorder::Off {
            entry.recorder = Recorder::Starting;
            self.schedule(delay, EventKind::RecordingOn(id));
        }
        PlatformResponse::empty(204)
    }

    fn stop_recording(&mut self, id: StreamId) -> PlatformResponse {
        let now = self.now;
        let Some(entry) = self.streams.get_mut(&id) else {
            return PlatformResponse::not_found();
        };
        let recorder = core::mem::replace(&mut entry.recorder, Recorder::Off);
        self.cancel(|k| {
            matches!(k, EventKind::RecordingOn(s) | EventKind::CloseFile(s) | EventKind::Split(s) if *s == id)
        });
        let file = match recorder {
            Recorder::On(mut file) => {
                file.accumulated_ms = file.recorded_ms(now);
                self.emit_stream(id);
                file
            }
            Recorder::Suspended(file) => file,
            Recorder::Off | Recorder::Starting | Recorder::Waiting => return PlatformResponse::empty(200),
        };
        match self.close_file(id, &file).and_then(|vid| self.videos.get(&vid)) {
            Some(video) => PlatformResponse::json(200, &self.video_value(video, false)),
            None => PlatformResponse::empty(200),
        }
    }

    // ----- broadcasts -----

    /// The broadcast settings of a create body (`update` none) or of an update of broadcast `update`, parsed
    /// and validated; or the 404, 400 or 422 answer.
    fn broadcast_params(
        &self,
        body: &str,
        update: Option<BroadcastId>,
    ) -> Result<BroadcastParams, PlatformResponse> {
        if update.is_some_and(|id| !self.broadcasts.contains_key(&id)) {
            return Err(PlatformResponse::not_found());
        }
        let creating = update.is_none();
        let p: BroadcastParams = parse_body(body, "broadcast")?;
        let mut e = Errors::name(p.name.as_deref(), creating);
        match &p.status {
            None if creating => e.add("status", "can't be blank"),
            Some(s) if !s.is_known() => e.add("status", "is not included in the list"),
            _ => {}
        }
        if let Some(ids) = &p.stream_ids {
            if ids.iter().any(|s| !self.streams.contains_key(s)) {
                e.add("stream", "must exist");
            }
        }
        e.into_result()?;
        Ok(p)
    }

    fn list_broadcasts(&self, q: &BTreeMap<String, String>) -> PlatformResponse {
        let all: Vec<&Broadcast> = self.broadcasts.values().rev().collect();
        let items: Vec<Value> = page_of(&all, page_param(q), self.page_size())
            .into_iter()
            .map(Self::broadcast_value)
            .collect();
        PlatformResponse::json(200, &Value::Array(items))
    }

    fn get_broadcast(&self, id: BroadcastId) -> PlatformResponse {
        match self.broadcasts.get(&id) {
            Some(b) => PlatformResponse::json(200, &Self::broadcast_value(b)),
            None => PlatformResponse::not_found(),
        }
    }

    fn apply_broadcast(b: &mut Broadcast, p: &BroadcastParams) {
        macro_rules! set {
            ($($f:ident),*) => { $( if let Some(v) = &p.$f { b.$f = Some(v.clone()); } )* };
        }
        set!(
            name,
            status,
            share_url,
            custom_iframe_url,
            show_dvr_after_finish,
            pending_message
        );
        set!(stream_ids, poster);
        if let Some(v) = p.ad_id {
            b.ad_id = v;
        }
        if let Some(v) = p.player_id {
            b.player_id = v;
        }
    }

    fn create_broadcast(&mut self, body: &str) -> PlatformResponse {
        let p = match self.broadcast_params(body, None) {
            Ok(p) => p,
            Err(r) => return r,
        };
        let id = BroadcastId(Self::take_id(&mut self.next_broadcast));
        let client = self.config.client_id;
        let mut b = Broadcast {
            id: Some(id),
            share_url: Some(String::new()),
            custom_iframe_url: Some(String::new()),
            show_dvr_after_finish: Some(false),
            pending_message: Some(String::new()),
            stream_ids: Some(Vec::new()),
            ..Default::default()
        };
        Self::apply_broadcast(&mut b, &p);
        b.extra.insert("client_id".into(), json!(client));
        b.extra.insert(
            "iframe_url".into(),
            json!(format!("https://player.gvideo.co/broadcasts/{client}_{id}")),
        );
        let v = Self::broadcast_value(&b);
        self.broadcasts.insert(id, b);
        PlatformResponse::json(200, &v)
    }

    fn update_broadcast(&mut self, id: BroadcastId, body: &str) -> PlatformResponse {
        let p = match self.broadcast_params(body, Some(id)) {
            Ok(p) => p,
            Err(r) => return r,
        };
        let Some(b) = self.broadcasts.get_mut(&id) else {
            return PlatformResponse::not_found();
        };
        let before = b.status.clone();
        Self::apply_broadcast(b, &p);
        let v = Self::broadcast_value(b);
        let after = b.status.clone();
        if after != before {
            if let Some(status) = after {
                self.emit(
                    json!({"type": "broadcast", "message": {"broadcast": {"id": id, "status": status}}}),
                );
            }
        }
        PlatformResponse::json(200, &v)
    }

    fn delete_broadcast(&mut self, id: BroadcastId) -> PlatformResponse {
        match self.broadcasts.remove(&id) {
            Some(_) => PlatformResponse::empty(204),
            None => PlatformResponse::not_found(),
        }
    }
}

pub(super) fn method_not_allowed() -> PlatformResponse {
    PlatformResponse::json(405, &json!({"status": 405, "error": "Method Not Allowed"}))
}
