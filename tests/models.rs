//! Models and request bodies against the sample payloads of the guide and of Gcore's API reference.
#![cfg(not(target_family = "wasm"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use gcore_streaming::domain::model::*;
use gcore_streaming::domain::request::*;
use gcore_streaming::domain::{BroadcastId, StreamId, VideoId};
use serde_json::{json, Value};

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(text: &str) -> (T, Value) {
    let parsed: T = serde_json::from_str(text).unwrap();
    let back = serde_json::to_value(&parsed).unwrap();
    (parsed, back)
}

/// Every non-null field of the original is present, unchanged, after a parse + serialize round trip.
fn assert_no_loss(original: &Value, back: &Value) {
    match (original, back) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                if v.is_null() {
                    continue;
                }
                let w = b.get(k).unwrap_or_else(|| panic!("field {k} lost"));
                assert_no_loss(v, w);
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len());
            a.iter().zip(b).for_each(|(x, y)| assert_no_loss(x, y));
        }
        (Value::Number(a), Value::Number(b)) => assert_eq!(a.as_f64(), b.as_f64()),
        (a, b) => assert_eq!(a, b),
    }
}

#[test]
fn stream_responses_parse_and_keep_every_field() {
    for f in [
        "api/create_stream_response.json",
        "api/stream_disable_response.json",
        "api/stream_reuse_response.json",
    ] {
        let text = fixture(f);
        let (stream, back): (Stream, Value) = round_trip(&text);
        assert_eq!(stream.id, StreamId(320423));
        assert_no_loss(&serde_json::from_str(&text).unwrap(), &back);
    }
    let (s, _): (Stream, Value) = round_trip(&fixture("api/stream_disable_response.json"));
    assert_eq!(s.active, Some(false));
    assert_eq!(s.transcoded_qualities.as_deref().map(<[String]>::len), Some(3));
    assert!(
        s.extra.contains_key("rtmp_play_url"),
        "legacy fields are kept in extra"
    );
    let (s, _): (Stream, Value) = round_trip(&fixture("api/create_stream_response.json"));
    assert_eq!(s.projection, Some(Projection::Regular));
}

#[test]
fn broadcast_and_video_responses_parse() {
    let (b, back): (Broadcast, Value) = round_trip(&fixture("api/broadcast_response.json"));
    assert_eq!(b.id, Some(BroadcastId(192470)));
    assert_eq!(b.status, Some(BroadcastStatus::Pending));
    assert_eq!(b.stream_ids, Some(vec![StreamId(320423)]));
    assert_no_loss(
        &serde_json::from_str(&fixture("api/broadcast_response.json")).unwrap(),
        &back,
    );

    let (v, back): (Video, Value) = round_trip(&fixture("api/get_video_response.json"));
    assert_eq!(v.id, VideoId(803111));
    assert_eq!(v.duration, Some(48410));
    assert_eq!(v.status, Some(VideoStatus::Ready));
    let cv = v.converted_videos.unwrap();
    assert_eq!(cv[0].status, Some(ConvertedVideoStatus::Complete));
    assert_no_loss(
        &serde_json::from_str(&fixture("api/get_video_response.json")).unwrap(),
        &back,
    );

    let (v, _): (Video, Value) = round_trip(&fixture("api/stop_recording_response.json"));
    assert_eq!(v.stream_id, Some(StreamId(320423)));
}

#[test]
fn unknown_enum_values_round_trip() {
    let text =
        r#"{"id":1,"status":"archived","record_type":"hybrid","converted_videos":[{"status":"queued"}]}"#;
    let (v, back): (Video, Value) = round_trip(text);
    assert_eq!(v.status, Some(VideoStatus::Unknown("archived".into())));
    assert_eq!(back, serde_json::from_str::<Value>(text).unwrap());
    let (s, back): (Stream, Value) =
        round_trip(r#"{"id":2,"projection":"fisheye","stream_source_type":"rist","record_type":"origin"}"#);
    assert_eq!(s.projection, Some(Projection::Unknown("fisheye".into())));
    assert_eq!(back["stream_source_type"], "rist");
    let (b, _): (Broadcast, Value) = round_trip(r#"{"id":3,"status":"Live"}"#);
    assert_eq!(b.status, Some(BroadcastStatus::Live));
}

#[test]
fn wrong_types_are_rejected_with_the_field_named() {
    let err = serde_json::from_str::<Stream>(r#"{"id":1,"active":"yes"}"#).unwrap_err();
    assert!(err.to_string().contains("invalid type"), "{err}");
    assert!(serde_json::from_str::<Stream>(r#"{"name":"no id"}"#).is_err());
}

#[test]
fn start_recording_result_reads_warnings() {
    let r: StartRecordingResult = serde_json::from_str(&fixture("api/start_recording_200.json")).unwrap();
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(
        r.warnings[0].key.as_deref(),
        Some("client_storage_almost_exceeded")
    );
    assert_eq!(
        r.warnings[0].source_object.as_ref().unwrap().kind.as_deref(),
        Some("client")
    );
    let client = r.data.unwrap().stream.unwrap().client.unwrap();
    assert_eq!(client.storage_limit_mb, Some(10000));
    assert_eq!(StartRecordingResult::default().warnings.len(), 0);
}

#[test]
fn error_bodies_in_every_documented_shape() {
    let e = ErrorBody::parse(&fixture("errors/422_fields.json"));
    assert_eq!(
        e.fields().unwrap().get("name"),
        Some(&vec!["can't be blank".to_owned()])
    );
    assert_eq!(e.summary(), "name can't be blank; status can't be blank");
    assert_eq!(
        ErrorBody::parse(&fixture("errors/404_status.json")),
        ErrorBody::Status {
            status: 404,
            error: "Not Found. Entity you are looking for was not found, please check the url and params"
                .into()
        }
    );
    assert_eq!(
        ErrorBody::parse(&fixture("errors/429_message.json")),
        ErrorBody::Message {
            error: "Queue limit reached (100), try later.".into()
        }
    );
    assert_eq!(
        ErrorBody::parse(&fixture("errors/422_array.json")),
        ErrorBody::Messages {
            messages: vec!["Name can't be blank".into(), "Status can't be blank".into()]
        }
    );
    assert!(matches!(
        ErrorBody::parse(&fixture("errors/502_raw.html")),
        ErrorBody::Raw { .. }
    ));
    assert_eq!(ErrorBody::parse(""), ErrorBody::Empty);
    assert!(matches!(ErrorBody::parse("[1,2]"), ErrorBody::Raw { .. }));
    let long = "x".repeat(10_000);
    match ErrorBody::parse(&long) {
        ErrorBody::Raw { text } => assert_eq!(text.len(), 4096),
        other => panic!("{other:?}"),
    }
}

#[test]
fn create_stream_is_flat_and_omits_unset_fields() {
    let guide: Value = serde_json::from_str(&fixture("api/create_stream_request_guide.json")).unwrap();
    // The guide's wrapped body reads into the same params…
    let params: StreamParams = serde_json::from_value(guide["stream"].clone()).unwrap();
    assert_eq!(params.uri, Some(None), "explicit null is kept");
    assert_eq!(params.transcoding_region.as_deref(), Some("ix1"));
    assert_eq!(
        params.extra["webrtc"],
        json!(false),
        "unmodelled fields are passed through"
    );
    // …and is sent flat, exactly as given.
    let req = ApiRequest::create_stream(&params).unwrap();
    assert_eq!(req.method, Method::Post);
    assert_eq!(req.path, "/streaming/streams");
    let body: Value = serde_json::from_str(req.body.as_deref().unwrap()).unwrap();
    assert_eq!(body, guide["stream"]);

    let minimal = StreamParams {
        name: Some("s".into()),
        ..Default::default()
    };
    assert_eq!(
        ApiRequest::create_stream(&minimal).unwrap().body.as_deref(),
        Some(r#"{"name":"s"}"#)
    );
    let err = ApiRequest::create_stream(&StreamParams::default()).unwrap_err();
    assert_eq!(err.path, "name");
    let blank = StreamParams {
        name: Some("  ".into()),
        ..Default::default()
    };
    assert!(ApiRequest::create_stream(&blank).is_err());
}

#[test]
fn nullable_settings_and_nullable_fields_round_trip_absent_null_and_value() {
    // A setting (`Nullable`): absent, `null` and a value each read as their own state and are written
    // back byte for byte.
    for (text, cdn_id) in [
        (r#"{"name":"s"}"#, None),
        (r#"{"name":"s","cdn_id":null}"#, Some(None)),
        (r#"{"name":"s","cdn_id":7}"#, Some(Some(7))),
    ] {
        let params: StreamParams = serde_json::from_str(text).unwrap();
        assert_eq!(params.cdn_id, cdn_id, "{text}");
        assert_eq!(serde_json::to_string(&params).unwrap(), text);
    }
    // A model field the API may send as `null`: `null` reads as absent and is left out.
    for (text, cdn_id, back) in [
        (r#"{"id":1}"#, None, r#"{"id":1}"#),
        (r#"{"id":1,"cdn_id":null}"#, None, r#"{"id":1}"#),
        (r#"{"id":1,"cdn_id":7}"#, Some(7), r#"{"id":1,"cdn_id":7}"#),
    ] {
        let stream: Stream = serde_json::from_str(text).unwrap();
        assert_eq!(stream.cdn_id, cdn_id, "{text}");
        assert_eq!(serde_json::to_string(&stream).unwrap(), back);
    }
}

#[test]
fn update_stream_is_wrapped_and_can_clear_nullable_fields() {
    let enable = StreamParams {
        active: Some(true),
        ..Default::default()
    };
    let req = ApiRequest::update_stream(StreamId(320423), &enable);
    assert_eq!(req.method, Method::Patch);
    assert_eq!(req.path, "/streaming/streams/320423");
    assert_eq!(req.body.as_deref(), Some(r#"{"stream":{"active":true}}"#));
    let clear = StreamParams {
        srt_passphrase: Some(None),
        ..Default::default()
    };
    assert_eq!(
        ApiRequest::update_stream(StreamId(1), &clear).body.as_deref(),
        Some(r#"{"stream":{"srt_passphrase":null}}"#)
    );
    let reuse = StreamParams {
        transcoding_region: Some("dt1".into()),
        ..Default::default()
    };
    assert_eq!(
        ApiRequest::update_stream(StreamId(1), &reuse).body.as_deref(),
        Some(r#"{"stream":{"transcoding_region":"dt1"}}"#)
    );
}

#[test]
fn broadcast_bodies_are_wrapped() {
    let guide: Value = serde_json::from_str(&fixture("api/create_broadcast_request_guide.json")).unwrap();
    let params: BroadcastParams = serde_json::from_value(guide["broadcast"].clone()).unwrap();
    let req = ApiRequest::create_broadcast(&params).unwrap();
    assert_eq!(req.path, "/streaming/broadcasts");
    assert_eq!(
        serde_json::from_str::<Value>(req.body.as_deref().unwrap()).unwrap(),
        guide
    );

    let live = BroadcastParams {
        status: Some(BroadcastStatus::Live),
        ..Default::default()
    };
    let req = ApiRequest::update_broadcast(BroadcastId(192470), &live);
    assert_eq!(req.method, Method::Patch);
    assert_eq!(req.path, "/streaming/broadcasts/192470");
    assert_eq!(req.body.as_deref(), Some(r#"{"broadcast":{"status":"live"}}"#));
    let no_status = BroadcastParams {
        name: Some("b".into()),
        ..Default::default()
    };
    assert_eq!(
        ApiRequest::create_broadcast(&no_status).unwrap_err().path,
        "status"
    );
}

#[test]
fn paths_methods_and_queries_of_every_operation() {
    let s = StreamId(7);
    let cases = [
        (ApiRequest::get_stream(s), "GET", "/streaming/streams/7"),
        (ApiRequest::delete_stream(s), "DELETE", "/streaming/streams/7"),
        (
            ApiRequest::start_recording(s),
            "PUT",
            "/streaming/streams/7/start_recording",
        ),
        (
            ApiRequest::stop_recording(s),
            "PUT",
            "/streaming/streams/7/stop_recording",
        ),
        (
            ApiRequest::get_broadcast(BroadcastId(8)),
            "GET",
            "/streaming/broadcasts/8",
        ),
        (
            ApiRequest::delete_broadcast(BroadcastId(8)),
            "DELETE",
            "/streaming/broadcasts/8",
        ),
        (ApiRequest::get_video(VideoId(9)), "GET", "/streaming/videos/9"),
        (
            ApiRequest::delete_video(VideoId(9)),
            "DELETE",
            "/streaming/videos/9",
        ),
        (
            ApiRequest::list_streams(&ListStreamsQuery {
                page: Some(2),
                with_broadcasts: Some(true),
            }),
            "GET",
            "/streaming/streams?page=2&with_broadcasts=1",
        ),
        (
            ApiRequest::list_broadcasts(&ListBroadcastsQuery { page: Some(3) }),
            "GET",
            "/streaming/broadcasts?page=3",
        ),
        (
            ApiRequest::list_videos(&ListVideosQuery {
                page: Some(1),
                per_page: Some(25),
                id: Some(vec![VideoId(1), VideoId(2)]),
                search: Some("a b&c".into()),
                status: Some(VideoStatus::Ready),
                stream_id: Some(StreamId(7)),
                ..Default::default()
            }),
            "GET",
            "/streaming/videos?page=1&per_page=25&id=1,2&search=a%20b%26c&status=ready&stream_id=7",
        ),
    ];
    for (req, method, path) in cases {
        assert_eq!(req.method.as_str(), method);
        assert_eq!(req.path_and_query(), path);
        assert!(req.body.is_none());
    }
    assert_eq!(
        ApiRequest::get_stream(s).url("https://api.gcore.com/"),
        "https://api.gcore.com/streaming/streams/7"
    );
    assert!(Method::Put.is_idempotent() && !Method::Post.is_idempotent());
}
