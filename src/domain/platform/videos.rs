//! Videos: the list, one video, deletion, creation and the direct-upload parameters (the file then
//! comes through the tus endpoint, `tus.rs`).

use super::message::{page_of, page_param, parse_body, Errors, PlatformRequest, PlatformResponse};
use super::{time, EventKind, Platform};
use crate::domain::ids::{StreamId, VideoId};
use crate::domain::model::VideoStatus;
use crate::domain::request::MAX_PER_PAGE;
use crate::prelude::*;
use alloc::collections::BTreeMap;
use serde::Deserialize;
use serde_json::{json, Value};

/// The fields of `POST /streaming/videos` the sandbox reads (`{"video": {…}}`; others are ignored).
#[derive(Debug, Default, Deserialize)]
pub(super) struct VideoParams {
    name: Option<String>,
    description: Option<String>,
    /// A file to copy from: the video is then processed without an upload.
    origin_url: Option<String>,
    client_user_id: Option<u64>,
    projection: Option<String>,
    priority: Option<i64>,
    directory_id: Option<u64>,
    custom_iframe_url: Option<String>,
}

/// The upload server's hostname when the request says none (no `Host` header).
const DEFAULT_UPLOAD_HOST: &str = "localhost";

impl Platform {
    pub(super) fn list_videos(&self, q: &BTreeMap<String, String>) -> PlatformResponse {
        let per_page = q
            .get("per_page")
            .and_then(|p| p.trim().parse::<usize>().ok())
            .unwrap_or(self.page_size())
            .clamp(1, MAX_PER_PAGE);
        let ids: Option<Vec<u64>> = q
            .get("id")
            .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect());
        let status = q.get("status").map(|s| VideoStatus::parse(s));
        let stream_id = q.get("stream_id").and_then(|s| s.trim().parse::<u64>().ok());
        let user = q.get("client_user_id").and_then(|s| s.trim().parse::<u64>().ok());
        let search = q
            .get("search")
            .map(|s| s.to_lowercase())
            .filter(|s| !s.is_empty());
        let all: Vec<_> = self
            .videos
            .values()
            .rev()
            .filter(|v| ids.as_ref().is_none_or(|ids| ids.contains(&v.id.0)))
            .filter(|v| status.as_ref().is_none_or(|s| v.status.as_ref() == Some(s)))
            .filter(|v| stream_id.is_none_or(|s| v.stream_id == Some(StreamId(s))))
            .filter(|v| user.is_none_or(|u| v.client_user_id == Some(u)))
            .filter(|v| {
                search.as_ref().is_none_or(|s| {
                    v.name
                        .as_deref()
                        .unwrap_or_default()
                        .to_lowercase()
                        .contains(s.as_str())
                })
            })
            .collect();
        let items: Vec<Value> = page_of(&all, page_param(q), per_page)
            .into_iter()
            .map(|v| self.video_value(v, true))
            .collect();
        PlatformResponse::json(200, &Value::Array(items))
    }

    pub(super) fn get_video(&self, id: VideoId) -> PlatformResponse {
        match self.videos.get(&id) {
            Some(v) => PlatformResponse::json(200, &self.video_value(v, false)),
            None => PlatformResponse::not_found(),
        }
    }

    pub(super) fn delete_video(&mut self, id: VideoId) -> PlatformResponse {
        let Some(v) = self.videos.remove(&id) else {
            return PlatformResponse::not_found();
        };
        self.cancel(|k| matches!(k, EventKind::Viewable(x) | EventKind::Ready(x) if *x == id));
        self.uploads.0.retain(|_, u| u.video != id);
        self.upload_tokens.0.retain(|_, v| *v != id);
        self.emit(json!({"type": "video_delete", "message": {"video": {
            "id": id,
            "slug": v.slug,
            "name": v.name,
            "status": v.status,
            "deleted_at": time::iso8601(self.now),
        }}}));
        PlatformResponse::empty(204)
    }

    /// `POST /streaming/videos`: a new video, `empty` until its file arrives (through the tus
    /// endpoint), or processed at once from `origin_url`. Emits the `video` webhook (`empty`).
    /// Answers the video (the object the official SDK decodes; the spec writes an array).
    pub(super) fn create_video(&mut self, body: &str) -> PlatformResponse {
        let p: VideoParams = match parse_body(body, "video") {
            Ok(p) => p,
            Err(r) => return r,
        };
        if let Err(r) = Errors::name(p.name.as_deref(), true).into_result() {
            return r;
        }
        let mut video = self.new_video(p.name.unwrap_or_default());
        let id = video.id;
        video.description = Some(p.description.unwrap_or_default());
        video.client_user_id = p.client_user_id;
        video.projection = Some(p.projection.unwrap_or_else(|| "regular".to_owned()));
        video.priority = Some(p.priority.unwrap_or(0));
        video.directory_id = p.directory_id;
        video.custom_iframe_url = p.custom_iframe_url;
        let origin = p.origin_url.filter(|u| !u.trim().is_empty());
        video.origin_url.clone_from(&origin);
        self.emit(super::entities::video_webhook(&video, VideoStatus::Empty));
        self.videos.insert(id, video);
        if origin.is_some() {
            // The copy from the origin is simulated as instant: processing starts now.
            self.start_processing(id, 5_000_000, 10_000);
        }
        match self.videos.get(&id) {
            Some(v) => PlatformResponse::json(200, &self.video_value(v, false)),
            None => PlatformResponse::not_found(),
        }
    }

    /// `GET /streaming/videos/{id}/upload`: the tus session parameters of a direct upload: this
    /// server as the upload server (the request's `Host`), a fresh upload token and the video.
    pub(super) fn upload_parameters(&mut self, id: VideoId, req: &PlatformRequest) -> PlatformResponse {
        if !self.videos.contains_key(&id) {
            return PlatformResponse::not_found();
        }
        let token = self.rng.hex_token();
        self.upload_tokens.0.insert(token.clone(), id);
        let host = req
            .header("host")
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .unwrap_or(DEFAULT_UPLOAD_HOST)
            .to_owned();
        let video = self
            .videos
            .get(&id)
            .map_or(Value::Null, |v| self.video_value(v, false));
        PlatformResponse::json(
            200,
            &json!({"servers": [{"id": 1, "hostname": host}], "token": token, "video": video}),
        )
    }
}
