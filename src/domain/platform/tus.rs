//! The upload server of direct uploads: the tus 1.0.0 protocol (core, `creation`,
//! `creation-with-upload`, `termination`) at `/upload/`, as tus-js-client 2.x speaks it. An upload
//! is created with the token and video id of `GET /streaming/videos/{id}/upload` in its
//! `Upload-Metadata`; its URL is then the capability (no API key). The bytes are counted, not kept.
//! When the last byte arrives the video's processing starts (`pending`, then `viewable`, `ready`).

use super::http::constant_time_eq;
use super::message::{PlatformRequest, PlatformResponse};
use super::Platform;
use crate::domain::ids::VideoId;
use crate::domain::model::VideoStatus;
use crate::prelude::*;
use alloc::collections::BTreeMap;
use base64::Engine as _;

/// The protocol version spoken (the only one tus-js-client 2.x sends).
pub const TUS_VERSION: &str = "1.0.0";
/// The extensions supported, as `Tus-Extension` lists them.
pub const TUS_EXTENSIONS: &str = "creation,creation-with-upload,termination";
/// The largest `Upload-Length` accepted (1 TiB; the bytes are only counted).
pub const TUS_MAX_SIZE: u64 = 1 << 40;
/// The content type of a PATCH's body.
const OFFSET_OCTET_STREAM: &str = "application/offset+octet-stream";

/// One upload in progress (or finished).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Upload {
    /// The video the file is for.
    pub video: VideoId,
    /// `Upload-Length`.
    pub length: u64,
    /// Bytes received.
    pub offset: u64,
}

/// Maps keyed by credentials (upload tokens, upload ids: whoever holds one may upload): `Debug`
/// shows how many there are, never the keys.
#[derive(Clone)]
pub(super) struct Secrets<V>(pub BTreeMap<String, V>);

impl<V> Default for Secrets<V> {
    fn default() -> Self {
        Self(BTreeMap::new())
    }
}

impl<V> core::fmt::Debug for Secrets<V> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "<{} redacted>", self.0.len())
    }
}

/// The upload id of a path under `/upload/` (`Some("")` for the endpoint itself), or `None` for
/// any other path.
pub(super) fn upload_path(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/upload")?;
    if rest.is_empty() {
        return Some("");
    }
    let id = rest.strip_prefix('/')?;
    Some(id.trim_end_matches('/'))
}

/// A tus answer: `Tus-Resumable` on every one, a plain-text reason on errors.
fn answer(status: u16, headers: &[(&str, String)], reason: &str) -> PlatformResponse {
    let mut res = PlatformResponse::empty(status);
    res.headers.push(("tus-resumable".into(), TUS_VERSION.into()));
    for (k, v) in headers {
        res.headers.push(((*k).to_owned(), v.clone()));
    }
    if !reason.is_empty() {
        res.headers
            .push(("content-type".into(), "text/plain; charset=utf-8".into()));
        res.body = format!("{reason}\n");
    }
    res
}

/// `Upload-Metadata`: comma-separated `key base64(value)` pairs (a key may have no value).
fn parse_metadata(header: &str) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    for pair in header.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (key, value) = match pair.split_once(' ') {
            Some((k, v)) => (k, v.trim()),
            None => (pair, ""),
        };
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(value)
            .map_err(|_| format!("Upload-Metadata: the value of {key} is not base64"))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| format!("Upload-Metadata: the value of {key} is not UTF-8"))?;
        out.insert(key.to_owned(), text);
    }
    Ok(out)
}

fn header_u64(req: &PlatformRequest, name: &str) -> Option<u64> {
    req.header(name).and_then(|v| v.trim().parse().ok())
}

impl Platform {
    /// A request to the upload endpoint (`id` empty) or to one upload.
    pub(super) fn tus(&mut self, req: &PlatformRequest, method: &str, id: &str) -> PlatformResponse {
        // tus-js-client's `overridePatchMethod`: a POST that says it is a PATCH.
        let overridden = req.header("x-http-method-override").map(str::to_ascii_uppercase);
        let method = match (method, overridden) {
            ("POST", Some(m)) => m,
            (m, _) => m.to_owned(),
        };
        if method == "OPTIONS" {
            return answer(
                204,
                &[
                    ("tus-version", TUS_VERSION.into()),
                    ("tus-extension", TUS_EXTENSIONS.into()),
                    ("tus-max-size", TUS_MAX_SIZE.to_string()),
                ],
                "",
            );
        }
        if req.header("tus-resumable").map(str::trim) != Some(TUS_VERSION) {
            return answer(
                412,
                &[("tus-version", TUS_VERSION.into())],
                "Tus-Resumable: 1.0.0 is required",
            );
        }
        match (method.as_str(), id.is_empty()) {
            ("POST", true) => self.tus_create(req),
            ("HEAD", false) => match self.uploads.0.get(id) {
                Some(u) => answer(
                    200,
                    &[
                        ("upload-offset", u.offset.to_string()),
                        ("upload-length", u.length.to_string()),
                        ("cache-control", "no-store".into()),
                    ],
                    "",
                ),
                None => answer(404, &[("cache-control", "no-store".into())], ""),
            },
            ("PATCH", false) => self.tus_patch(req, id),
            ("DELETE", false) => match self.uploads.0.remove(id) {
                Some(_) => answer(204, &[], ""),
                None => answer(404, &[], "no such upload"),
            },
            _ => answer(405, &[], "method not allowed here"),
        }
    }

    /// `POST /upload/`: a new upload for the video and token of the metadata.
    fn tus_create(&mut self, req: &PlatformRequest) -> PlatformResponse {
        let Some(length) = header_u64(req, "upload-length") else {
            let reason = if req.header("upload-defer-length").is_some() {
                "Upload-Defer-Length is not supported: send Upload-Length"
            } else {
                "Upload-Length is required"
            };
            return answer(400, &[], reason);
        };
        if length > TUS_MAX_SIZE {
            return answer(413, &[], "Upload-Length exceeds Tus-Max-Size");
        }
        let metadata = match parse_metadata(req.header("upload-metadata").unwrap_or_default()) {
            Ok(m) => m,
            Err(reason) => return answer(400, &[], &reason),
        };
        let token = metadata.get("token").map(String::as_str).unwrap_or_default();
        let video_id = metadata
            .get("video_id")
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(VideoId);
        // Every token is compared in full, so that the time taken says nothing of a token's prefix.
        let mut granted = None;
        for (t, v) in &self.upload_tokens.0 {
            if constant_time_eq(t.as_bytes(), token.as_bytes()) {
                granted = Some(*v);
            }
        }
        let client_ok = metadata
            .get("client_id")
            .is_none_or(|c| c.trim() == self.config.client_id.to_string());
        let Some(video) = video_id.filter(|v| granted == Some(*v) && client_ok) else {
            return answer(
                401,
                &[],
                "the upload token is missing, expired or not for this video_id/client_id",
            );
        };
        match self.videos.get(&video).and_then(|v| v.status.clone()) {
            None => return answer(404, &[], "the video does not exist"),
            Some(VideoStatus::Empty) => {}
            Some(_) => return answer(400, &[], "the video already has its file"),
        }
        let id = self.rng.hex_token();
        self.uploads.0.insert(
            id.clone(),
            Upload {
                video,
                length,
                offset: 0,
            },
        );
        let mut headers = vec![("location", format!("/upload/{id}"))];
        // creation-with-upload: the first bytes in the POST itself.
        if !req.body.is_empty() || length == 0 {
            if req.header("content-type").map(str::trim) != Some(OFFSET_OCTET_STREAM) && length > 0 {
                return answer(415, &[], "Content-Type must be application/offset+octet-stream");
            }
            let offset = self.receive(&id, req.body.len());
            headers.push(("upload-offset", offset.to_string()));
        }
        answer(201, &headers, "")
    }

    /// `PATCH /upload/{id}`: bytes at `Upload-Offset`.
    fn tus_patch(&mut self, req: &PlatformRequest, id: &str) -> PlatformResponse {
        let Some(upload) = self.uploads.0.get(id) else {
            return answer(404, &[], "no such upload");
        };
        if req.header("content-type").map(str::trim) != Some(OFFSET_OCTET_STREAM) {
            return answer(415, &[], "Content-Type must be application/offset+octet-stream");
        }
        let Some(offset) = header_u64(req, "upload-offset") else {
            return answer(400, &[], "Upload-Offset is required");
        };
        if offset != upload.offset {
            return answer(409, &[], "Upload-Offset does not match the upload's offset");
        }
        let len = u64::try_from(req.body.len()).unwrap_or(u64::MAX);
        if offset.saturating_add(len) > upload.length {
            return answer(413, &[], "the body goes past Upload-Length");
        }
        let offset = self.receive(id, req.body.len());
        answer(204, &[("upload-offset", offset.to_string())], "")
    }

    /// Counts `n` more bytes of upload `id`; the last byte starts the video's processing. Returns the
    /// new offset.
    fn receive(&mut self, id: &str, n: usize) -> u64 {
        let Some(upload) = self.uploads.0.get_mut(id) else {
            return 0;
        };
        let before = upload.offset;
        upload.offset = upload
            .offset
            .saturating_add(u64::try_from(n).unwrap_or(u64::MAX))
            .min(upload.length);
        let (video, length, offset) = (upload.video, upload.length, upload.offset);
        let finished = offset == length && (before < length || length == 0);
        let empty = self
            .videos
            .get(&video)
            .is_some_and(|v| v.status == Some(VideoStatus::Empty));
        if finished && empty {
            // About 500 bytes per millisecond, as the recordings' files.
            self.start_processing(video, length, (length / 500).max(1));
        }
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_not_in_debug() {
        let mut s = Secrets::default();
        s.0.insert("9f3c0a".to_owned(), 1_u8);
        assert_eq!(format!("{s:?}"), "<1 redacted>");
    }

    #[test]
    fn paths_and_metadata() {
        assert_eq!(upload_path("/upload"), Some(""));
        assert_eq!(upload_path("/upload/"), Some(""));
        assert_eq!(upload_path("/upload/abc"), Some("abc"));
        assert_eq!(upload_path("/uploads/abc"), None);
        assert_eq!(upload_path("/streaming/videos"), None);
        let m = parse_metadata("filename bXkubXA0, token dG9r,empty").unwrap();
        assert_eq!(m.get("filename").map(String::as_str), Some("my.mp4"));
        assert_eq!(m.get("token").map(String::as_str), Some("tok"));
        assert_eq!(m.get("empty").map(String::as_str), Some(""));
        assert!(parse_metadata("token !!!").is_err());
    }
}
