//! `Tracker::next_actions`: the guide's next steps worked out from the tracked state alone, after
//! every event of the guide's runs, after lost webhooks and crashes, and against `apply`'s actions.
#![cfg(not(target_family = "wasm"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use gcore_streaming::domain::model::{Broadcast, Stream};
use gcore_streaming::domain::request::Operation;
use gcore_streaming::domain::webhook::*;
use gcore_streaming::domain::{BroadcastId, StreamId, VideoId};
use serde_json::json;

const S: StreamId = StreamId(320423);
const B: BroadcastId = BroadcastId(192470);
const V: VideoId = VideoId(803111);

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn hook(name: &str) -> WebhookEvent {
    parse_webhook(
        fixture(&format!("webhooks/{name}.json")).as_bytes(),
        &ParseOptions::default(),
    )
    .unwrap()
}

fn api<T: serde::de::DeserializeOwned>(name: &str) -> T {
    serde_json::from_str(&fixture(&format!("api/{name}.json"))).unwrap()
}

/// An action as (operation, step, broadcast, video): what a caller executes.
type Op = (Operation, Option<u8>, Option<BroadcastId>, Option<VideoId>);

fn ops(actions: &[Action]) -> Vec<Op> {
    actions
        .iter()
        .map(|a| (a.operation, a.step, a.broadcast_id, a.video_id))
        .collect()
}

fn next(t: &Tracker) -> Vec<Op> {
    let actions = t.next_actions(S);
    assert!(actions.iter().all(|a| a.stream_id == Some(S)), "{actions:?}");
    ops(&actions)
}

/// The guide's webhooks, in the guide's order.
const GUIDE: [&str; 9] = [
    "step04_stream_live",
    "step06_broadcast_live",
    "step08_recording_started",
    "step10_recording_stopped",
    "step11_video_pending",
    "step13_broadcast_finished",
    "step15_stream_ended",
    "step17_video_viewable",
    "step18_video_ready",
];

/// Applies the guide's webhooks `hooks`, in order.
fn run(t: &mut Tracker, hooks: &[&str]) {
    for h in hooks {
        t.apply(&hook(h), None);
    }
}

/// Steps 1–8: set up, the stream and the broadcast live, recording.
fn recording() -> Tracker {
    let mut t = setup();
    run(&mut t, &GUIDE[..3]);
    t
}

/// Steps 1–3: the stream is created and enabled, the broadcast created and linked.
fn setup() -> Tracker {
    let mut t = Tracker::new();
    let created: Stream = api("create_stream_response");
    t.apply_stream(&created, Some(1));
    t.apply_broadcast(&api::<Broadcast>("broadcast_response"), Some(2))
        .unwrap();
    t.apply_stream(
        &Stream {
            active: Some(true),
            ..created
        },
        Some(3),
    );
    t
}

/// Every action `apply` returns is still due right after it: `next_actions` lists it too. The
/// exceptions, where `apply` advises once what the state no longer keeps due: "close the recording"
/// after an interruption that already stopped it; "get the video" for a recording of an earlier
/// session (`next_actions` lists the ready videos of the current session); "disable the stream"
/// once the stream has ended; "delete the broadcast" once the video is ready.
fn assert_apply_within_next(t: &Tracker, r: &ApplyResult, what: &str) {
    let Some(stream) = r.actions.first().and_then(|a| a.stream_id) else {
        return;
    };
    let due = ops(&t.next_actions(stream));
    let state = t.stream(stream).map(|s| s.state).unwrap();
    for a in ops(&r.actions) {
        let closed_already =
            a == (Operation::StopRecording, None, None, None) && state.recording != Some(true);
        let earlier_session = a.0 == Operation::GetVideo
            && a.3.and_then(|v| t.video(v)).and_then(|v| v.session) != Some(state.session);
        let ended = a.0 == Operation::UpdateStream && state.live == Some(false);
        let done = a.0 == Operation::DeleteBroadcast && t.stage(stream) == Some(Stage::Done);
        assert!(
            due.contains(&a) || closed_already || earlier_session || ended || done,
            "{what}: apply prescribed {a:?}, next_actions has {due:?}"
        );
    }
}

#[test]
fn the_nineteen_steps_one_by_one() {
    let mut t = setup();
    assert_eq!(
        next(&t),
        vec![],
        "the encoder has not connected yet: nothing to call"
    );
    let bl = (Operation::UpdateBroadcast, Some(5), Some(B), None);
    let steps: Vec<(&str, Vec<Op>)> = vec![
        ("step04_stream_live", vec![bl]),
        (
            "step06_broadcast_live",
            vec![(Operation::StartRecording, Some(7), None, None)],
        ),
        ("step08_recording_started", vec![]),
    ];
    for (h, want) in steps {
        let r = t.apply(&hook(h), None);
        assert_eq!(next(&t), want, "after {h}");
        assert_apply_within_next(&t, &r, h);
        // Asking again changes nothing: it is a read.
        assert_eq!(next(&t), want, "after {h}, asked twice");
    }
    // Step 9: the user asks to stop.
    t.expect_stop(S, None);
    assert_eq!(next(&t), vec![(Operation::StopRecording, Some(9), None, None)]);
    let finish = (Operation::UpdateBroadcast, Some(12), Some(B), None);
    let steps: Vec<(&str, Vec<Op>)> = vec![
        ("step10_recording_stopped", vec![finish]),
        ("step11_video_pending", vec![finish]),
        (
            "step13_broadcast_finished",
            vec![(Operation::UpdateStream, Some(14), None, None)],
        ),
    ];
    for (h, want) in steps {
        let r = t.apply(&hook(h), None);
        assert_eq!(next(&t), want, "after {h}");
        assert_apply_within_next(&t, &r, h);
    }
    // The finish body is the guide's.
    let a = t.next_actions(S);
    assert_eq!(
        a[0].body.as_ref().map(ActionBody::to_value),
        Some(json!({"stream": {"active": false}}))
    );
    // Step 14's answer: disabled, still `live` while the ingest winds down: nothing to call.
    t.apply_stream(&api::<Stream>("stream_disable_response"), None);
    assert_eq!(next(&t), vec![]);
    let delete = (Operation::DeleteBroadcast, Some(16), Some(B), None);
    for h in ["step15_stream_ended", "step17_video_viewable"] {
        let r = t.apply(&hook(h), None);
        assert_eq!(next(&t), vec![delete], "after {h}");
        assert_apply_within_next(&t, &r, h);
    }
    let r = t.apply(&hook("step18_video_ready"), None);
    assert_eq!(t.stage(S), Some(Stage::Done));
    // No webhook says the broadcast was deleted: step 16 was due until the video was ready.
    assert_eq!(next(&t), vec![(Operation::GetVideo, Some(19), None, Some(V))]);
    assert_apply_within_next(&t, &r, "step18_video_ready");
    assert_eq!(
        t.next_actions(S)[0].request().unwrap().path,
        "/streaming/videos/803111"
    );
    // A snapshot restores to the same prescriptions; a forgotten stream has none.
    let back = Tracker::restore(&t.snapshot()).unwrap();
    assert_eq!(back.next_actions(S), t.next_actions(S));
    assert!(t.forget(S));
    assert_eq!(next(&t), vec![]);
    assert_eq!(Tracker::new().next_actions(S), vec![]);
}

#[test]
fn same_actions_as_apply_with_bodies_and_reasons() {
    // Where `apply` prescribes an action, `next_actions` gives the identical action.
    let mut t = setup();
    let r = t.apply(&hook("step04_stream_live"), None);
    assert_eq!(t.next_actions(S), r.actions);
    let r = t.apply(&hook("step06_broadcast_live"), None);
    assert_eq!(t.next_actions(S), r.actions);
    t.apply(&hook("step08_recording_started"), None);
    t.expect_stop(S, None);
    let r = t.apply(&hook("step10_recording_stopped"), None);
    assert_eq!(t.next_actions(S), r.actions);
    assert_eq!(
        r.actions[0].body.as_ref().map(ActionBody::to_value),
        Some(json!({"broadcast": {"status": "finished"}}))
    );
}

#[test]
fn a_lost_webhook_or_a_crash_before_acting_loses_no_step() {
    // The step-4 webhook is lost; the stream's API answer says live: the broadcast goes on air.
    let mut t = setup();
    t.apply_stream_update(
        S,
        StreamUpdate {
            live: Some(true),
            ..Default::default()
        },
        None,
    );
    assert_eq!(
        next(&t),
        vec![(Operation::UpdateBroadcast, Some(5), Some(B), None)]
    );
    // The receiver applied step 6 and crashed before starting the recording: still due.
    t.apply(&hook("step06_broadcast_live"), None);
    let restored = Tracker::restore(&t.snapshot()).unwrap();
    assert_eq!(
        ops(&restored.next_actions(S)),
        vec![(Operation::StartRecording, Some(7), None, None)]
    );
    // The step-13 webhook is lost: after the stream ends, the broadcast still has to be finished.
    let mut t = recording();
    t.expect_stop(S, None);
    for h in ["step10_recording_stopped", "step15_stream_ended"] {
        t.apply(&hook(h), None);
    }
    assert_eq!(
        next(&t),
        vec![(Operation::UpdateBroadcast, Some(12), Some(B), None)]
    );
    assert_eq!(
        t.next_actions(S)[0].reason,
        "the stream has ended: finish the broadcast"
    );
    // The finished broadcast arrives late: delete it (the stream has already ended, so disabling
    // it is no longer listed).
    let r = t.apply(&hook("step13_broadcast_finished"), None);
    assert_eq!(
        next(&t),
        vec![(Operation::DeleteBroadcast, Some(16), Some(B), None)]
    );
    assert_apply_within_next(&t, &r, "late step 13");
}

#[test]
fn interruption_then_restart() {
    let mut t = recording();
    let r = t.apply(&hook("interruption_stream_down"), None);
    assert_apply_within_next(&t, &r, "interruption");
    // Check the stream; pause the broadcast (the recording already stopped with the stream).
    assert_eq!(
        next(&t),
        vec![
            (Operation::GetStream, None, None, None),
            (Operation::UpdateBroadcast, None, Some(B), None)
        ]
    );
    assert_eq!(
        t.next_actions(S)[1].body.as_ref().map(ActionBody::to_value),
        Some(json!({"broadcast": {"status": "paused"}}))
    );
    // An API answer saying it still records: close the recording too.
    t.apply_stream_update(
        S,
        StreamUpdate {
            recording: Some(true),
            ..Default::default()
        },
        None,
    );
    assert_eq!(
        next(&t),
        vec![
            (Operation::GetStream, None, None, None),
            (Operation::UpdateBroadcast, None, Some(B), None),
            (Operation::StopRecording, None, None, None)
        ]
    );
    t.apply_stream_update(
        S,
        StreamUpdate {
            recording: Some(false),
            ..Default::default()
        },
        None,
    );
    t.apply(&hook("interruption_broadcast_paused"), None);
    assert_eq!(next(&t), vec![(Operation::GetStream, None, None, None)]);
    // The user streams again: a new session; the paused broadcast goes back on air.
    let r = t.apply(&hook("step04_stream_live"), None);
    assert_eq!(
        next(&t),
        vec![(Operation::UpdateBroadcast, Some(5), Some(B), None)]
    );
    assert_apply_within_next(&t, &r, "restart");
    // The user gives up instead of restarting: a requested stop after the interruption.
    let mut t = recording();
    run(
        &mut t,
        &["interruption_stream_down", "interruption_broadcast_paused"],
    );
    t.expect_stop(S, None);
    assert_eq!(
        next(&t),
        vec![(Operation::UpdateBroadcast, Some(12), Some(B), None)]
    );
}

#[test]
fn a_recording_stopped_without_a_requested_stop_is_checked() {
    let mut t = recording();
    let r = t.apply(&hook("step10_recording_stopped"), None);
    assert_eq!(next(&t), vec![(Operation::GetStream, None, None, None)]);
    assert_apply_within_next(&t, &r, "unrequested recording stop");
}

#[test]
fn every_apply_prescription_is_still_due_in_shuffled_runs() {
    // Each run of the guide with one webhook left out, and with two neighbours swapped: whatever
    // `apply` prescribes, `next_actions` lists right after it.
    let run = GUIDE;
    let mut variants: Vec<Vec<&str>> = Vec::new();
    for i in 0..run.len() {
        let mut v = run.to_vec();
        v.remove(i);
        variants.push(v);
        let mut v = run.to_vec();
        if i + 1 < run.len() {
            v.swap(i, i + 1);
            variants.push(v);
        }
    }
    let mut checked = 0;
    for v in &variants {
        let mut t = setup();
        for (i, h) in v.iter().enumerate() {
            if *h == "step10_recording_stopped" {
                t.expect_stop(S, None);
            }
            let r = t.apply(&hook(h), None);
            checked += r.actions.len();
            assert_apply_within_next(&t, &r, &format!("{v:?} at {i}"));
        }
    }
    assert!(checked >= 90, "only {checked} actions checked");
}

/// What a random run does: a webhook of the guide, a requested stop, an API answer, or events of a
/// second broadcast and of other recordings of the stream.
#[derive(Clone, Debug)]
enum Step {
    Hook(&'static str),
    ExpectStop,
    Api(StreamUpdate),
    /// A second broadcast, linked to the stream (API), with this status (webhook).
    Broadcast2(&'static str),
    /// A recording of the stream (id) with this status (webhook).
    Video(u64, &'static str),
}

fn body(text: String) -> WebhookEvent {
    parse_webhook(text.as_bytes(), &ParseOptions::default()).unwrap()
}

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    let mut hooks = GUIDE.to_vec();
    hooks.extend(["interruption_stream_down", "interruption_broadcast_paused"]);
    let flag = || proptest::option::of(any::<bool>());
    prop_oneof![
        6 => proptest::sample::select(hooks).prop_map(Step::Hook),
        1 => Just(Step::ExpectStop),
        2 => (flag(), flag(), flag()).prop_map(|(active, live, recording)| Step::Api(StreamUpdate {
            active,
            live,
            recording,
            ..Default::default()
        })),
        1 => proptest::sample::select(vec!["pending", "live", "paused", "finished"]).prop_map(Step::Broadcast2),
        1 => (
            proptest::sample::select(vec![803111u64, 900001]),
            proptest::sample::select(vec!["pending", "viewable", "ready"]),
        )
            .prop_map(|(id, status)| Step::Video(id, status)),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
    /// In any order, with losses and repeats: what `apply` prescribes is due right after it, and a
    /// restored snapshot prescribes the same.
    #[test]
    fn apply_prescriptions_are_due_in_any_order(steps in proptest::collection::vec(step(), 1..24)) {
        let mut t = setup();
        for (i, s) in steps.iter().enumerate() {
            let r = match s {
                Step::Hook(h) => t.apply(&hook(h), None),
                Step::ExpectStop => {
                    t.expect_stop(S, None);
                    continue;
                }
                Step::Api(u) => t.apply_stream_update(S, u.clone(), None),
                Step::Broadcast2(status) => {
                    let b2 = Broadcast {
                        id: Some(BroadcastId(192471)),
                        stream_ids: Some(vec![S]),
                        ..Default::default()
                    };
                    let r = t.apply_broadcast(&b2, None).unwrap();
                    assert_apply_within_next(&t, &r, &format!("{steps:?} at {i} (link)"));
                    let text = format!(
                        r#"{{"type":"broadcast","message":{{"broadcast":{{"id":192471,"status":"{status}"}}}}}}"#
                    );
                    t.apply(&body(text), None)
                }
                Step::Video(id, status) => t.apply(
                    &body(format!(
                        r#"{{"type":"video","message":{{"video":{{"id":{id},"status":"{status}","stream_id":{}}}}}}}"#,
                        S.0
                    )),
                    None,
                ),
            };
            assert_apply_within_next(&t, &r, &format!("{steps:?} at {i}"));
        }
        let back = Tracker::restore(&t.snapshot()).unwrap();
        proptest::prop_assert_eq!(back.next_actions(S), t.next_actions(S));
    }
}
