//! Direct uploads: the video created `empty`, the upload parameters, the tus endpoint, processing.

use super::tests::{brief, delete, get, post, AUTH};
use super::time::DEFAULT_START_MS as T0;
use super::*;
use base64::Engine as _;
use serde_json::json;

fn b64(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(s)
}

fn tus(method: &str, path: &str) -> PlatformRequest {
    PlatformRequest::new(method, path, None, "").with_header("Tus-Resumable", "1.0.0")
}

/// A video created, and its upload parameters asked for with `Host: 127.0.0.1:8787`.
fn created(p: &mut Platform) -> (u64, Value) {
    let r = post(p, "/streaming/videos", json!({"video": {"name": "holiday.mp4"}}));
    assert_eq!(r.status, 200, "{}", r.body);
    let video = r.json_body();
    assert_eq!(video["status"], "empty");
    assert_eq!(video["name"], "holiday.mp4");
    assert_eq!(video["converted_videos"], json!([]));
    let id = video["id"].as_u64().unwrap();
    let req = PlatformRequest::new(
        "GET",
        &format!("/streaming/videos/{id}/upload"),
        Some("APIKey k"),
        "",
    )
    .with_header("host", "127.0.0.1:8787");
    let params = p.handle(&req, T0).json_body();
    assert_eq!(params["servers"][0]["hostname"], "127.0.0.1:8787");
    assert_eq!(params["video"]["id"], id);
    assert_eq!(params["token"].as_str().unwrap().len(), 32);
    (id, params)
}

fn metadata(params: &Value) -> String {
    format!(
        "filename {},token {},video_id {},client_id {}",
        b64("holiday.mp4"),
        b64(params["token"].as_str().unwrap()),
        b64(&params["video"]["id"].to_string()),
        b64(&params["video"]["client_id"].to_string()),
    )
}

fn header<'a>(r: &'a PlatformResponse, name: &str) -> Option<&'a str> {
    r.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

fn create_upload(p: &mut Platform, params: &Value, length: u64) -> PlatformResponse {
    let req = tus("POST", "/upload/")
        .with_header("Upload-Length", &length.to_string())
        .with_header("Upload-Metadata", &metadata(params));
    p.handle(&req, T0)
}

fn patch(p: &mut Platform, location: &str, offset: u64, bytes: usize, now: u64) -> PlatformResponse {
    let req = tus("PATCH", location)
        .with_header("Content-Type", "application/offset+octet-stream")
        .with_header("Upload-Offset", &offset.to_string())
        .with_body(vec![7; bytes]);
    p.handle(&req, now)
}

#[test]
fn a_direct_upload_in_chunks_then_processing_on_the_clock() {
    let mut p = Platform::new(PlatformConfig::default());
    let (id, params) = created(&mut p);
    assert_eq!(brief(&p.advance(T0)), [format!("video {id} \"empty\"")]);

    let r = create_upload(&mut p, &params, 2_500_000);
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(header(&r, "tus-resumable"), Some("1.0.0"));
    let location = header(&r, "location").unwrap().to_owned();
    assert!(location.starts_with("/upload/"), "{location}");

    assert_eq!(patch(&mut p, &location, 0, 1_000_000, T0 + 10).status, 204);
    let head = p.handle(&tus("HEAD", &location), T0 + 20);
    assert_eq!(head.status, 200);
    assert_eq!(header(&head, "upload-offset"), Some("1000000"));
    assert_eq!(header(&head, "upload-length"), Some("2500000"));
    assert_eq!(header(&head, "cache-control"), Some("no-store"));
    // Nothing is processed before the last byte.
    assert!(p.advance(T0 + 20).is_empty());

    let r = patch(&mut p, &location, 1_000_000, 1_500_000, T0 + 30);
    assert_eq!(r.status, 204);
    assert_eq!(header(&r, "upload-offset"), Some("2500000"));
    let video = get(&mut p, &format!("/streaming/videos/{id}"), T0 + 30).json_body();
    assert_eq!(video["status"], "pending");
    assert_eq!(video["origin_size"], 2_500_000);
    assert_eq!(video["duration"], 5_000);

    // pending at once, then viewable and ready after the configured delays from the upload's end.
    let c = PlatformConfig::default();
    assert_eq!(brief(&p.advance(T0 + 30)), [format!("video {id} \"pending\"")]);
    assert!(p.advance(T0 + 30 + c.viewable_after_ms - 1).is_empty());
    assert_eq!(
        brief(&p.advance(T0 + 30 + c.viewable_after_ms)),
        [format!("video {id} \"viewable\"")]
    );
    assert_eq!(
        brief(&p.advance(T0 + 30 + c.ready_after_ms)),
        [format!("video {id} \"ready\"")]
    );
    let video = get(
        &mut p,
        &format!("/streaming/videos/{id}"),
        T0 + 30 + c.ready_after_ms,
    );
    assert_eq!(video.json_body()["status"], "ready");
}

#[test]
fn the_upload_server_refuses_what_tus_says_it_must() {
    let mut p = Platform::new(PlatformConfig::default());
    let (id, params) = created(&mut p);

    // A wrong token, another video's id, a foreign client id, no metadata: 401, and no upload.
    for meta in [
        format!(
            "token {},video_id {}",
            b64("0123456789abcdef0123456789abcdef"),
            b64(&id.to_string())
        ),
        format!(
            "token {},video_id {}",
            b64(params["token"].as_str().unwrap()),
            b64("1")
        ),
        format!(
            "token {},video_id {},client_id {}",
            b64(params["token"].as_str().unwrap()),
            b64(&id.to_string()),
            b64("1")
        ),
        String::new(),
    ] {
        let req = tus("POST", "/upload/")
            .with_header("Upload-Length", "10")
            .with_header("Upload-Metadata", &meta);
        let r = p.handle(&req, T0);
        assert_eq!(r.status, 401, "{meta}: {}", r.body);
        assert!(!r.body.contains(params["token"].as_str().unwrap()));
        assert!(header(&r, "location").is_none());
    }
    // No Tus-Resumable: 412 with the version supported.
    let r = p.handle(&PlatformRequest::new("POST", "/upload/", None, ""), T0);
    assert_eq!((r.status, header(&r, "tus-version")), (412, Some("1.0.0")));
    // No length: 400; a deferred length is not supported.
    let r = p.handle(
        &tus("POST", "/upload/").with_header("Upload-Metadata", &metadata(&params)),
        T0,
    );
    assert_eq!(r.status, 400);
    // Metadata that is not base64: 400.
    let bad = tus("POST", "/upload/")
        .with_header("Upload-Length", "1")
        .with_header("Upload-Metadata", "token !!");
    assert_eq!(p.handle(&bad, T0).status, 400);
    // OPTIONS says what the server supports.
    let r = p.handle(&PlatformRequest::new("OPTIONS", "/upload/", None, ""), T0);
    assert_eq!(r.status, 204);
    assert_eq!(header(&r, "tus-extension"), Some(TUS_EXTENSIONS));

    let location = header(&create_upload(&mut p, &params, 10), "location")
        .unwrap()
        .to_owned();
    // Wrong offset: 409; wrong content type: 415; past the length: 413; unknown upload: 404.
    assert_eq!(patch(&mut p, &location, 3, 2, T0).status, 409);
    let r = p.handle(
        &tus("PATCH", &location)
            .with_header("Upload-Offset", "0")
            .with_body(vec![1]),
        T0,
    );
    assert_eq!(r.status, 415);
    assert_eq!(patch(&mut p, &location, 0, 11, T0).status, 413);
    assert_eq!(patch(&mut p, "/upload/ffff", 0, 1, T0).status, 404);
    assert_eq!(p.handle(&tus("HEAD", "/upload/ffff"), T0).status, 404);
    // Termination forgets the upload; the video stays empty.
    assert_eq!(p.handle(&tus("DELETE", &location), T0).status, 204);
    assert_eq!(p.handle(&tus("HEAD", &location), T0).status, 404);
    let video = get(&mut p, &format!("/streaming/videos/{id}"), T0);
    assert_eq!(video.json_body()["status"], "empty");
    // The upload endpoints need no API key, but the API still does.
    let r = p.handle(&PlatformRequest::new("GET", "/streaming/videos", None, ""), T0);
    assert_eq!(r.status, 401);
}

#[test]
fn creation_with_upload_and_a_finished_video_takes_no_second_file() {
    let mut p = Platform::new(PlatformConfig::default());
    let (id, params) = created(&mut p);
    let req = tus("POST", "/upload/")
        .with_header("Upload-Length", "4")
        .with_header("Upload-Metadata", &metadata(&params))
        .with_header("Content-Type", "application/offset+octet-stream")
        .with_body(vec![1, 2, 3, 4]);
    let r = p.handle(&req, T0);
    assert_eq!((r.status, header(&r, "upload-offset")), (201, Some("4")));
    let video = get(&mut p, &format!("/streaming/videos/{id}"), T0);
    assert_eq!(video.json_body()["status"], "pending");
    // The same token again for a video that has its file: refused.
    assert_eq!(create_upload(&mut p, &params, 4).status, 400);
    // Deleting the video forgets its uploads and tokens.
    assert_eq!(delete(&mut p, &format!("/streaming/videos/{id}"), T0).status, 204);
    assert_eq!(create_upload(&mut p, &params, 4).status, 401);
}

#[test]
fn creating_a_video_validates_and_origin_url_processes_at_once() {
    let mut p = Platform::new(PlatformConfig::default());
    let r = post(&mut p, "/streaming/videos", json!({"video": {"name": " "}}));
    assert_eq!(r.status, 422);
    assert_eq!(r.json_body(), json!({"errors": {"name": ["can't be blank"]}}));
    let r = post(
        &mut p,
        "/streaming/videos",
        json!({"video": {"name": "copy", "origin_url": "https://example.com/a.mp4"}}),
    );
    let id = r.json_body()["id"].as_u64().unwrap();
    assert_eq!(r.json_body()["status"], "pending");
    assert_eq!(
        brief(&p.advance(T0)),
        [format!("video {id} \"empty\""), format!("video {id} \"pending\"")]
    );
    let r = get(&mut p, "/streaming/videos/999/upload", T0);
    assert_eq!(r.status, 404);
    // A body that is not UTF-8 on the API: 400.
    let r = p.handle(
        &PlatformRequest::new("POST", "/streaming/videos", AUTH, "").with_body(vec![0xff, 0xfe]),
        T0,
    );
    assert_eq!(r.status, 400);
}
