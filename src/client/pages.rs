//! Auto-pagination over the bare-array lists: from page 1 (or the query's page) until the list ends.
//!
//! The API documents no page size and no total count, so the page size is learned, never assumed: a
//! page is full when it is as long as the longest page read so far; the list ends at an empty page or
//! at a page shorter than that. The first page therefore never ends the list unless it is empty, and
//! a `per_page` the caller gives is sent as given but not trusted (a server may cap it: the sandbox at
//! [`MAX_PER_PAGE`]). Whatever the server's page size, every item is read, at the cost of at most one
//! extra request (an empty page) per listing.

use super::{CallOptions, Client, ClientError, Transport};
use crate::domain::request::{ApiRequest, ListBroadcastsQuery, ListStreamsQuery, ListVideosQuery};
use crate::domain::response::ResponseValue;
use crate::prelude::*;
use serde::Serialize;

/// The page size Gcore's demos assume (and the sandbox's default). The paginator does not rely on it.
pub const PAGE_SIZE: usize = 25;

pub use crate::domain::request::MAX_PER_PAGE;

/// One item of a list.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum PageItem {
    /// A stream.
    Stream(Box<crate::domain::model::Stream>),
    /// A broadcast.
    Broadcast(Box<crate::domain::model::Broadcast>),
    /// A video.
    Video(Box<crate::domain::model::Video>),
}

#[derive(Clone, Debug)]
enum Kind {
    Streams(ListStreamsQuery),
    Broadcasts,
    Videos(ListVideosQuery),
}

/// Iterates every item of a list, page by page.
///
/// Either call [`Paginator::next`], or drive it by hand (for single-threaded hosts that must not
/// hold a borrow across an await): [`Paginator::pop`], then [`Paginator::next_request`] and
/// [`Paginator::accept`] with the decoded page.
#[derive(Clone, Debug)]
pub struct Paginator {
    kind: Kind,
    next_page: u32,
    /// The longest page read so far (0: none yet).
    full: usize,
    /// The buffered items, last first (`pop` takes from the end).
    buffer: Vec<PageItem>,
    done: bool,
}

impl Paginator {
    fn new(kind: Kind, page: Option<u32>) -> Self {
        Self {
            kind,
            next_page: page.unwrap_or(1).max(1),
            full: 0,
            buffer: Vec::new(),
            done: false,
        }
    }

    /// Every stream (the query's `page` is the first page read).
    pub fn streams(query: ListStreamsQuery) -> Self {
        let page = query.page;
        Self::new(Kind::Streams(query), page)
    }

    /// Every broadcast.
    pub fn broadcasts(query: ListBroadcastsQuery) -> Self {
        let page = query.page;
        Self::new(Kind::Broadcasts, page)
    }

    /// Every video matching the query (`per_page` is sent as given).
    pub fn videos(query: ListVideosQuery) -> Self {
        let page = query.page;
        Self::new(Kind::Videos(query), page)
    }

    /// The next buffered item, if any.
    pub fn pop(&mut self) -> Option<PageItem> {
        self.buffer.pop()
    }

    /// Whether the last page has been read and the buffer is empty.
    pub fn is_done(&self) -> bool {
        self.done && self.buffer.is_empty()
    }

    /// The request of the next page (and counts it as requested), or `None` when the list is done.
    pub fn next_request(&mut self) -> Option<ApiRequest> {
        if self.done {
            return None;
        }
        let page = Some(self.next_page);
        self.next_page = self.next_page.saturating_add(1);
        Some(match &self.kind {
            Kind::Streams(q) => ApiRequest::list_streams(&ListStreamsQuery { page, ..q.clone() }),
            Kind::Broadcasts => ApiRequest::list_broadcasts(&ListBroadcastsQuery { page }),
            Kind::Videos(q) => ApiRequest::list_videos(&ListVideosQuery { page, ..q.clone() }),
        })
    }

    /// Takes a decoded page: buffers its items; an empty page, or one shorter than an earlier page,
    /// ends the list.
    pub fn accept(&mut self, page: ResponseValue) {
        let items: Vec<PageItem> = match page {
            ResponseValue::Streams(v) => v.into_iter().map(|s| PageItem::Stream(Box::new(s))).collect(),
            ResponseValue::Broadcasts(v) => v.into_iter().map(|b| PageItem::Broadcast(Box::new(b))).collect(),
            ResponseValue::Videos(v) => v.into_iter().map(|x| PageItem::Video(Box::new(x))).collect(),
            _ => Vec::new(),
        };
        self.accept_len(items.len());
        // Last first, before what is left of the previous page (nothing, in practice), which `pop`
        // takes first.
        let mut buffer: Vec<PageItem> = items.into_iter().rev().collect();
        buffer.append(&mut self.buffer);
        self.buffer = buffer;
    }

    /// Counts a page of `len` items read elsewhere (by a caller that buffers the items itself): an
    /// empty page, or one shorter than the longest page read so far, ends the list.
    pub fn accept_len(&mut self, len: usize) {
        if len == 0 || len < self.full {
            self.done = true;
        }
        self.full = self.full.max(len);
    }

    /// Makes the last requested page the next one again (after its read failed).
    pub fn rewind(&mut self) {
        self.next_page = self.next_page.saturating_sub(1).max(1);
    }

    /// Ends the iteration (drops the buffered items).
    pub fn finish(&mut self) {
        self.done = true;
        self.buffer.clear();
    }

    /// The next item, reading the next page when the buffer is empty; `None` at the end.
    ///
    /// # Errors
    /// [`ClientError`] of the page read (the iteration can be continued: the page is read again).
    pub async fn next<T: Transport>(
        &mut self,
        client: &Client<T>,
        opts: &CallOptions<T::Signal>,
    ) -> Result<Option<PageItem>, ClientError> {
        loop {
            if let Some(item) = self.pop() {
                return Ok(Some(item));
            }
            let Some(req) = self.next_request() else {
                return Ok(None);
            };
            match client.execute(&req, opts).await {
                Ok(page) => self.accept(page),
                Err(e) => {
                    self.rewind();
                    return Err(e);
                }
            }
        }
    }

    /// Collects every remaining item.
    ///
    /// # Errors
    /// [`ClientError`] of a page read.
    pub async fn collect<T: Transport>(
        &mut self,
        client: &Client<T>,
        opts: &CallOptions<T::Signal>,
    ) -> Result<Vec<PageItem>, ClientError> {
        let mut out = Vec::new();
        while let Some(item) = self.next(client, opts).await? {
            out.push(item);
        }
        Ok(out)
    }
}
