//! Snapshots: the entities as compact, versioned JSON text, and `restore`, which reads it back in one pass.

use super::*;

impl Tracker {
    /// The state as compact, versioned JSON text.
    pub fn snapshot(&self) -> String {
        // About what the entities take (a stream's text is ~130 bytes, a video's more): one allocation.
        let n = self.streams.0.len() + self.broadcasts.0.len() + self.videos.0.len() + self.restreams.0.len();
        let mut out = String::with_capacity(16 + 160 * n);
        let mut o = ObjWriter::new(&mut out);
        o.u64("v", u64::from(SNAPSHOT_VERSION));
        fn list<'t, T: 't>(
            o: &mut ObjWriter<'_>,
            key: &'static str,
            items: impl ExactSizeIterator<Item = &'t T>,
            w: fn(&T, &mut dyn json::Sink),
        ) {
            if items.len() == 0 {
                return;
            }
            let out = o.key(key);
            out.open(true);
            for item in items {
                w(item, out);
            }
            out.close(true);
        }
        list(
            &mut o,
            "streams",
            self.streams.values(),
            TrackedStream::write_json,
        );
        list(
            &mut o,
            "broadcasts",
            self.broadcasts.values(),
            TrackedBroadcast::write_json,
        );
        list(&mut o, "videos", self.videos.values(), TrackedVideo::write_json);
        list(
            &mut o,
            "restreams",
            self.restreams.values(),
            TrackedRestream::write_json,
        );
        o.end();
        out
    }

    /// Rebuilds a tracker from [`snapshot`](Self::snapshot) text.
    ///
    /// # Errors
    /// `invalid_snapshot` when the text is not a snapshot of a version this SDK reads (not JSON, a
    /// wrong version, unknown or mistyped fields, zero or repeated ids).
    pub fn restore(text: &str) -> Result<Self, WebhookError> {
        // One pass with the pull reader, no tree; what is wrong is worked out only on failure.
        Self::read_snapshot(text).map_err(|(path, fault)| {
            let bad = |path: &str, msg: &str| WebhookError::new(Code::InvalidSnapshot, path, msg);
            if let Err(e) = json::parse(text) {
                return bad("", &["expected a tracker snapshot: ", &e.describe(text)].cat());
            }
            match fault {
                Some(0) => bad(path, &["expected ascending ids in `", path, "`"].cat()),
                Some(v) => {
                    let mut m = String::from("expected snapshot version 1, got ");
                    text::write_u64(&mut m, v);
                    bad(path, &m)
                }
                None => bad(
                    path,
                    "expected a tracker snapshot: unknown, repeated, missing or mistyped fields",
                ),
            }
        })
    }

    /// [`restore`](Self::restore) in one pass; on failure, the path of the first fault and what it
    /// is: `Some(0)` a zero or repeated id, `Some(v)` version `v`, `None` anything else (the text is
    /// not JSON, or a field is unknown, repeated, missing or mistyped).
    fn read_snapshot(text: &str) -> Result<Self, (&'static str, Option<u64>)> {
        const NAMES: [&str; 5] = ["v", "streams", "broadcasts", "videos", "restreams"];
        let mut r = json::Reader::new(text);
        let top = ("", None);
        r.open(false).ok_or(top)?;
        let mut t = Self::new();
        let (mut first, mut seen) = (true, 0u8);
        while let Some(k) = snap::key(&mut r, &mut first).ok_or(top)? {
            let i = NAMES.iter().position(|n| k.is(n)).ok_or(top)?;
            let bit = 1u8 << i;
            if seen & bit != 0 {
                return Err(top);
            }
            seen |= bit;
            let path = NAMES.get(i).copied().unwrap_or("");
            let shape = (path, None);
            if i == 0 {
                match r.uint().ok_or(shape)? {
                    v if v == u64::from(SNAPSHOT_VERSION) => continue,
                    0 => return Err(shape),
                    v => return Err((path, Some(v))),
                }
            }
            r.open(true).ok_or(shape)?;
            let mut first = true;
            while snap::item(&mut r, &mut first).ok_or(shape)? {
                let added = match i {
                    1 => {
                        let s = TrackedStream::build(
                            &mut snap::pull(&mut r, TrackedStream::FIELDS).ok_or(shape)?,
                        );
                        t.streams.push(s.id, s.session == 0, s)
                    }
                    2 => {
                        let b = TrackedBroadcast::build(
                            &mut snap::pull(&mut r, TrackedBroadcast::FIELDS).ok_or(shape)?,
                        );
                        t.broadcasts.push(b.id, false, b)
                    }
                    3 => {
                        let v =
                            TrackedVideo::build(&mut snap::pull(&mut r, TrackedVideo::FIELDS).ok_or(shape)?);
                        t.videos.push(v.id, false, v)
                    }
                    _ => {
                        let x = TrackedRestream::build(
                            &mut snap::pull(&mut r, TrackedRestream::FIELDS).ok_or(shape)?,
                        );
                        t.restreams.push(x.id, false, x)
                    }
                };
                if !added {
                    return Err((path, Some(0)));
                }
            }
        }
        r.end().ok_or(top)?;
        if seen & 1 == 0 {
            return Err(("v", None));
        }
        if !t.relink() {
            return Err(("broadcasts", Some(0)));
        }
        Ok(t)
    }
}

/// An id as the snapshot holds it (a positive integer).
pub(super) trait Raw {
    fn raw(&self) -> u64;
    fn from_raw(n: u64) -> Self;
}

impl Raw for u64 {
    fn raw(&self) -> u64 {
        *self
    }
    fn from_raw(n: u64) -> Self {
        n
    }
}

macro_rules! raw_id {
    ($($t:ident),*) => {$(
        impl Raw for $t {
            fn raw(&self) -> u64 {
                self.0
            }
            fn from_raw(n: u64) -> Self {
                $t(n)
            }
        }
    )*};
}
raw_id!(StreamId, BroadcastId, VideoId);

/// Reading snapshot JSON: every field known, none repeated, each of its type (`null` reads as absent).
/// One interpreter reads an object by a field table; the readers then take the checked values.
pub(super) mod snap {
    use super::{Str, StreamId};
    use crate::domain::json::{NumKind, Number, Reader, Value as J};
    use crate::domain::webhook::event::MAX_SAFE_INTEGER;
    use crate::prelude::*;

    /// What a snapshot field holds.
    #[derive(Clone, Copy, PartialEq, Eq)]
    pub(in crate::domain::webhook::tracker) enum K {
        /// An id (1 to 2^53-1, as JS numbers hold them exactly), required.
        Req,
        /// An id or null.
        Id,
        /// An integer that fits `u32`, required.
        Req32,
        /// An integer (`u64`) or null.
        U64,
        /// An integer that fits `u32`, or null.
        U32,
        /// A boolean or null.
        Bool,
        /// A boolean (not null).
        Flag,
        /// A string or null.
        Str,
        /// An array of ids in strictly ascending order (not null).
        Ids,
    }

    /// The most fields an object has.
    const MAX: usize = 12;

    /// A field's value (a `null` reads as absent).
    #[derive(Clone, Copy)]
    pub(in crate::domain::webhook::tracker) enum V<'a> {
        U(u64),
        B(bool),
        S(Str<'a>),
    }

    /// An object's fields, checked, in the order of its field table.
    pub(in crate::domain::webhook::tracker) struct Rec<'a> {
        v: [Option<V<'a>>; MAX],
        /// The value of the `Ids` field (an object has at most one).
        ids: Vec<StreamId>,
    }

    /// The object at `r` by the field table `keys` (each field known, at most once, of its kind;
    /// the required ones present); `None` when it is not.
    #[inline(never)]
    pub(in crate::domain::webhook::tracker) fn pull<'a>(
        r: &mut Reader<'a>,
        keys: &[(&str, K)],
    ) -> Option<Rec<'a>> {
        let mut out = Rec {
            v: [None; MAX],
            ids: Vec::new(),
        };
        r.open(false)?;
        let (mut first, mut seen, mut next) = (true, 0u16, 0);
        loop {
            // Snapshots list the fields in table order: try the one after the last first.
            let i = match keys.get(next) {
                Some((key, _)) if r.key_if(&mut first, key) => next,
                _ => {
                    let Some(k) = key(r, &mut first)? else {
                        break;
                    };
                    keys.iter().position(|(key, _)| k.is(key))?
                }
            };
            next = i + 1;
            let (_, kind) = keys.get(i)?;
            let bit = 1u16 << i;
            if seen & bit != 0 {
                return None;
            }
            seen |= bit;
            let v = if r.peek()?.is_ascii_digit() {
                V::U(r.uint()?)
            } else {
                match (kind, r.value()?) {
                    (K::U64 | K::U32 | K::Id | K::Bool | K::Str, J::Null) => continue,
                    (K::Bool | K::Flag, J::Bool(b)) => V::B(b),
                    (K::Str, J::Str(s)) => V::S(s),
                    (K::Ids, J::Arr(items)) => {
                        for i in items {
                            let J::Num(Number {
                                kind: NumKind::UInt(n),
                                ..
                            }) = i
                            else {
                                return None;
                            };
                            if n == 0 || n > MAX_SAFE_INTEGER || out.ids.last().is_some_and(|l| l.0 >= n) {
                                return None;
                            }
                            out.ids.push(StreamId(n));
                        }
                        continue;
                    }
                    _ => return None,
                }
            };
            let id = matches!(kind, K::Req | K::Id);
            let max = match kind {
                K::Req32 | K::U32 => u64::from(u32::MAX),
                K::Req | K::Id => MAX_SAFE_INTEGER,
                _ => u64::MAX,
            };
            match v {
                V::U(n)
                    if n <= max
                        && (n > 0 || !id)
                        && matches!(kind, K::Req | K::Req32 | K::Id | K::U64 | K::U32) => {}
                V::U(_) => return None,
                _ => {}
            }
            *out.v.get_mut(i)? = Some(v);
        }
        // `id` (and a stream's `session`) are required.
        for ((_, kind), v) in keys.iter().zip(&out.v) {
            if matches!(kind, K::Req | K::Req32) && v.is_none() {
                return None;
            }
        }
        Some(out)
    }

    /// [`Reader::key`], once in the WebAssembly build.
    #[inline(never)]
    pub(in crate::domain::webhook::tracker) fn key<'a>(
        r: &mut Reader<'a>,
        first: &mut bool,
    ) -> Option<Option<Str<'a>>> {
        r.key(first)
    }

    /// [`Reader::item`], once in the WebAssembly build.
    #[inline(never)]
    pub(in crate::domain::webhook::tracker) fn item(r: &mut Reader<'_>, first: &mut bool) -> Option<bool> {
        r.item(first)
    }

    impl<'a> Rec<'a> {
        /// An integer field (`None`: absent or null).
        #[inline(never)]
        pub(in crate::domain::webhook::tracker) fn ou(&self, i: usize) -> Option<u64> {
            match self.v.get(i) {
                Some(Some(V::U(n))) => Some(*n),
                _ => None,
            }
        }

        /// A required integer field.
        pub(in crate::domain::webhook::tracker) fn u(&self, i: usize) -> u64 {
            self.ou(i).unwrap_or_default()
        }

        /// A boolean field.
        #[inline(never)]
        pub(in crate::domain::webhook::tracker) fn b(&self, i: usize) -> Option<bool> {
            match self.v.get(i) {
                Some(Some(V::B(b))) => Some(*b),
                _ => None,
            }
        }

        /// A string field, as written.
        #[inline(never)]
        pub(in crate::domain::webhook::tracker) fn str(&self, i: usize) -> Option<Str<'a>> {
            match self.v.get(i) {
                Some(Some(V::S(s))) => Some(*s),
                _ => None,
            }
        }

        /// A string field.
        pub(in crate::domain::webhook::tracker) fn s(&self, i: usize) -> Option<String> {
            self.str(i).map(|s| s.decode())
        }

        /// The id list.
        pub(in crate::domain::webhook::tracker) fn ids(&mut self) -> Vec<StreamId> {
            core::mem::take(&mut self.ids)
        }
    }
}
