use super::actions::{push_action, Next};
use super::*;

#[test]
fn action_bodies_are_what_the_body_builders_write() {
    let body = |next| {
        let mut actions = Vec::new();
        push_action(&mut actions, next, Some(StreamId(1)), Some(BroadcastId(2)), None);
        actions.pop().unwrap().body
    };
    for (next, status) in [
        (Next::BroadcastLive, "live"),
        (Next::PauseBroadcast, "paused"),
        (Next::FinishRecorded, "finished"),
        (Next::FinishEnded, "finished"),
    ] {
        assert_eq!(body(next), Some(ActionBody::broadcast_status(status)));
    }
    assert_eq!(body(Next::DisableStream), Some(ActionBody::stream_active(false)));
    assert_eq!(body(Next::StartRecording), None);
}

/// What `restore` must take, by serde (the `Deserialize` forms, unknown and repeated fields
/// denied) and the id rules: `None` for what it must reject.
fn reference(text: &str) -> Option<Tracker> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Snap {
        v: u64,
        #[serde(default)]
        streams: Vec<TrackedStream>,
        #[serde(default)]
        broadcasts: Vec<TrackedBroadcast>,
        #[serde(default)]
        videos: Vec<TrackedVideo>,
        #[serde(default)]
        restreams: Vec<TrackedRestream>,
    }
    let s: Snap = serde_json::from_str(text).ok()?;
    let mut t = Tracker::new();
    let mut ok = s.v == 1;
    let id = |n: u64| (1..=9_007_199_254_740_991).contains(&n);
    let ascending = |ids: &mut dyn Iterator<Item = u64>| {
        let v: Vec<u64> = ids.collect();
        v.windows(2).all(|w| w[0] < w[1])
    };
    ok &= ascending(&mut s.streams.iter().map(|x| x.id.0));
    ok &= ascending(&mut s.broadcasts.iter().map(|x| x.id.0));
    ok &= ascending(&mut s.videos.iter().map(|x| x.id.0));
    ok &= ascending(&mut s.restreams.iter().map(|x| x.id));
    let tracked: Vec<StreamId> = s.streams.iter().map(|x| x.id).collect();
    for x in s.streams {
        ok &= id(x.id.0) && x.session != 0;
        t.streams.0.push((x.id, x));
    }
    for x in s.broadcasts {
        ok &= id(x.id.0) && ascending(&mut x.stream_ids.iter().map(|s| s.0));
        ok &= x.stream_ids.iter().all(|s| id(s.0) && tracked.contains(s));
        t.broadcasts.0.push((x.id, x));
    }
    for x in s.videos {
        ok &= id(x.id.0) && x.stream_id.is_none_or(|s| id(s.0) && tracked.contains(&s));
        t.videos.0.push((x.id, x));
    }
    for x in s.restreams {
        ok &= id(x.id) && x.stream_id.is_none_or(|s| id(s.0));
        t.restreams.0.push((x.id, x));
    }
    if ok {
        ok &= t.relink();
    }
    ok.then_some(t)
}

/// `restore` takes what serde takes, the same: on valid snapshots, escaped and spaced forms,
/// and every one-byte edit of them.
#[test]
fn restore_takes_what_serde_takes() {
    let valid = [
        r#"{"v":1,"streams":[{"id":7,"active":true,"live":false,"backup_live":true,"recording":false,"transcoding":true,"session":4294967295,"stop_expected":true,"interrupted":true,"stopped":true,"first_seen_ms":18446744073709551615,"updated_ms":0},{"id":8,"session":1}],"broadcasts":[{"id":3,"status":"live","stream_ids":[7,8]},{"id":5,"status":null,"stream_ids":[]}]}"#,
        r#"{"v":1,"streams":[{"id":7,"session":1}],"videos":[{"id":9,"status":"ready","stream_id":7,"session":2,"name":"a\"b\u00e9\ud83d\ude00","duration":12,"deleted":true,"deleted_at":"2026-01-01T00:00:00Z","first_seen_ms":1,"updated_ms":2}],"restreams":[{"id":2,"stream_id":7,"live":null,"name":"x","first_seen_ms":5,"updated_ms":6}]}"#,
        " {\n \"restreams\" : [ ] ,\t\"v\" : 1 , \"streams\" : [ { \"session\" : 2 , \"\\u0069d\" : 1 } ] } ",
    ];
    let check = |text: &str| {
        let got = Tracker::restore(text);
        assert_eq!(got.as_ref().ok(), reference(text).as_ref(), "{text}");
        if let Err(e) = got {
            assert_eq!(e.code, Code::InvalidSnapshot);
        }
    };
    for text in valid {
        assert!(reference(text).is_some(), "{text}");
        for i in 0..=text.len() {
            let (Some(head), Some(tail)) = (text.get(..i), text.get(i..)) else {
                continue;
            };
            check(&[head, tail.get(1..).unwrap_or("")].concat());
            for c in [
                "\"", "0", "9", "-", "n", "t", "{", "}", "[", "]", ",", ":", " ", "\\", "x", ".", "e",
                "\u{e9}",
            ] {
                check(&[head, c, tail].concat());
                check(&[head, c, tail.get(1..).unwrap_or("")].concat());
            }
        }
    }
}

/// Snapshot reading, field by field: what is accepted (and written back the same), and the code
/// and path of what is not.
#[test]
fn restore_reads_every_field_kind_and_rejects_the_rest() {
    let ok = [
        r#"{"v":1}"#,
        r#"{"v":1,"streams":[],"broadcasts":[],"videos":[],"restreams":[]}"#,
        r#"{"v":1,"streams":[{"id":7,"active":true,"live":false,"backup_live":true,"recording":false,"transcoding":true,"session":4294967295,"stop_expected":true,"interrupted":true,"stopped":true,"first_seen_ms":18446744073709551615,"updated_ms":0}]}"#,
        r#"{"v":1,"streams":[{"id":7,"active":null,"live":null,"session":1,"stopped":false,"first_seen_ms":null}]}"#,
        r#"{"v":1,"streams":[{"id":7,"session":1},{"id":8,"session":1}],"broadcasts":[{"id":3,"status":"live","stream_ids":[7,8]},{"id":4,"status":"odd","stream_ids":[]},{"id":5,"status":null}]}"#,
        r#"{"v":1,"streams":[{"id":7,"session":1}],"videos":[{"id":9,"status":"ready","stream_id":7,"session":4294967295,"name":"a\"b\\c\u00e9\ud83d\ude00","duration":12,"deleted":true,"deleted_at":"2026-01-01T00:00:00Z","first_seen_ms":1,"updated_ms":2}]}"#,
        r#"{"v":1,"videos":[{"id":9,"status":null,"stream_id":null,"session":null,"name":null,"deleted":false,"deleted_at":null}]}"#,
        r#"{"v":1,"restreams":[{"id":2,"stream_id":7,"live":true,"name":"x","first_seen_ms":5,"updated_ms":6},{"id":3,"live":null}]}"#,
        r#" { "v" : 1 , "streams" : [ { "session" : 2 , "id" : 1 } ] } "#,
    ];
    for text in ok {
        let t = Tracker::restore(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        let again = Tracker::restore(&t.snapshot()).unwrap();
        assert_eq!(again, t, "{text}");
    }
    let t = Tracker::restore(ok[5]).unwrap();
    assert_eq!(
        t.video(VideoId(9)).unwrap().name.as_deref(),
        Some("a\"b\\c\u{e9}\u{1F600}")
    );
    assert_eq!(t.video(VideoId(9)).unwrap().session, Some(u32::MAX));
    let t = Tracker::restore(ok[4]).unwrap();
    assert_eq!(
        t.broadcast(BroadcastId(4)).unwrap().status,
        Some(BroadcastStatus::parse("odd"))
    );
    assert_eq!(
        t.broadcast(BroadcastId(5)).unwrap().stream_ids,
        Vec::<StreamId>::new()
    );
    let t = Tracker::restore(ok[2]).unwrap();
    assert_eq!(
        t.snapshot(),
        r#"{"v":1,"streams":[{"id":7,"active":true,"live":false,"backup_live":true,"recording":false,"transcoding":true,"session":4294967295,"stop_expected":true,"interrupted":true,"stopped":true,"first_seen_ms":18446744073709551615,"updated_ms":0}]}"#
    );

    let bad = [
        ("", ""),
        ("[]", ""),
        ("{}", "v"),
        (r#"{"v":null}"#, "v"),
        (r#"{"v":"1"}"#, "v"),
        (r#"{"v":2}"#, "v"),
        (r#"{"v":1,"v":1}"#, ""),
        (r#"{"v":1,"x":1}"#, ""),
        (r#"{"v":1,"streams":null}"#, "streams"),
        (r#"{"v":1,"streams":{}}"#, "streams"),
        (r#"{"v":1,"streams":[1]}"#, "streams"),
        (r#"{"v":1,"streams":[{"session":1}]}"#, "streams"),
        (r#"{"v":1,"streams":[{"id":1}]}"#, "streams"),
        (r#"{"v":1,"streams":[{"id":1,"session":null}]}"#, "streams"),
        (r#"{"v":1,"streams":[{"id":1,"session":0}]}"#, "streams"),
        (r#"{"v":1,"streams":[{"id":1,"session":4294967296}]}"#, "streams"),
        (r#"{"v":1,"streams":[{"id":0,"session":1}]}"#, "streams"),
        (r#"{"v":1,"streams":[{"id":-1,"session":1}]}"#, "streams"),
        (r#"{"v":1,"streams":[{"id":1.5,"session":1}]}"#, "streams"),
        (r#"{"v":1,"streams":[{"id":"1","session":1}]}"#, "streams"),
        (
            r#"{"v":1,"streams":[{"id":1,"session":1,"stopped":null}]}"#,
            "streams",
        ),
        (r#"{"v":1,"streams":[{"id":1,"session":1,"live":1}]}"#, "streams"),
        (r#"{"v":1,"streams":[{"id":1,"session":1,"id":2}]}"#, "streams"),
        (r#"{"v":1,"streams":[{"id":1,"session":1,"x":2}]}"#, "streams"),
        (
            r#"{"v":1,"streams":[{"id":1,"session":1},{"id":1,"session":2}]}"#,
            "streams",
        ),
        (
            r#"{"v":1,"broadcasts":[{"id":1,"stream_ids":null}]}"#,
            "broadcasts",
        ),
        (
            r#"{"v":1,"broadcasts":[{"id":1,"stream_ids":[null]}]}"#,
            "broadcasts",
        ),
        (
            r#"{"v":1,"broadcasts":[{"id":1,"stream_ids":[0]}]}"#,
            "broadcasts",
        ),
        (
            r#"{"v":1,"broadcasts":[{"id":1,"stream_ids":["1"]}]}"#,
            "broadcasts",
        ),
        (r#"{"v":1,"broadcasts":[{"id":1,"status":1}]}"#, "broadcasts"),
        (r#"{"v":1,"broadcasts":[{"id":0}]}"#, "broadcasts"),
        (r#"{"v":1,"videos":[{"id":1,"session":4294967296}]}"#, "videos"),
        (r#"{"v":1,"videos":[{"id":1,"deleted":null}]}"#, "videos"),
        (r#"{"v":1,"videos":[{"id":1,"name":5}]}"#, "videos"),
        (r#"{"v":1,"videos":[{"id":0}]}"#, "videos"),
        (r#"{"v":1,"videos":[{"id":1},{"id":1}]}"#, "videos"),
        (r#"{"v":1,"restreams":[{"id":0}]}"#, "restreams"),
        (r#"{"v":1,"restreams":[{"id":1,"live":"yes"}]}"#, "restreams"),
        (r#"{"v":1,"restreams":[{"id":1,"stream_id":-3}]}"#, "restreams"),
        // Ids as the rest of the API takes them: 1 to 2^53-1, unique, in the order
        // `snapshot` writes them, linking only tracked streams.
        (
            r#"{"v":1,"streams":[{"id":9007199254740992,"session":1}]}"#,
            "streams",
        ),
        (
            r#"{"v":1,"streams":[{"id":18446744073709551615,"session":1}]}"#,
            "streams",
        ),
        (
            r#"{"v":1,"streams":[{"id":2,"session":1},{"id":1,"session":1}]}"#,
            "streams",
        ),
        (r#"{"v":1,"videos":[{"id":9007199254740992}]}"#, "videos"),
        (r#"{"v":1,"videos":[{"id":2},{"id":1}]}"#, "videos"),
        (r#"{"v":1,"videos":[{"id":1,"stream_id":7}]}"#, "broadcasts"),
        (r#"{"v":1,"restreams":[{"id":9007199254740992}]}"#, "restreams"),
        (
            r#"{"v":1,"restreams":[{"id":1,"stream_id":9007199254740992}]}"#,
            "restreams",
        ),
        (r#"{"v":1,"broadcasts":[{"id":9007199254740992}]}"#, "broadcasts"),
        (
            r#"{"v":1,"streams":[{"id":1,"session":1}],"broadcasts":[{"id":1,"stream_ids":[1,1]}]}"#,
            "broadcasts",
        ),
        (
            r#"{"v":1,"streams":[{"id":1,"session":1},{"id":2,"session":1}],"broadcasts":[{"id":1,"stream_ids":[2,1]}]}"#,
            "broadcasts",
        ),
        (
            r#"{"v":1,"streams":[{"id":1,"session":1}],"broadcasts":[{"id":1,"stream_ids":[1,9007199254740992]}]}"#,
            "broadcasts",
        ),
        (
            r#"{"v":1,"streams":[{"id":1,"session":1}],"broadcasts":[{"id":1,"stream_ids":[1,2]}]}"#,
            "broadcasts",
        ),
    ];
    for (text, path) in bad {
        let e = Tracker::restore(text).map(|_| ()).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (Code::InvalidSnapshot, path), "{text}");
    }
}

/// Every field of a tracked entity's table is in its serde form, its hand-written JSON and its
/// snapshot table, in the same order; and the snapshot reader reads back what was written.
#[test]
fn each_tracked_entity_is_one_field_table() {
    /// The entity of `text` (every field set, in the struct's order), by serde.
    fn check<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + core::fmt::Debug>(
        text: &str,
        fields: &[(&str, snapshot::snap::K)],
        write: fn(&T, &mut dyn json::Sink),
    ) -> T {
        let v: T = serde_json::from_str(text).unwrap();
        let serde_text = serde_json::to_string(&v).unwrap();
        let mut ours = String::new();
        write(&v, &mut ours);
        assert_eq!(ours, serde_text);
        assert_eq!(ours, text);
        let keys: Vec<String> = match serde_json::from_str::<serde_json::Value>(&ours).unwrap() {
            serde_json::Value::Object(m) => m.keys().cloned().collect(),
            other => panic!("{other}"),
        };
        let mut names: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        // (`keys` come sorted; the order of the text is serde's, the struct's, checked above.)
        assert_eq!(keys, names, "every field set: all of them written");
        v
    }
    let s: TrackedStream = check(
        r#"{"id":1,"active":true,"live":true,"backup_live":false,"recording":true,"transcoding":true,"session":2,"stop_expected":true,"interrupted":true,"stopped":true,"first_seen_ms":1,"updated_ms":2}"#,
        TrackedStream::FIELDS,
        TrackedStream::write_json,
    );
    let b: TrackedBroadcast = check(
        r#"{"id":3,"status":"live","unknown_status":"x","stream_ids":[1],"first_seen_ms":1,"updated_ms":2}"#,
        TrackedBroadcast::FIELDS,
        TrackedBroadcast::write_json,
    );
    let v: TrackedVideo = check(
        r#"{"id":4,"status":"ready","unknown_status":"y","stream_id":1,"session":2,"name":"n","duration":5,"deleted":true,"deleted_at":"t","first_seen_ms":1,"updated_ms":2}"#,
        TrackedVideo::FIELDS,
        TrackedVideo::write_json,
    );
    let r: TrackedRestream = check(
        r#"{"id":6,"stream_id":1,"live":true,"name":"r","first_seen_ms":1,"updated_ms":2}"#,
        TrackedRestream::FIELDS,
        TrackedRestream::write_json,
    );
    // The snapshot reader reads each back.
    let mut t = Tracker::new();
    t.streams.push(s.id, false, s);
    t.broadcasts.push(b.id, false, b);
    t.videos.push(v.id, false, v);
    t.restreams.push(r.id, false, r);
    assert!(t.relink());
    assert_eq!(Tracker::restore(&t.snapshot()).unwrap(), t);
}

/// `IdMap` against `BTreeMap`: random additions and removals (ids close together, as the platform's
/// are, and far apart), every id found where it is and nowhere else, the entities in id order.
#[test]
fn id_map_finds_what_a_btree_map_finds() {
    use std::collections::BTreeMap;
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for spread in [64, 1 << 40] {
        let mut ours = index::IdMap::<u64, u64>::default();
        let mut reference = BTreeMap::new();
        for step in 0..20_000u64 {
            let k = next() % spread + 1;
            if next() % 3 == 0 {
                assert_eq!(ours.remove(&k), reference.remove(&k), "remove {k}");
            } else {
                *ours.or_insert_with(k, || 0) += step;
                *reference.entry(k).or_insert(0) += step;
            }
            assert_eq!(ours.0.len(), reference.len());
            if step % 997 == 0 {
                for probe in 0..=spread.min(200) {
                    assert_eq!(ours.get(&probe), reference.get(&probe), "get {probe}");
                }
                for (k, v) in &reference {
                    assert_eq!(ours.get(k), Some(v), "get {k}");
                }
                assert_eq!(ours.0, reference.clone().into_iter().collect::<Vec<_>>());
            }
        }
        ours.retain(|_, v| *v % 2 == 0);
        reference.retain(|_, v| *v % 2 == 0);
        assert_eq!(ours.0, reference.into_iter().collect::<Vec<_>>());
    }
}
