//! Conformance: the integration guide's 19 steps and its special cases (reuse, interruption,
//! deletion) walked over real HTTP against the sandbox server, with every response checked and the
//! exact webhook sequence received by a local HTTP receiver.
#![cfg(not(target_family = "wasm"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod sandbox_support;

use axum::http::StatusCode;
use gcore_streaming::domain::model::{Broadcast, BroadcastStatus, Stream, Video, VideoStatus};
use gcore_streaming::domain::platform::PlatformConfig;
use gcore_streaming::server::ServerConfig;
use sandbox_support::{brief, sandbox, Api, Receiver, KEY};
use serde_json::{json, Value};

fn fixture(path: &str) -> Value {
    let text =
        std::fs::read_to_string(format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The full stream webhook Gcore's webhook page documents, for the guide's push stream.
fn stream_hook(id: u64, live: bool, transcoding: bool, recording: bool) -> Value {
    json!({"type": "stream", "message": {"stream": {
        "id": id, "live": live, "backup_live": false, "recording": recording, "transcoding": transcoding,
        "client_user_id": null, "client_entity_data": null, "pull": false, "uri": "",
        "stream_source_type": "rtmp",
    }}})
}

fn broadcast_hook(id: u64, status: &str) -> Value {
    json!({"type": "broadcast", "message": {"broadcast": {"id": id, "status": status}}})
}

/// Advances the clock and returns exactly what the receiver got meanwhile.
async fn step(api: &Api, rx: &Receiver, ms: u64) -> Vec<Value> {
    api.advance(ms).await;
    rx.take()
}

#[tokio::test]
async fn the_guide_and_its_special_cases_over_http() {
    let rx = Receiver::start(StatusCode::OK).await;
    // Transcoding starts as the ingest does (no delay): the guide's timings are kept.
    let config = ServerConfig {
        platform: PlatformConfig {
            transcoding_delay_ms: 0,
            ..PlatformConfig::default()
        },
        ..ServerConfig::default()
    };
    let (server, api) = sandbox(config, vec![rx.url.clone()]).await;
    let mut all = Vec::new();

    // ---- Stage 1. Setup ----
    // Step 1: create a stream (the guide's wrapped body).
    let r = api
        .call(
            "POST",
            "/streaming/streams",
            Some(fixture("api/create_stream_request_guide.json")),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(r.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let stream: Stream = serde_json::from_str(&r.text).unwrap();
    let sid = stream.id.0;
    assert_eq!(sid, 320_423);
    assert_eq!(stream.name.as_deref(), Some("test_stream"));
    assert_eq!(
        (stream.active, stream.live, stream.pull),
        (Some(false), Some(false), Some(false))
    );
    assert_eq!(
        (stream.cdn_id, stream.transcoding_region.as_deref()),
        (Some(53949), Some("ix1"))
    );
    let token = stream.token.clone().unwrap();
    assert_eq!(token.len(), 32);
    assert_eq!(
        stream.push_url.as_deref(),
        Some(format!("rtmp://vp-push-ix1.gvideo.co/in/{sid}?{token}").as_str())
    );
    assert_eq!(r.json()["uri"], Value::Null);
    assert_eq!(r.json()["webrtc"], false);
    assert!(
        step(&api, &rx, 0).await.is_empty(),
        "creating a stream sends no webhook"
    );

    // Step 2: create a broadcast bound to it.
    let mut body = fixture("api/create_broadcast_request_guide.json");
    body["broadcast"]["stream_ids"] = json!([sid]);
    let r = api.call("POST", "/streaming/broadcasts", Some(body)).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let b: Broadcast = serde_json::from_str(&r.text).unwrap();
    let bid = b.id.unwrap().0;
    assert_eq!(bid, 192_470);
    assert_eq!(b.status, Some(BroadcastStatus::Pending));
    assert_eq!(
        b.stream_ids
            .as_ref()
            .unwrap()
            .iter()
            .map(|s| s.0)
            .collect::<Vec<_>>(),
        [sid]
    );
    assert_eq!(b.pending_message.as_deref(), Some("Please wait ..."));
    let got = api
        .call("GET", &format!("/streaming/streams/{sid}"), None)
        .await
        .json();
    assert_eq!(got["broadcast_ids"], json!([bid]));

    // Step 3: enable the stream.
    let r = api
        .call(
            "PATCH",
            &format!("/streaming/streams/{sid}"),
            Some(json!({"stream": {"active": true}})),
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        (r.json()["id"].as_u64(), r.json()["active"].clone()),
        (Some(sid), json!(true))
    );
    assert!(
        step(&api, &rx, 1_999).await.is_empty(),
        "the publisher connects after 2 s"
    );
    // Ingest, then step 4: transcoding has started (playback ready).
    let hooks = step(&api, &rx, 1).await;
    assert_eq!(
        hooks,
        [
            stream_hook(sid, true, false, false),
            stream_hook(sid, true, true, false)
        ]
    );
    all.extend(hooks);
    let live: Stream = serde_json::from_str(
        &api.call("GET", &format!("/streaming/streams/{sid}"), None)
            .await
            .text,
    )
    .unwrap();
    assert_eq!(live.live, Some(true));
    assert_eq!(
        live.started_at_primary.as_deref(),
        Some("2026-01-01T00:00:02.000Z")
    );

    // ---- Stage 2. Test ----
    // Step 5 + 6: broadcast live.
    let r = api
        .call(
            "PATCH",
            &format!("/streaming/broadcasts/{bid}"),
            Some(json!({"broadcast": {"status": "live"}})),
        )
        .await;
    assert_eq!(
        (r.status, r.json()["id"].as_u64(), r.json()["status"].clone()),
        (200, Some(bid), json!("live"))
    );
    let hooks = step(&api, &rx, 0).await;
    assert_eq!(hooks, [broadcast_hook(bid, "live")]);
    assert_eq!(hooks[0], fixture("webhooks/step06_broadcast_live.json"));
    all.extend(hooks);

    // ---- Stage 3. Live ----
    // Step 7: start recording → 204.
    let r = api
        .call("PUT", &format!("/streaming/streams/{sid}/start_recording"), None)
        .await;
    assert_eq!((r.status, r.text.as_str()), (204, ""));
    assert!(
        step(&api, &rx, 999).await.is_empty(),
        "recording takes time to initialise"
    );
    // Step 8: recording started.
    let hooks = step(&api, &rx, 1).await;
    assert_eq!(hooks, [stream_hook(sid, true, true, true)]);
    all.extend(hooks);
    let got = api
        .call("GET", &format!("/streaming/streams/{sid}"), None)
        .await
        .json();
    assert_eq!(got["recording"], true);

    // ---- Stage 4. Stop ----
    assert!(step(&api, &rx, 48_410).await.is_empty());
    // Step 9: stop recording → the video.
    let r = api
        .call("PUT", &format!("/streaming/streams/{sid}/stop_recording"), None)
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let video: Video = serde_json::from_str(&r.text).unwrap();
    let vid = video.id.0;
    assert_eq!(vid, 803_111);
    assert_eq!(
        video.name.as_deref(),
        Some("Stream Record: test_stream, 2026-01-01 00:00:51 +0000")
    );
    assert_eq!(
        video.recording_started_at.as_deref(),
        Some("2026-01-01T00:00:03.000Z")
    );
    assert_eq!(video.created_at.as_deref(), Some("2026-01-01T00:00:51.410Z"));
    assert_eq!(
        (video.duration, video.stream_id.map(|s| s.0)),
        (Some(48_410), Some(sid))
    );
    assert_eq!(video.status, Some(VideoStatus::Pending));
    // Steps 10 + 11: recording stopped, then the video is pending.
    let hooks = step(&api, &rx, 0).await;
    assert_eq!(hooks.len(), 2, "{hooks:?}");
    assert_eq!(hooks[0], stream_hook(sid, true, true, false));
    let slug = video.slug.clone().unwrap();
    assert_eq!(
        hooks[1],
        json!({"type": "video", "message": {"video": {"id": vid, "slug": slug, "name": video.name,
            "duration": 48_410, "stream_id": sid, "status": "pending", "converted_videos": []}}})
    );
    all.extend(hooks);

    // Steps 12 + 13: broadcast finished.
    let r = api
        .call(
            "PATCH",
            &format!("/streaming/broadcasts/{bid}"),
            Some(json!({"broadcast": {"status": "finished"}})),
        )
        .await;
    assert_eq!(r.json()["status"], "finished");
    let hooks = step(&api, &rx, 0).await;
    assert_eq!(hooks, [fixture("webhooks/step13_broadcast_finished.json")]);
    all.extend(hooks);

    // Step 14: disable the stream: the answer still shows `live: true` (the guide's sample)...
    let r = api
        .call(
            "PATCH",
            &format!("/streaming/streams/{sid}"),
            Some(json!({"stream": {"active": false}})),
        )
        .await;
    assert_eq!(r.status, 200);
    let s = r.json();
    assert_eq!(
        (s["active"].clone(), s["live"].clone()),
        (json!(false), json!(true))
    );
    assert_eq!(s["transcoded_qualities"], json!(["360n", "480n", "720n"]));
    assert_eq!(s["transcoding_speed"], 1.0);
    // ...Step 15: then the stream has ended.
    let hooks = step(&api, &rx, 0).await;
    assert_eq!(hooks, [stream_hook(sid, false, false, false)]);
    all.extend(hooks);

    // Step 16: delete the broadcast.
    let r = api
        .call("DELETE", &format!("/streaming/broadcasts/{bid}"), None)
        .await;
    assert_eq!((r.status, r.text.as_str()), (204, ""));
    let r = api
        .call("GET", &format!("/streaming/broadcasts/{bid}"), None)
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json(), fixture("errors/404_status.json"));

    // Step 17: partially processed.
    let hooks = step(&api, &rx, 3_000).await;
    assert_eq!(hooks.len(), 1);
    let v = &hooks[0]["message"]["video"];
    assert_eq!(
        (v["id"].as_u64(), v["status"].as_str()),
        (Some(vid), Some("viewable"))
    );
    let statuses: Vec<(&str, &str)> = v["converted_videos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap(), c["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("vod720n", "complete"),
            ("vod480n", "processing"),
            ("vod360n", "processing"),
            ("vod240n", "processing")
        ]
    );
    all.extend(hooks);
    // Step 18: completely processed.
    let hooks = step(&api, &rx, 3_000).await;
    assert_eq!(hooks.len(), 1);
    assert_eq!(hooks[0]["message"]["video"]["status"], "ready");
    assert!(hooks[0]["message"]["video"]["converted_videos"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["status"] == "complete"));
    all.extend(hooks);

    // Step 19: get the video.
    let r = api.call("GET", &format!("/streaming/videos/{vid}"), None).await;
    assert_eq!(r.status, 200);
    let v: Video = serde_json::from_str(&r.text).unwrap();
    assert_eq!(
        (v.status, v.client_id, v.duration),
        (Some(VideoStatus::Ready), Some(58_725), Some(48_410))
    );
    assert_eq!(
        v.sprite.as_deref(),
        Some("https://s-ed1.cloud.gcore.lu/videoplatform/sprites/58725/803111_803111.mp4_sprite.jpg")
    );
    assert_eq!(v.converted_videos.as_ref().unwrap().len(), 4);

    // ---- Special case: reuse of a stream ----
    let r = api
        .call(
            "PATCH",
            &format!("/streaming/streams/{sid}"),
            Some(json!({"stream": {"transcoding_region": "dt1"}})),
        )
        .await;
    assert_eq!(r.status, 200);
    let s: Stream = serde_json::from_str(&r.text).unwrap();
    assert_eq!((s.id.0, s.live, s.backup_live), (sid, Some(false), Some(false)));
    assert_eq!(
        s.push_url.as_deref(),
        Some(format!("rtmp://vp-push-dt1.gvideo.co/in/{sid}?{token}").as_str())
    );
    assert_eq!(
        s.push_url_srt.as_deref(),
        Some(format!("srt://vp-push-dt1-srt.gvideo.co:5001?streamid={sid}#{token}").as_str())
    );
    assert!(s
        .backup_push_url
        .unwrap()
        .ends_with(&format!("/in/{sid}b?{token}")));
    let r = api
        .call(
            "POST",
            "/streaming/broadcasts",
            Some(json!({"broadcast": {"name": "second", "status": "pending", "stream_ids": [sid]}})),
        )
        .await;
    let bid2 = r.json()["id"].as_u64().unwrap();
    assert_eq!(bid2, bid + 1);
    api.call(
        "PATCH",
        &format!("/streaming/streams/{sid}"),
        Some(json!({"stream": {"active": true}})),
    )
    .await;
    let hooks = step(&api, &rx, 2_000).await;
    assert_eq!(
        hooks,
        [
            stream_hook(sid, true, false, false),
            stream_hook(sid, true, true, false)
        ]
    );
    all.extend(hooks);
    api.call(
        "PATCH",
        &format!("/streaming/broadcasts/{bid2}"),
        Some(json!({"broadcast": {"status": "live"}})),
    )
    .await;
    assert_eq!(
        api.call("PUT", &format!("/streaming/streams/{sid}/start_recording"), None)
            .await
            .status,
        204
    );
    let hooks = step(&api, &rx, 1_000).await;
    assert_eq!(
        hooks,
        [broadcast_hook(bid2, "live"), stream_hook(sid, true, true, true)]
    );
    all.extend(hooks);

    // ---- Special case: interruption during streaming ----
    assert!(step(&api, &rx, 20_000).await.is_empty());
    let c = api
        .control("POST", &format!("/_sandbox/streams/{sid}/disconnect"))
        .await;
    assert_eq!(c["stream"]["live"], false);
    let hooks = rx.take();
    assert_eq!(hooks, [stream_hook(sid, false, false, false)]);
    assert_eq!(
        brief(&hooks[0]),
        brief(&fixture("webhooks/interruption_stream_down.json")).replace("320423", &sid.to_string())
    );
    all.extend(hooks);
    // The app checks the stream: live false although not stopped manually → pause the broadcast.
    let s = api
        .call("GET", &format!("/streaming/streams/{sid}"), None)
        .await
        .json();
    assert_eq!(
        (s["active"].clone(), s["live"].clone(), s["recording"].clone()),
        (json!(true), json!(false), json!(false))
    );
    let r = api
        .call(
            "PATCH",
            &format!("/streaming/broadcasts/{bid2}"),
            Some(json!({"broadcast": {"status": "paused"}})),
        )
        .await;
    assert_eq!(r.json()["status"], "paused");
    let hooks = step(&api, &rx, 0).await;
    assert_eq!(hooks, [broadcast_hook(bid2, "paused")]);
    all.extend(hooks);
    // Back within 10 s: the same file continues.
    assert!(step(&api, &rx, 5_000).await.is_empty());
    api.control("POST", &format!("/_sandbox/streams/{sid}/connect"))
        .await;
    // Ingest first; the recording shows again once transcoding has started.
    let hooks = rx.take();
    assert_eq!(
        hooks,
        [
            stream_hook(sid, true, false, false),
            stream_hook(sid, true, true, true)
        ]
    );
    all.extend(hooks);
    // Away longer than 10 s: the file closes (first video of this session).
    assert!(step(&api, &rx, 10_000).await.is_empty());
    api.control("POST", &format!("/_sandbox/streams/{sid}/disconnect"))
        .await;
    all.extend(rx.take());
    let hooks = step(&api, &rx, 10_000).await;
    assert_eq!(hooks.len(), 1);
    let first = hooks[0]["message"]["video"].clone();
    assert_eq!(
        (first["id"].as_u64(), first["status"].as_str()),
        (Some(vid + 1), Some("pending"))
    );
    assert_eq!(
        first["duration"], 30_000,
        "20 s + 10 s recorded, the 5 s gap excluded"
    );
    all.extend(hooks);
    // The publisher comes back: a new file (recording restarts after its initialisation).
    api.control("POST", &format!("/_sandbox/streams/{sid}/connect"))
        .await;
    let hooks = rx.take();
    assert_eq!(
        hooks,
        [
            stream_hook(sid, true, false, false),
            stream_hook(sid, true, true, false)
        ]
    );
    all.extend(hooks);
    let hooks = step(&api, &rx, 1_000).await;
    assert_eq!(hooks, [stream_hook(sid, true, true, true)]);
    all.extend(hooks);
    api.call(
        "PATCH",
        &format!("/streaming/broadcasts/{bid2}"),
        Some(json!({"broadcast": {"status": "live"}})),
    )
    .await;
    all.extend(step(&api, &rx, 12_000).await);
    let r = api
        .call("PUT", &format!("/streaming/streams/{sid}/stop_recording"), None)
        .await;
    let second = r.json();
    assert_eq!(
        (second["id"].as_u64(), second["duration"].as_u64()),
        (Some(vid + 2), Some(12_000))
    );
    let hooks = step(&api, &rx, 0).await;
    assert_eq!(
        brief(&hooks[0]),
        format!("stream {sid} live=true recording=false")
    );
    assert_eq!(brief(&hooks[1]), format!("video {} pending", vid + 2));
    all.extend(hooks);
    // The stream's recordings: two from the interrupted session, one from the first walk.
    let list = api
        .call(
            "GET",
            &format!("/streaming/videos?stream_id={sid}&per_page=10"),
            None,
        )
        .await
        .json();
    let ids: Vec<u64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [vid + 2, vid + 1, vid]);
    let pending = api
        .call("GET", "/streaming/videos?status=pending", None)
        .await
        .json();
    assert_eq!(
        pending.as_array().unwrap().len(),
        1,
        "the first file is processed by now"
    );
    api.call(
        "PATCH",
        &format!("/streaming/broadcasts/{bid2}"),
        Some(json!({"broadcast": {"status": "finished"}})),
    )
    .await;
    api.call(
        "PATCH",
        &format!("/streaming/streams/{sid}"),
        Some(json!({"stream": {"active": false}})),
    )
    .await;
    all.extend(step(&api, &rx, 6_000).await);

    // ---- Special case: deletion ----
    let r = api
        .call("DELETE", &format!("/streaming/videos/{vid}"), None)
        .await;
    assert_eq!((r.status, r.text.as_str()), (204, ""));
    let hooks = step(&api, &rx, 0).await;
    assert_eq!(hooks.len(), 1);
    assert_eq!(hooks[0]["type"], "video_delete");
    let d = &hooks[0]["message"]["video"];
    assert_eq!(
        (d["id"].as_u64(), d["slug"].as_str(), d["status"].as_str()),
        (Some(vid), Some(slug.as_str()), Some("ready"))
    );
    let deleted_at =
        gcore_streaming::domain::platform::time::parse_iso8601(d["deleted_at"].as_str().unwrap());
    let now = api.control("GET", "/_sandbox/health").await["now_ms"].as_u64();
    assert_eq!(deleted_at, now, "deleted_at is the simulated time of deletion");
    all.extend(hooks);
    assert_eq!(
        api.call("GET", &format!("/streaming/videos/{vid}"), None)
            .await
            .status,
        404
    );
    let r = api
        .call("DELETE", &format!("/streaming/streams/{sid}"), None)
        .await;
    assert_eq!((r.status, r.text.as_str()), (204, ""));
    assert_eq!(
        api.call("GET", &format!("/streaming/streams/{sid}"), None)
            .await
            .status,
        404
    );
    assert!(step(&api, &rx, 60_000).await.is_empty());

    // The whole sequence, as the guide orders it.
    let sequence: Vec<String> = all.iter().map(brief).collect();
    let (s, b, b2, v) = (sid, bid, bid2, vid);
    let expected = [
        format!("stream {s} live=true recording=false"), // ingest (transcoding: false)
        format!("stream {s} live=true recording=false"), // 4 (transcoding: true)
        format!("broadcast {b} live"),                   // 6
        format!("stream {s} live=true recording=true"),  // 8
        format!("stream {s} live=true recording=false"), // 10
        format!("video {v} pending"),                    // 11
        format!("broadcast {b} finished"),               // 13
        format!("stream {s} live=false recording=false"), // 15
        format!("video {v} viewable"),                   // 17
        format!("video {v} ready"),                      // 18
        // reuse
        format!("stream {s} live=true recording=false"),
        format!("stream {s} live=true recording=false"),
        format!("broadcast {b2} live"),
        format!("stream {s} live=true recording=true"),
        // interruption
        format!("stream {s} live=false recording=false"),
        format!("broadcast {b2} paused"),
        format!("stream {s} live=true recording=false"),
        format!("stream {s} live=true recording=true"),
        format!("stream {s} live=false recording=false"),
        format!("video {} pending", v + 1),
        format!("stream {s} live=true recording=false"),
        format!("stream {s} live=true recording=false"),
        format!("stream {s} live=true recording=true"),
        format!("broadcast {b2} live"),
        format!("video {} viewable", v + 1),
        format!("video {} ready", v + 1),
        format!("stream {s} live=true recording=false"),
        format!("video {} pending", v + 2),
        format!("broadcast {b2} finished"),
        format!("stream {s} live=false recording=false"),
        format!("video {} viewable", v + 2),
        format!("video {} ready", v + 2),
        // deletion
        format!("video_delete {v} ready"),
    ];
    assert_eq!(sequence, expected);

    // The server's own record matches what was received, each delivered once with a 200.
    let records = api.control("GET", "/_sandbox/webhooks").await;
    let records = records.as_array().unwrap();
    assert_eq!(records.len(), all.len());
    for (i, (rec, got)) in records.iter().zip(&all).enumerate() {
        assert_eq!(rec["seq"], i as u64 + 1);
        assert_eq!(&rec["payload"], got);
        assert_eq!(
            rec["deliveries"],
            json!([{"target": 0, "result": "delivered", "status": 200, "duplicate": false, "delay_ms": 0}])
        );
    }
    server.stop().await;
}

#[tokio::test]
async fn authentication_is_required_and_checked() {
    let (server, api) = sandbox(ServerConfig::default(), vec![]).await;
    let r = api.raw("GET", "/streaming/streams", &[], None).await;
    assert_eq!(
        (r.status, r.json()),
        (
            401,
            json!({"detail": "Authentication credentials were not provided."})
        )
    );
    let r = api
        .raw(
            "GET",
            "/streaming/streams",
            &[("authorization", "APIKey wrong")],
            None,
        )
        .await;
    assert_eq!(
        (r.status, r.json()),
        (401, json!({"detail": "Given token not valid for any token type"}))
    );
    let r = api
        .raw(
            "GET",
            "/streaming/streams",
            &[("Authorization", &format!("APIKey {KEY}"))],
            None,
        )
        .await;
    assert_eq!((r.status, r.text.as_str()), (200, "[]"));
    let r = api
        .raw(
            "GET",
            "/streaming/nothing-here",
            &[("Authorization", &format!("APIKey {KEY}"))],
            None,
        )
        .await;
    assert_eq!(r.status, 404);
    server.stop().await;
}
