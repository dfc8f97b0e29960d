//! The id-sorted entity maps and the `links` index (stream → linked broadcasts and videos).

use super::*;

/// Sorts a few ids in place (an insertion sort: small code, and the lists are short).
pub(super) fn sort_ids(v: &mut [StreamId]) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && v.get(j - 1) > v.get(j) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// A map from ids to entities, kept as a vector sorted by id: much less code in WebAssembly than a
/// `BTreeMap` per entity kind. Lookups and updates are a binary search; adding or removing moves the
/// entries after it (ids mostly come in increasing order, so a new entity usually goes at the end).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct IdMap<K, V>(pub(super) Vec<(K, V)>);

impl<K, V> Default for IdMap<K, V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<K: Ord + Copy, V> IdMap<K, V> {
    pub(super) fn find(&self, k: &K) -> Result<usize, usize> {
        self.0.binary_search_by(|(x, _)| x.cmp(k))
    }

    pub(super) fn get(&self, k: &K) -> Option<&V> {
        self.find(k).ok().and_then(|i| self.0.get(i)).map(|(_, v)| v)
    }

    pub(super) fn get_mut(&mut self, k: &K) -> Option<&mut V> {
        let i = self.find(k).ok()?;
        self.0.get_mut(i).map(|(_, v)| v)
    }

    pub(super) fn contains_key(&self, k: &K) -> bool {
        self.find(k).is_ok()
    }

    /// The entity `k`, made by `new` when absent. An entity already there stays where it is.
    pub(super) fn or_insert_with(&mut self, k: K, new: impl Fn() -> V) -> &mut V {
        let i = match self.find(&k) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (k, new()));
                i
            }
        };
        match self.0.get_mut(i) {
            Some((_, v)) => v,
            // Not reached (`i` was found or just filled); a detached value rather than a panic.
            None => Box::leak(Box::new(new())),
        }
    }

    /// Appends an entity read from a snapshot, unless `bad` or `k` is not above the last key (a
    /// snapshot lists ids in ascending order: reading one costs linear time); whether it was added.
    pub(super) fn push(&mut self, k: K, bad: bool, v: V) -> bool {
        let ok = !bad && self.0.last().is_none_or(|(last, _)| *last < k);
        if ok {
            self.0.push((k, v));
        }
        ok
    }

    pub(super) fn remove(&mut self, k: &K) -> Option<V> {
        let i = self.find(k).ok()?;
        Some(self.0.remove(i).1)
    }

    pub(super) fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        self.0.retain_mut(|(k, v)| keep(k, v));
    }

    pub(super) fn keys(&self) -> impl ExactSizeIterator<Item = &K> {
        self.0.iter().map(|(k, _)| k)
    }

    pub(super) fn values(&self) -> impl ExactSizeIterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }
}

/// What links to one stream id: the broadcasts whose `stream_ids` hold it and the videos whose
/// `stream_id` is it, each sorted by id. An index over the entities, so that a stream's stage and
/// actions cost what its own links cost, not a scan of everything tracked.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Links {
    pub(super) broadcasts: Vec<BroadcastId>,
    pub(super) videos: Vec<VideoId>,
}

/// The broadcast `id`, tracked from now on if it was not.
pub(super) fn broadcast_entry(
    broadcasts: &mut IdMap<BroadcastId, TrackedBroadcast>,
    id: BroadcastId,
    now_ms: Option<u64>,
) -> &mut TrackedBroadcast {
    broadcasts.or_insert_with(id, || TrackedBroadcast {
        id,
        status: None,
        unknown_status: None,
        stream_ids: Vec::new(),
        first_seen_ms: now_ms,
        updated_ms: now_ms,
    })
}

/// Adds `x` to a sorted list unless it is there.
pub(super) fn insert_sorted<T: Ord>(list: &mut Vec<T>, x: T) {
    if let Err(i) = list.binary_search(&x) {
        list.insert(i, x);
    }
}

impl IdMap<StreamId, Links> {
    pub(super) fn link_broadcast(&mut self, stream: StreamId, b: BroadcastId) {
        insert_sorted(&mut self.or_insert_with(stream, Links::default).broadcasts, b);
    }

    pub(super) fn link_video(&mut self, stream: StreamId, v: VideoId) {
        insert_sorted(&mut self.or_insert_with(stream, Links::default).videos, v);
    }

    pub(super) fn unlink_video(&mut self, stream: StreamId, v: VideoId) {
        if let Some(l) = self.get_mut(&stream) {
            l.videos.retain(|x| *x != v);
            if l.videos.is_empty() && l.broadcasts.is_empty() {
                self.remove(&stream);
            }
        }
    }
}

impl Tracker {
    /// The broadcasts linked to `stream`, by id.
    pub(super) fn linked_broadcasts(&self, stream: StreamId) -> impl Iterator<Item = &TrackedBroadcast> {
        let ids = self.links.get(&stream).map_or(&[][..], |l| &l.broadcasts);
        ids.iter().filter_map(|b| self.broadcasts.get(b))
    }

    /// The videos of `stream`, by id.
    pub(super) fn videos_of(&self, stream: StreamId) -> impl Iterator<Item = &TrackedVideo> {
        let ids = self.links.get(&stream).map_or(&[][..], |l| &l.videos);
        ids.iter().filter_map(|v| self.videos.get(v))
    }

    /// Builds `links` from the entities (`restore`: they come in with none).
    /// Builds the `links` index from the entities (restore), in O(n log n): every stream gets an
    /// entry, the broadcasts and videos (in ascending id order) are appended to theirs, and empty
    /// entries go. False when a broadcast or video links to a stream that is not tracked (a tracker
    /// never holds such a link: linking tracks the stream, `forget` unlinks it).
    pub(super) fn relink(&mut self) -> bool {
        // Every tracked stream gets an entry first (in id order: appended), so that linking
        // never inserts in the middle; the broadcasts and videos come in id order too. (Entries
        // left empty are harmless: an empty entry reads as no entry, see `PartialEq`.) A link to
        // an untracked stream would add an entry: the snapshot is refused at the first one.
        let n = self.streams.0.len();
        for k in self.streams.keys() {
            self.links.0.push((*k, Links::default()));
        }
        for b in self.broadcasts.values() {
            for s in &b.stream_ids {
                self.links.link_broadcast(*s, b.id);
                if self.links.0.len() != n {
                    return false;
                }
            }
        }
        for v in self.videos.values() {
            if let Some(s) = v.stream_id {
                self.links.link_video(s, v.id);
            }
            if self.links.0.len() != n {
                return false;
            }
        }
        true
    }
}
