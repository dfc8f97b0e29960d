//! The whole SDK together, as an integration would run it: the crate's typed client and
//! `LiveSession` drive the sandbox server over HTTP, the webhooks it POSTs are validated and folded
//! into the tracker, and each next step is the action the tracker prescribes.
#![cfg(not(target_family = "wasm"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod sandbox_support;

use axum::http::StatusCode;
use gcore_streaming::client::native::HyperTransport;
use gcore_streaming::client::{Auth, CallOptions, Client, ClientConfig};
use gcore_streaming::client::{LiveSession, SessionOptions};
use gcore_streaming::domain::model::{BroadcastStatus, VideoStatus};
use gcore_streaming::domain::request::{BroadcastParams, Operation, StreamParams};
use gcore_streaming::domain::webhook::{parse_webhook, Action, ParseOptions, Stage, Tracker};
use gcore_streaming::server::ServerConfig;
use sandbox_support::{sandbox, Api, Receiver, KEY};
use std::rc::Rc;

/// Advances the sandbox clock, then validates and applies every webhook delivered meanwhile.
/// Returns the actions of the last applied webhook.
async fn deliver(api: &Api, rx: &Receiver, tracker: &mut Tracker, ms: u64) -> (usize, Vec<Action>) {
    api.advance(ms).await;
    let hooks = rx.take();
    let mut actions = Vec::new();
    for hook in &hooks {
        let event = parse_webhook(hook.to_string().as_bytes(), &ParseOptions::default()).unwrap();
        let result = tracker.apply(&event, Some(ms));
        actions = result.actions;
    }
    (hooks.len(), actions)
}

fn find(actions: &[Action], op: Operation) -> Action {
    actions
        .iter()
        .find(|a| a.operation == op)
        .cloned()
        .unwrap_or_else(|| panic!("no {op:?} among {actions:?}"))
}

#[tokio::test]
async fn client_session_and_tracker_walk_the_guide_against_the_sandbox_server() {
    let rx = Receiver::start(StatusCode::OK).await;
    let (_server, api) = sandbox(ServerConfig::default(), vec![rx.url.clone()]).await;
    let config = ClientConfig {
        auth: Auth::ApiKey(KEY.into()),
        base_url: api.base.clone(),
        ..Default::default()
    };
    let client = Rc::new(Client::new(HyperTransport::new(), config));
    let opts = CallOptions::default();
    let mut tracker = Tracker::new();

    // Stage 1 (steps 1–3) in one call.
    let options = SessionOptions {
        stream: Some(StreamParams {
            name: Some("test_stream".into()),
            ..Default::default()
        }),
        transcoding_region: Some("ix1".into()),
        broadcast: BroadcastParams {
            name: Some("test_broadcast".into()),
            ..Default::default()
        },
        ..Default::default()
    };
    let session = LiveSession::setup(Rc::clone(&client), options, &opts)
        .await
        .unwrap();
    let state = session.state();
    let (sid, bid) = (state.stream.id, state.broadcast.id.unwrap());
    assert_eq!(state.stream.active, Some(true));
    assert_eq!(state.broadcast.status, Some(BroadcastStatus::Pending));
    tracker.apply_broadcast(&state.broadcast, None).unwrap();
    tracker.apply_stream(&state.stream, None);
    assert_eq!(tracker.stage(sid), Some(Stage::Setup));

    // The publisher connects: ingest (`transcoding: false`), playback not ready; nothing to do yet
    // but check the stream.
    let (n, actions) = deliver(&api, &rx, &mut tracker, 2_000).await;
    assert_eq!((n, actions.len()), (1, 0));
    let due = tracker.next_actions(sid);
    assert_eq!(
        due.iter().map(|a| (a.operation, a.step)).collect::<Vec<_>>(),
        [(Operation::GetStream, None)]
    );
    // Step 4: transcoding starts (playback ready); the tracker says: set the broadcast live (step 5).
    let (n, actions) = deliver(&api, &rx, &mut tracker, 1_000).await;
    assert_eq!(n, 1);
    let go_live = find(&actions, Operation::UpdateBroadcast);
    assert_eq!((go_live.broadcast_id, go_live.step), (Some(bid), Some(5)));
    session.perform(&go_live, &opts).await.unwrap();

    // Step 6 → stage test; the tracker says: start recording (step 7).
    let (_, actions) = deliver(&api, &rx, &mut tracker, 0).await;
    assert_eq!(tracker.stage(sid), Some(Stage::Test));
    let record = find(&actions, Operation::StartRecording);
    assert_eq!((record.stream_id, record.step), (Some(sid), Some(7)));
    session.perform(&record, &opts).await.unwrap();

    // Step 8 → stage live.
    deliver(&api, &rx, &mut tracker, 10_000).await;
    assert_eq!(tracker.stage(sid), Some(Stage::Live));

    // Stage 4 in one call (steps 9, 12, 14, 16), announced to the tracker so it is not an interruption.
    tracker.expect_stop(sid, None);
    let videos = session.stop(&opts).await.unwrap();
    assert_eq!(videos.len(), 1, "one recording");
    let vid = videos[0].id;
    assert_eq!(videos[0].stream_id, Some(sid));
    let (_, actions) = deliver(&api, &rx, &mut tracker, 0).await;
    assert_eq!(tracker.stage(sid), Some(Stage::Stop));
    assert!(actions
        .iter()
        .all(|a| a.operation != Operation::UpdateBroadcast || a.step != Some(5)));

    // Steps 17–18: processing; the tracker ends `done` and prescribes getting the video (step 19).
    let (n, actions) = deliver(&api, &rx, &mut tracker, 60_000).await;
    assert!(n >= 2, "viewable and ready webhooks");
    assert_eq!(tracker.stage(sid), Some(Stage::Done));
    let get = find(&actions, Operation::GetVideo);
    assert_eq!((get.video_id, get.step), (Some(vid), Some(19)));
    let video = client.get_video(vid, &opts).await.unwrap();
    assert_eq!(video.status, Some(VideoStatus::Ready));
    assert_eq!(
        tracker.video(vid).map(|v| v.status.clone()),
        Some(Some(VideoStatus::Ready))
    );

    // The tracker's state survives a snapshot round trip (the edge-function pattern).
    let restored = Tracker::restore(&tracker.snapshot()).unwrap();
    assert_eq!(restored, tracker);
}
