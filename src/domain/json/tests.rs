use super::*;

#[test]
fn reads_and_writes_back() {
    let text = r#" {"a":[1,-2,3.5e1,"x\"y\u00e9\ud83d\ude00"],"b":{"c":null,"d":true},"a":false} "#;
    let v = parse(text).unwrap();
    assert_eq!(v.get("a"), Some(&Value::Bool(false)));
    let mut out = String::new();
    v.write(&mut out);
    let ours: serde_json::Value = serde_json::from_str(&out).unwrap();
    let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(ours, theirs);
    let Some(Value::Obj(m)) = Some(&v) else {
        unreachable!()
    };
    let Value::Arr(items) = &m[0].1 else { panic!() };
    let Value::Str(s) = &items[3] else { panic!() };
    assert_eq!(s.decode(), "x\"yé😀");
    assert!(s.is("x\"yé😀"));
}

#[test]
fn numbers_are_classified_as_serde_json_does() {
    for (t, k) in [
        ("0", NumKind::UInt(0)),
        ("-0", NumKind::Float),
        ("18446744073709551615", NumKind::UInt(u64::MAX)),
        ("18446744073709551616", NumKind::Float),
        ("-9223372036854775808", NumKind::NegInt(i64::MIN)),
        ("-9223372036854775809", NumKind::Float),
        ("1.0", NumKind::Float),
        ("1e2", NumKind::Float),
    ] {
        let Value::Num(n) = parse(t).unwrap() else {
            panic!()
        };
        assert_eq!(n.kind, k, "{t}");
        let s: serde_json::Value = serde_json::from_str(t).unwrap();
        match k {
            NumKind::UInt(u) => assert_eq!(s.as_u64(), Some(u), "{t}"),
            NumKind::NegInt(i) => assert_eq!((s.as_u64(), s.as_i64()), (None, Some(i)), "{t}"),
            NumKind::Float => assert!(s.is_f64(), "{t}"),
        }
    }
}

#[test]
fn rejects_what_serde_json_rejects() {
    let rejected = [
        "",
        " ",
        "[1,]",
        "{\"a\":1,}",
        "01",
        "1.",
        ".5",
        "-",
        "1e",
        "+1",
        "tru",
        "nul",
        "[1 2]",
        "{\"a\" 1}",
        "{1:2}",
        "\"\\x\"",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\ud800\\u0041\"",
        "\"a\u{1}\"",
        "\"abc",
        "[",
        "{",
        "1 2",
        "1e400",
        "-1e400",
        "NaN",
        "Infinity",
        "'a'",
        "[1]]",
        "\u{feff}1",
    ];
    let accepted = [
        "1e308",
        "1.7976931348623157e308",
        "0e999999",
        "1e-400",
        "[[[]]]",
        "\"\\ud83d\\ude00\"",
    ];
    let cases = rejected.iter().map(|t| (t, false));
    for (t, ok) in cases.chain(accepted.iter().map(|t| (t, true))) {
        assert_eq!(parse(t).is_ok(), ok, "{t:?}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(t).is_ok(),
            ok,
            "serde: {t:?}"
        );
    }
}

#[test]
fn depth_limit_matches_serde_json() {
    for depth in [126, 127, 128, 129] {
        let t = "[".repeat(depth) + &"]".repeat(depth);
        assert_eq!(
            parse(&t).is_ok(),
            serde_json::from_str::<serde_json::Value>(&t).is_ok(),
            "depth {depth}"
        );
    }
}

#[test]
fn errors_say_where() {
    let e = parse("{\n  \"a\": tru }").unwrap_err();
    assert_eq!(
        e.describe("{\n  \"a\": tru }"),
        "expected ident at line 2 column 11"
    );
}

/// `Reader::uint` takes plain integers that fit `u64` and leaves everything else (nothing read).
#[test]
fn reader_uint_takes_plain_integers_only() {
    for (text, want) in [
        ("0", Some(0)),
        (" 7,", Some(7)),
        ("1764000000064]", Some(1_764_000_000_064)),
        ("18446744073709551615", Some(u64::MAX)),
        ("18446744073709551616", None),
        ("99999999999999999999", None),
        ("100000000000000000000", None),
        ("01", None),
        ("-1", None),
        ("1.5", None),
        ("1e3", None),
        ("1E3", None),
        ("", None),
        ("x", None),
        ("\"1\"", None),
    ] {
        let mut r = Reader::new(text);
        let at = r.mark();
        let got = r.uint();
        assert_eq!(got, want, "{text:?}");
        if got.is_none() {
            assert_eq!(r.mark(), at, "{text:?} moved the reader");
        }
    }
}

/// `Reader::key_if` reads a name only when it is exactly there, compact; `key` reads the rest.
#[test]
fn reader_key_if_reads_compact_names_only() {
    let mut r = Reader::new(r#"{"id":1,"name":2, "x":3,"\u0069d":4}"#);
    r.open(false).unwrap();
    let mut first = true;
    assert!(!r.key_if(&mut first, "name"));
    assert!(r.key_if(&mut first, "id"));
    assert_eq!(r.uint(), Some(1));
    assert!(!r.key_if(&mut first, "nam"));
    assert!(r.key_if(&mut first, "name"));
    assert_eq!(r.uint(), Some(2));
    assert!(!r.key_if(&mut first, "x"), "whitespace is left to key()");
    assert_eq!(r.key(&mut first).unwrap().unwrap().raw(), "x");
    assert_eq!(r.uint(), Some(3));
    assert!(!r.key_if(&mut first, "id"), "escaped names are left to key()");
    assert!(r.key(&mut first).unwrap().unwrap().is("id"));
    assert_eq!(
        r.value(),
        Some(Value::Num(Number {
            raw: "4",
            kind: NumKind::UInt(4)
        }))
    );
    assert_eq!(r.key(&mut first), Some(None));
    assert_eq!(r.end(), Some(()));
}

#[test]
fn strings_are_escaped_as_serde_json_does() {
    for s in [
        "",
        "plain",
        "q\"b\\s/",
        "\u{0}\u{8}\u{c}\n\r\t\u{1f}\u{7f}",
        "é😀",
    ] {
        let mut out = String::new();
        write_str(&mut out, s);
        assert_eq!(out, serde_json::to_string(s).unwrap());
    }
    let edges = [
        1 << 32,
        100_000_000,
        4_294_967_295,
        4_294_967_296_000_000,
        1_764_000_000_064,
    ];
    for n in [0, 7, 10, 12345, u64::MAX, u64::MAX - 1].into_iter().chain(edges) {
        let mut out = String::new();
        write_u64(&mut out, n);
        assert_eq!(out, n.to_string());
    }
}
