use super::time::DEFAULT_START_MS as T0;
use super::*;
use serde_json::json;

pub(super) const AUTH: Option<&str> = Some("APIKey 29841_c767");

pub(super) fn call(p: &mut Platform, method: &str, path: &str, body: Value, now: u64) -> PlatformResponse {
    let body = if body.is_null() {
        String::new()
    } else {
        body.to_string()
    };
    p.handle(&PlatformRequest::new(method, path, AUTH, &body), now)
}

/// `GET path`.
pub(super) fn get(p: &mut Platform, path: &str, now: u64) -> PlatformResponse {
    call(p, "GET", path, Value::Null, now)
}

/// `DELETE path`.
pub(super) fn delete(p: &mut Platform, path: &str, now: u64) -> PlatformResponse {
    call(p, "DELETE", path, Value::Null, now)
}

/// `POST path` with `body`, at the start of the clock.
pub(super) fn post(p: &mut Platform, path: &str, body: Value) -> PlatformResponse {
    call(p, "POST", path, body, T0)
}

/// `PATCH /streaming/streams/{id}` with `body`.
fn patch_stream(p: &mut Platform, id: u64, body: Value, now: u64) -> PlatformResponse {
    call(p, "PATCH", &format!("/streaming/streams/{id}"), body, now)
}

/// `PUT /streaming/streams/{id}/start_recording`.
fn start_recording(p: &mut Platform, id: u64, now: u64) -> PlatformResponse {
    call(
        p,
        "PUT",
        &format!("/streaming/streams/{id}/start_recording"),
        Value::Null,
        now,
    )
}

/// `PUT /streaming/streams/{id}/stop_recording`.
fn stop_recording(p: &mut Platform, id: u64, now: u64) -> PlatformResponse {
    call(
        p,
        "PUT",
        &format!("/streaming/streams/{id}/stop_recording"),
        Value::Null,
        now,
    )
}

/// Each webhook reduced to the fields the guide shows: `(type, id, key facts)`.
pub(super) fn brief(hooks: &[Webhook]) -> Vec<String> {
    hooks
        .iter()
        .map(|w| {
            let m = &w.payload["message"];
            match w.kind.as_str() {
                "stream" => {
                    let s = &m["stream"];
                    format!(
                        "stream {} live={} transcoding={} recording={}",
                        s["id"], s["live"], s["transcoding"], s["recording"]
                    )
                }
                "broadcast" => format!("broadcast {} {}", m["broadcast"]["id"], m["broadcast"]["status"]),
                _ => format!("{} {} {}", w.kind, m["video"]["id"], m["video"]["status"]),
            }
        })
        .collect()
}

// The guide stream's webhooks as `brief` writes them: off, live (ingest only), transcoding,
// transcoding and recording.
const OFF: &str = "stream 320423 live=false transcoding=false recording=false";
const LIVE: &str = "stream 320423 live=true transcoding=false recording=false";
const TRANSCODING: &str = "stream 320423 live=true transcoding=true recording=false";
const RECORDING: &str = "stream 320423 live=true transcoding=true recording=true";

fn guide_stream(p: &mut Platform) -> u64 {
    let r = post(
        p,
        "/streaming/streams",
        json!({"stream": {"name": "test_stream", "pull": false, "uri": null, "active": false,
            "transcoding_region": "ix1", "auto_record": false, "webrtc": false, "dvr_enabled": false,
            "cdn_id": 53949, "projection": "regular"}}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    r.json_body()["id"].as_u64().unwrap()
}

/// A platform whose guide stream, switched on at T0, is live and recording from T0 + 2 s; the clock
/// at T0 + 3 s.
fn recording_guide_stream() -> (Platform, u64) {
    let mut p = Platform::new(PlatformConfig::default());
    let sid = guide_stream(&mut p);
    patch_stream(&mut p, sid, json!({"active": true}), T0);
    start_recording(&mut p, sid, T0 + 2_000);
    p.advance(T0 + 3_000);
    (p, sid)
}

#[test]
fn the_guide_in_order() {
    let mut p = Platform::new(PlatformConfig::default());
    let sid = guide_stream(&mut p);
    assert_eq!(sid, 320_423);
    let b = post(
        &mut p,
        "/streaming/broadcasts",
        json!({"broadcast": {"name": "test_broadcast", "status": "pending", "stream_ids": [sid]}}),
    );
    assert_eq!(b.status, 200);
    let bid = b.json_body()["id"].as_u64().unwrap();
    assert_eq!(bid, 192_470);
    let r = patch_stream(&mut p, sid, json!({"stream": {"active": true}}), T0);
    assert_eq!(r.json_body()["active"], true);
    assert_eq!(r.json_body()["live"], false);
    assert!(p.advance(T0 + 1_999).is_empty());
    let mut hooks = p.advance(T0 + 2_000);
    call(
        &mut p,
        "PATCH",
        &format!("/streaming/broadcasts/{bid}"),
        json!({"broadcast": {"status": "live"}}),
        T0 + 3_000,
    );
    let r = start_recording(&mut p, sid, T0 + 4_000);
    assert_eq!((r.status, r.body.as_str()), (204, ""));
    hooks.extend(p.advance(T0 + 5_000));
    let stop = stop_recording(&mut p, sid, T0 + 53_410);
    assert_eq!(stop.status, 200);
    let video = stop.json_body();
    assert_eq!(video["duration"], 48_410);
    assert_eq!(video["status"], "pending");
    assert_eq!(
        video["name"],
        "Stream Record: test_stream, 2026-01-01 00:00:53 +0000"
    );
    assert_eq!(video["recording_started_at"], "2026-01-01T00:00:05.000Z");
    let vid = video["id"].as_u64().unwrap();
    assert_eq!(vid, 803_111);
    call(
        &mut p,
        "PATCH",
        &format!("/streaming/broadcasts/{bid}"),
        json!({"broadcast": {"status": "finished"}}),
        T0 + 54_000,
    );
    let r = patch_stream(&mut p, sid, json!({"stream": {"active": false}}), T0 + 55_000);
    // Step 14's sample: the answer still says live; the webhook follows.
    assert_eq!(
        (r.json_body()["active"].clone(), r.json_body()["live"].clone()),
        (json!(false), json!(true))
    );
    let r = delete(&mut p, &format!("/streaming/broadcasts/{bid}"), T0 + 55_500);
    assert_eq!((r.status, r.body.as_str()), (204, ""));
    hooks.extend(p.advance(T0 + 60_000));
    assert_eq!(
        brief(&hooks),
        [
            LIVE,
            TRANSCODING,
            "broadcast 192470 \"live\"",
            RECORDING,
            TRANSCODING,
            "video 803111 \"pending\"",
            "broadcast 192470 \"finished\"",
            OFF,
            "video 803111 \"viewable\"",
            "video 803111 \"ready\"",
        ]
    );
    let seqs: Vec<u64> = hooks.iter().map(|w| w.seq).collect();
    assert_eq!(seqs, (1..=10).collect::<Vec<_>>());
    let got = get(&mut p, &format!("/streaming/videos/{vid}"), T0 + 61_000).json_body();
    assert_eq!(got["status"], "ready");
    assert_eq!(got["stream_id"], sid);
    let renditions: Vec<_> = got["converted_videos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["status"].clone())
        .collect();
    assert_eq!(renditions, vec![json!("complete"); 4]);
}

#[test]
fn webhook_payloads_have_the_fact_sheet_fields() {
    let mut p = Platform::new(PlatformConfig::default());
    let sid = guide_stream(&mut p);
    patch_stream(&mut p, sid, json!({"active": true}), T0);
    let hooks = p.advance(T0 + 2_000);
    let s = &hooks[0].payload["message"]["stream"];
    let keys: Vec<&str> = s.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = vec![
        "backup_live",
        "client_entity_data",
        "client_user_id",
        "id",
        "live",
        "pull",
        "recording",
        "stream_source_type",
        "transcoding",
        "uri",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(s["stream_source_type"], "rtmp");
    start_recording(&mut p, sid, T0 + 2_000);
    p.advance(T0 + 3_000);
    stop_recording(&mut p, sid, T0 + 4_000);
    let hooks = p.advance(T0 + 7_000);
    let v = &hooks[1].payload["message"]["video"];
    assert_eq!(hooks[1].kind, "video");
    assert_eq!(v["converted_videos"], json!([]));
    let viewable = &hooks[2].payload["message"]["video"];
    assert_eq!(viewable["status"], "viewable");
    let cv = viewable["converted_videos"].as_array().unwrap();
    assert_eq!(cv.len(), 4);
    assert_eq!(cv[0]["name"], "vod720n");
    assert_eq!(cv[0]["status"], "complete");
    assert_eq!(cv[1]["status"], "processing");
    assert!(cv[0]["mp4_url"].as_str().unwrap().starts_with("https://"));
}

#[test]
fn auth_errors() {
    let mut p = Platform::new(PlatformConfig {
        api_key: Some("secret_1".into()),
        ..Default::default()
    });
    let mut get = |auth: Option<&str>| {
        let r = p.handle(&PlatformRequest::new("GET", "/streaming/streams", auth, ""), T0);
        (
            r.status,
            r.json_body()["detail"].as_str().unwrap_or("").to_owned(),
        )
    };
    assert_eq!(
        get(None),
        (401, "Authentication credentials were not provided.".into())
    );
    assert_eq!(
        get(Some("Token secret_1")),
        (401, "Authentication credentials were not provided.".into())
    );
    assert_eq!(
        get(Some("APIKey")),
        (401, "Invalid token header. No credentials provided.".into())
    );
    assert_eq!(
        get(Some("APIKey other")),
        (401, "Given token not valid for any token type".into())
    );
    assert_eq!(get(Some("APIKey secret_1")).0, 200);
    assert_eq!(get(Some("apikey secret_1")).0, 200);
    // The platform refuses an API key sent as a bearer token; only a configured bearer token passes.
    assert_eq!(
        get(Some("Bearer secret_1")),
        (401, "Given token not valid for any token type".into())
    );
    let mut p = Platform::new(PlatformConfig {
        api_key: Some("secret_1".into()),
        bearer_token: Some("eyJ.jwt.sig".into()),
        ..Default::default()
    });
    let mut get = |auth: &str| {
        let r = p.handle(
            &PlatformRequest::new("GET", "/streaming/streams", Some(auth), ""),
            T0,
        );
        r.status
    };
    assert_eq!(get("Bearer eyJ.jwt.sig"), 200);
    assert_eq!(get("bearer eyJ.jwt.sig"), 200);
    assert_eq!(get("Bearer secret_1"), 401);
    assert_eq!(get("APIKey eyJ.jwt.sig"), 401);
    let mut p = Platform::new(PlatformConfig::default());
    let r = p.handle(
        &PlatformRequest::new("GET", "/streaming/streams", Some("Bearer any_key"), ""),
        T0,
    );
    assert_eq!(r.status, 401);
    // No secret in `Debug`.
    let with_token = PlatformConfig {
        bearer_token: Some("eyJ.jwt.sig".into()),
        ..Default::default()
    };
    let with_key = PlatformConfig {
        api_key: Some("secret_1".into()),
        ..Default::default()
    };
    let request = PlatformRequest::new("GET", "/", Some("APIKey secret_1"), "");
    for (dbg, secret) in [
        (format!("{with_token:?}"), "jwt"),
        (format!("{with_key:?}"), "secret_1"),
        (format!("{request:?}"), "secret_1"),
    ] {
        assert!(!dbg.contains(secret), "{dbg}");
    }
}

#[test]
fn validation_errors_are_rails_shaped() {
    let mut p = Platform::new(PlatformConfig::default());
    for (path, body, errors) in [
        (
            "/streaming/streams",
            json!({"stream": {"active": false}}),
            json!({"name": ["can't be blank"]}),
        ),
        (
            "/streaming/streams",
            json!({"name": "a", "dvr_duration": 10, "srt_passphrase": "short"}),
            json!({"dvr_duration": ["must be greater than or equal to 30"],
                "srt_passphrase": ["is too short (minimum is 10 characters)"]}),
        ),
        (
            "/streaming/streams",
            json!({"name": "a", "active": "yes"}),
            json!({"active": ["is invalid"]}),
        ),
        (
            "/streaming/broadcasts",
            json!({"broadcast": {"name": "b"}}),
            json!({"status": ["can't be blank"]}),
        ),
        (
            "/streaming/broadcasts",
            json!({"broadcast": {"status": "pending"}}),
            json!({"name": ["can't be blank"]}),
        ),
        (
            "/streaming/broadcasts",
            json!({"broadcast": {"name": "b", "status": "pending", "stream_ids": [1]}}),
            json!({"stream": ["must exist"]}),
        ),
    ] {
        let r = post(&mut p, path, body.clone());
        assert_eq!(
            (r.status, r.json_body()),
            (422, json!({ "errors": errors })),
            "{body}"
        );
    }
    let r = p.handle(
        &PlatformRequest::new("POST", "/streaming/streams", AUTH, "{not json"),
        T0,
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json_body()["status"], 400);
    let r = get(&mut p, "/streaming/streams/999", T0);
    assert_eq!(
        (r.status, r.json_body()),
        (404, json!({"status": 404, "error": http::NOT_FOUND_TEXT}))
    );
    let r = call(
        &mut p,
        "PUT",
        "/streaming/streams/abc/start_recording",
        Value::Null,
        T0,
    );
    assert_eq!(r.status, 404);
}

#[test]
fn flat_and_wrapped_bodies_both_work() {
    let mut p = Platform::new(PlatformConfig::default());
    let a = post(&mut p, "/streaming/streams", json!({"name": "flat"})).json_body();
    let b = post(
        &mut p,
        "/streaming/streams",
        json!({"stream": {"name": "wrapped"}}),
    )
    .json_body();
    assert_eq!(
        (a["name"].clone(), b["name"].clone()),
        (json!("flat"), json!("wrapped"))
    );
    let id = a["id"].as_u64().unwrap();
    let r = patch_stream(&mut p, id, json!({"transcoding_region": "dt1"}), T0);
    assert!(r.json_body()["push_url"]
        .as_str()
        .unwrap()
        .starts_with("rtmp://vp-push-dt1.gvideo.co/in/"));
    let r = patch_stream(&mut p, id, json!({"stream": {"name": "renamed"}}), T0);
    assert_eq!(r.json_body()["name"], "renamed");
    assert_eq!(r.json_body()["transcoding_region"], "dt1");
}

#[test]
fn quota_counts_active_streams() {
    let mut p = Platform::new(PlatformConfig {
        quota: 1,
        ..Default::default()
    });
    let a = post(&mut p, "/streaming/streams", json!({"name": "a", "active": true}));
    assert_eq!(a.status, 200);
    let b = post(&mut p, "/streaming/streams", json!({"name": "b", "active": true}));
    assert_eq!(b.status, 422);
    assert!(b.json_body()["errors"]["active"][0]
        .as_str()
        .unwrap()
        .contains("limit of active live streams reached (1)"));
    let b = post(&mut p, "/streaming/streams", json!({"name": "b"}));
    let bid = b.json_body()["id"].as_u64().unwrap();
    let r = patch_stream(&mut p, bid, json!({"stream": {"active": true}}), T0);
    assert_eq!(r.status, 422);
    let aid = a.json_body()["id"].as_u64().unwrap();
    // Re-enabling an already active stream is not a new activation.
    assert_eq!(patch_stream(&mut p, aid, json!({"active": true}), T0).status, 200);
    patch_stream(&mut p, aid, json!({"active": false}), T0);
    assert_eq!(patch_stream(&mut p, bid, json!({"active": true}), T0).status, 200);
}

#[test]
fn interruption_resumed_within_window_keeps_one_file() {
    let (mut p, sid) = recording_guide_stream();
    p.disconnect(StreamId(sid), T0 + 10_000).unwrap();
    p.connect(StreamId(sid), T0 + 15_000).unwrap();
    assert_eq!(brief(&p.advance(T0 + 30_000)), [OFF, LIVE, RECORDING]);
    let stop = stop_recording(&mut p, sid, T0 + 30_000);
    // 3..10 s and 15..30 s
    assert_eq!(stop.json_body()["duration"], 22_000);
}

#[test]
fn interruption_longer_than_window_splits_into_two_videos() {
    let (mut p, sid) = recording_guide_stream();
    assert_eq!(p.disconnect(StreamId(sid), T0 + 10_000).unwrap()["live"], false);
    assert_eq!(
        p.disconnect(StreamId(sid), T0 + 10_000),
        Err(ControlError::NotLive(StreamId(sid)))
    );
    assert_eq!(brief(&p.advance(T0 + 20_000)), [OFF, "video 803111 \"pending\""]);
    p.connect(StreamId(sid), T0 + 30_000).unwrap();
    assert_eq!(
        brief(&p.advance(T0 + 31_000)),
        [
            "video 803111 \"viewable\"",
            "video 803111 \"ready\"",
            LIVE,
            TRANSCODING,
            RECORDING,
        ]
    );
    let stop = stop_recording(&mut p, sid, T0 + 41_000);
    assert_eq!(stop.json_body()["id"], 803_112);
    assert_eq!(stop.json_body()["duration"], 10_000);
    let list = get(&mut p, &format!("/streaming/videos?stream_id={sid}"), T0 + 41_000).json_body();
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert!(list[0].get("iframe_url").is_none());
}

#[test]
fn stop_recording_without_recording_is_an_empty_200_and_start_requires_live() {
    let mut p = Platform::new(PlatformConfig::default());
    let sid = guide_stream(&mut p);
    let r = start_recording(&mut p, sid, T0);
    assert_eq!(r.status, 422);
    assert!(r.json_body()["errors"]["stream"].is_array());
    let r = stop_recording(&mut p, sid, T0);
    assert_eq!((r.status, r.body.as_str()), (200, ""));
    assert_eq!(
        p.connect(StreamId(sid), T0),
        Err(ControlError::StreamNotActive(StreamId(sid)))
    );
    assert_eq!(
        p.connect(StreamId(1), T0),
        Err(ControlError::StreamNotFound(StreamId(1)))
    );
}

#[test]
fn lists_are_bare_arrays_of_25_newest_first() {
    let mut p = Platform::new(PlatformConfig::default());
    for i in 0..30 {
        post(&mut p, "/streaming/streams", json!({"name": format!("s{i}")}));
    }
    let page1 = get(&mut p, "/streaming/streams", T0).json_body();
    let page2 = get(&mut p, "/streaming/streams?page=2", T0).json_body();
    let page3 = get(&mut p, "/streaming/streams?page=3", T0).json_body();
    assert_eq!(page1.as_array().unwrap().len(), 25);
    assert_eq!(page1[0]["name"], "s29");
    assert_eq!(page2.as_array().unwrap().len(), 5);
    assert_eq!(page3, json!([]));
}

#[test]
fn deleting_a_video_sends_video_delete_and_stops_processing() {
    let (mut p, sid) = recording_guide_stream();
    let vid = stop_recording(&mut p, sid, T0 + 4_000).json_body()["id"]
        .as_u64()
        .unwrap();
    p.advance(T0 + 4_000);
    let r = delete(&mut p, &format!("/streaming/videos/{vid}"), T0 + 5_000);
    assert_eq!(r.status, 204);
    let hooks = p.advance(T0 + 20_000);
    assert_eq!(hooks.len(), 1);
    assert_eq!(hooks[0].kind, "video_delete");
    assert_eq!(
        hooks[0].payload["message"]["video"]["deleted_at"],
        "2026-01-01T00:00:05.000Z"
    );
    assert_eq!(hooks[0].payload["message"]["video"]["status"], "pending");
    assert_eq!(
        delete(&mut p, &format!("/streaming/streams/{sid}"), T0 + 21_000).status,
        204
    );
    assert_eq!(
        get(&mut p, &format!("/streaming/streams/{sid}"), T0 + 21_000).status,
        404
    );
}

#[test]
fn reset_and_seed_make_runs_repeatable() {
    let mut p = Platform::new(PlatformConfig {
        seed: 42,
        ..Default::default()
    });
    let a = post(&mut p, "/streaming/streams", json!({"name": "a"})).json_body();
    p.reset();
    let b = post(&mut p, "/streaming/streams", json!({"name": "a"})).json_body();
    assert_eq!(a, b);
    let mut q = Platform::new(PlatformConfig {
        seed: 43,
        ..Default::default()
    });
    let c = post(&mut q, "/streaming/streams", json!({"name": "a"})).json_body();
    assert_ne!(a["token"], c["token"]);
}

#[test]
fn the_page_size_is_configurable_and_per_page_is_capped_at_100() {
    let mut p = Platform::new(PlatformConfig {
        page_size: 10,
        quota: 200,
        ..Default::default()
    });
    for i in 0..23 {
        post(&mut p, "/streaming/streams", json!({"name": format!("s{i}")}));
        post(
            &mut p,
            "/streaming/broadcasts",
            json!({"name": format!("b{i}"), "status": "pending"}),
        );
    }
    let len = |p: &mut Platform, path: &str| get(p, path, T0).json_body().as_array().unwrap().len();
    assert_eq!(len(&mut p, "/streaming/streams"), 10);
    assert_eq!(len(&mut p, "/streaming/streams?page=3"), 3);
    assert_eq!(len(&mut p, "/streaming/broadcasts?page=2"), 10);
    assert_eq!(len(&mut p, "/streaming/broadcasts?page=3"), 3);
    // Videos: `per_page` as asked, default the page size, at most 100.
    let sid = 320_423;
    for n in 0..105 {
        patch_stream(&mut p, sid, json!({"active": true}), T0 + n * 100_000);
        p.advance(T0 + n * 100_000 + 5_000);
        start_recording(&mut p, sid, T0 + n * 100_000 + 6_000);
        p.advance(T0 + n * 100_000 + 9_000);
        stop_recording(&mut p, sid, T0 + n * 100_000 + 12_000);
        patch_stream(&mut p, sid, json!({"active": false}), T0 + n * 100_000 + 13_000);
    }
    assert_eq!(len(&mut p, "/streaming/videos"), 10);
    assert_eq!(len(&mut p, "/streaming/videos?per_page=1"), 1);
    assert_eq!(len(&mut p, "/streaming/videos?per_page=100"), 100);
    assert_eq!(len(&mut p, "/streaming/videos?per_page=500"), 100);
    assert_eq!(len(&mut p, "/streaming/videos?per_page=500&page=2"), 5);
}

#[test]
fn ingest_then_transcoding_after_the_configured_delay() {
    let mut p = Platform::new(PlatformConfig {
        transcoding_delay_ms: 4_000,
        ..Default::default()
    });
    let sid = guide_stream(&mut p);
    patch_stream(&mut p, sid, json!({"active": true}), T0);
    let hooks = p.advance(T0 + 2_000);
    assert_eq!(brief(&hooks), [LIVE]);
    assert_eq!(
        hooks[0].payload["message"]["stream"]["stream_source_type"],
        "rtmp"
    );
    let s = get(&mut p, &format!("/streaming/streams/{sid}"), T0 + 3_000).json_body();
    assert_eq!(
        (s["live"].clone(), s["transcoding"].clone()),
        (json!(true), json!(false))
    );
    assert!(p.advance(T0 + 5_999).is_empty());
    let hooks = p.advance(T0 + 6_000);
    assert_eq!(brief(&hooks), [TRANSCODING]);
    assert_eq!(hooks[0].at_ms, T0 + 6_000);
    let s = get(&mut p, &format!("/streaming/streams/{sid}"), T0 + 6_000).json_body();
    assert_eq!(s["transcoding"], true);
    // Disabled: both false, the source type still said (the webhook page's stopped sample).
    patch_stream(&mut p, sid, json!({"active": false}), T0 + 7_000);
    let hooks = p.advance(T0 + 7_000);
    assert_eq!(brief(&hooks), [OFF]);
    assert_eq!(
        hooks[0].payload["message"]["stream"]["stream_source_type"],
        "rtmp"
    );
}

#[test]
fn a_pull_stream_from_an_hls_playlist_is_valid_and_typed_https() {
    let mut p = Platform::new(PlatformConfig::default());
    let r = post(
        &mut p,
        "/streaming/streams",
        json!({"stream": {"name": "hls", "pull": true, "uri": "https://origin.example.com/live/master.m3u8", "active": true}}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let hooks = p.advance(T0 + 10_000);
    let s = &hooks[0].payload["message"]["stream"];
    assert_eq!(
        (s["pull"].clone(), s["stream_source_type"].clone()),
        (json!(true), json!("https"))
    );
    let r = post(
        &mut p,
        "/streaming/streams",
        json!({"stream": {"name": "x", "pull": true, "uri": "ftp://a/b"}}),
    );
    assert_eq!(r.status, 422);
    assert!(r.body.contains("http, https"), "{}", r.body);
}
