//! Every API operation of the guide as a plain value: method, path, query and JSON body.
//!
//! Bodies are shaped exactly as the platform documents them (docs/platform.md, "Operations and bodies"): `POST /streaming/streams`
//! flat, `PATCH /streaming/streams/{id}` wrapped in `{"stream": …}`, every broadcast body wrapped in
//! `{"broadcast": …}`; unset fields are omitted, and a field set to `null` is sent as `null` (that is
//! how a nullable setting such as `srt_passphrase` is cleared).
//!
//! ```
//! use gcore_streaming::domain::request::{ApiRequest, StreamParams};
//! let params = StreamParams { name: Some("test_stream".into()), active: Some(false), ..Default::default() };
//! let req = ApiRequest::create_stream(&params).unwrap();
//! assert_eq!(req.path, "/streaming/streams");
//! assert_eq!(req.body.as_deref(), Some(r#"{"name":"test_stream","active":false}"#));
//! ```

use super::ids::{BroadcastId, StreamId, VideoId};
use super::model::{broadcast_settings, stream_settings};
use super::model::{model, VideoStatus};
pub(crate) use super::operation::route;
pub use super::operation::Operation;
use super::text::{write_u64, Cat};
use crate::prelude::*;
use core::fmt;
use serde::{Deserialize, Serialize};

/// The most items per page the sandbox returns, whatever `per_page` asks (the page iterators assume
/// no page size: see `client::Paginator`).
pub const MAX_PER_PAGE: usize = 100;

/// A setting that can be left unchanged (`None`), cleared (`Some(None)`, sent as `null`) or set.
pub type Nullable<T> = Option<Option<T>>;

#[cfg(feature = "client")]
pub(crate) use members::{Kind, Member, NullableMember};

/// The members of the settings bodies, as the JS binding's parameter reader (`client::params`) checks
/// and writes them.
#[cfg(feature = "client")]
mod members {
    use super::{BroadcastId, StreamId};
    use crate::prelude::*;

    /// What a member of a settings body must be: `StreamParams::MEMBERS` and
    /// `BroadcastParams::MEMBERS` say it of each field.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub(crate) enum Kind {
        /// A string (`null` = unset).
        Str,
        /// A boolean (`null` = unset).
        Bool,
        /// An integer in `u32` (`null` = unset).
        U32,
        /// An integer in `u64`, or `null` (sent).
        NullU64,
        /// A string, or `null` (sent).
        NullStr,
        /// An array of ids (`null` = unset).
        Ids,
        /// One of an open enumeration's values (known ones written in lower case; `null` = unset).
        Enum(&'static [&'static str]),
    }

    /// The [`Kind`] of a settings field of type `Option<Self>`.
    pub(crate) trait Member {
        const KIND: Kind;
    }

    /// The [`Kind`] of a settings field of type `Option<Self> | null` (a
    /// [`Nullable`](super::Nullable) setting): only the types a nullable setting has, so that
    /// another does not compile unchecked.
    pub(crate) trait NullableMember {
        const KIND: Kind;
    }

    impl Member for String {
        const KIND: Kind = Kind::Str;
    }
    impl NullableMember for String {
        const KIND: Kind = Kind::NullStr;
    }
    impl NullableMember for u64 {
        const KIND: Kind = Kind::NullU64;
    }
    impl Member for bool {
        const KIND: Kind = Kind::Bool;
    }
    impl Member for u32 {
        const KIND: Kind = Kind::U32;
    }
    impl Member for Vec<StreamId> {
        const KIND: Kind = Kind::Ids;
    }
    impl Member for Vec<BroadcastId> {
        const KIND: Kind = Kind::Ids;
    }
    impl Member for crate::domain::model::RecordType {
        const KIND: Kind = Kind::Enum(Self::KNOWN);
    }
    impl Member for crate::domain::model::Projection {
        const KIND: Kind = Kind::Enum(Self::KNOWN);
    }
    impl Member for crate::domain::model::BroadcastStatus {
        const KIND: Kind = Kind::Enum(Self::KNOWN);
    }
}

model! {
    #[settings]
    /// The settings of a stream: the body of create (flat) and of update (wrapped). On create `name` is
    /// required. Fields the SDK does not model (e.g. the guide's `webrtc`) are sent too (in Rust, put
    /// them in `extra`).
    pub struct StreamParams {
        ..stream_settings,
        ..extra
    }
}

model! {
    #[settings]
    /// The settings of a broadcast, sent wrapped in `{"broadcast": …}`. On create `name` and `status`
    /// are required (the platform answers 422 "can't be blank" otherwise).
    pub struct BroadcastParams {
        ..broadcast_settings,
        ..extra
    }
}

model! {
    /// Query of `GET /streaming/streams`.
    pub struct ListStreamsQuery {
        /// Page, from 1.
        pub page: Option<u32>,
        /// Include each stream's broadcasts.
        pub with_broadcasts: Option<bool>,
    }
}

model! {
    /// Query of `GET /streaming/broadcasts`.
    pub struct ListBroadcastsQuery {
        /// Page, from 1.
        pub page: Option<u32>,
    }
}

model! {
    /// Query of `GET /streaming/videos`.
    pub struct ListVideosQuery {
        /// Page, from 1.
        pub page: Option<u32>,
        /// Items per page.
        pub per_page: Option<u32>,
        /// Only these ids.
        pub id: Option<Vec<VideoId>>,
        /// Full-text search.
        pub search: Option<String>,
        /// Only this status.
        pub status: Option<VideoStatus>,
        /// Only this user's.
        pub client_user_id: Option<u64>,
        /// Only recordings of this stream.
        pub stream_id: Option<StreamId>,
        /// Only these fields in each item.
        pub fields: Option<Vec<String>>,
    }
}

/// The HTTP method of a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PATCH
    Patch,
    /// PUT
    Put,
    /// DELETE
    Delete,
}

impl Method {
    /// The method's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Patch => "PATCH",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
        }
    }

    /// Whether sending the request twice has the same effect as once (so it may be retried after a
    /// failure whose outcome is unknown).
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Self::Post | Self::Patch)
    }
}

crate::domain::text::display_as_str!(Method);

/// A request that can not be built from the parameters given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamError {
    /// The JSON path of the offending parameter, e.g. `name`.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl ParamError {
    /// The `Display` text, `path: message`, built without the formatting machinery (which the
    /// WebAssembly build then leaves out).
    pub(crate) fn text(&self) -> String {
        [self.path.as_str(), ": ", &self.message].cat()
    }
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl core::error::Error for ParamError {}

/// One API call as a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiRequest {
    /// Which operation.
    pub operation: Operation,
    /// HTTP method.
    pub method: Method,
    /// Path from the base URL, e.g. `/streaming/streams/320423`.
    pub path: String,
    /// Query parameters, in order, not yet encoded.
    pub query: Vec<(String, String)>,
    /// JSON body, if any.
    pub body: Option<String>,
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Serializing these plain structs (string keys, no maps with non-string keys) can not fail.
    serde_json::to_string(value).unwrap_or_else(|_| "{}".to_owned())
}

/// `{"<key>": value}`.
fn wrapped<T: Serialize>(key: &str, value: &T) -> String {
    ["{\"", key, "\":", &to_json(value), "}"].cat()
}

fn required(present: bool, path: &str) -> Result<(), ParamError> {
    if present {
        Ok(())
    } else {
        Err(ParamError {
            path: path.to_owned(),
            message: "is required and must not be blank".to_owned(),
        })
    }
}

fn non_blank(s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|s| !s.trim().is_empty())
}

/// `prefix`, the id in decimal, `suffix` (without the formatting machinery: smaller in the wasm).
fn id_path(prefix: &str, id: u64, suffix: &str) -> String {
    let mut s = String::with_capacity(prefix.len() + 20 + suffix.len());
    s.push_str(prefix);
    write_u64(&mut s, id);
    s.push_str(suffix);
    s
}

/// A page number or size in decimal.
fn page(n: u32) -> String {
    num(u64::from(n))
}

/// A number in decimal (a query value, a number in a message), without the formatting machinery.
pub(crate) fn num(n: u64) -> String {
    let mut s = String::new();
    write_u64(&mut s, n);
    s
}

/// The resource whose id an operation's path carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PathId {
    /// None: a create or a list.
    None,
    /// `/streaming/streams/{id}…`
    Stream,
    /// `/streaming/broadcasts/{id}…`
    Broadcast,
    /// `/streaming/videos/{id}…`
    Video,
}

/// Constructors of the operations whose request is their route with the id: no query, no body.
macro_rules! by_id {
    ($($(#[$doc:meta])* $name:ident($id:ty) => $operation:ident;)*) => {
        $($(#[$doc])* pub fn $name(id: $id) -> Self { Self::to(Operation::$operation, id.0) })*
    };
}

impl ApiRequest {
    /// The request for `operation`, with `id` in its path when the route carries one (see [`route`]);
    /// no query, no body.
    pub(crate) fn to(operation: Operation, id: u64) -> Self {
        let (method, prefix, which, suffix) = route(operation);
        let path = if which == PathId::None {
            prefix.to_owned()
        } else {
            id_path(prefix, id, suffix)
        };
        Self::new(operation, method, path)
    }

    fn new(operation: Operation, method: Method, path: String) -> Self {
        Self {
            operation,
            method,
            path,
            query: Vec::new(),
            body: None,
        }
    }

    /// The request with `body` as its JSON body.
    fn with_body(mut self, body: String) -> Self {
        self.body = Some(body);
        self
    }

    /// Adds `name=value` to the query when there is a value.
    fn param(&mut self, name: &str, value: Option<String>) {
        if let Some(value) = value {
            self.query.push((name.to_owned(), value));
        }
    }

    by_id! {
        /// `GET /streaming/streams/{id}`.
        get_stream(StreamId) => GetStream;
        /// `DELETE /streaming/streams/{id}`.
        delete_stream(StreamId) => DeleteStream;
        /// `PUT /streaming/streams/{id}/start_recording`.
        start_recording(StreamId) => StartRecording;
        /// `PUT /streaming/streams/{id}/stop_recording`.
        stop_recording(StreamId) => StopRecording;
        /// `GET /streaming/broadcasts/{id}`.
        get_broadcast(BroadcastId) => GetBroadcast;
        /// `DELETE /streaming/broadcasts/{id}`.
        delete_broadcast(BroadcastId) => DeleteBroadcast;
        /// `GET /streaming/videos/{id}`.
        get_video(VideoId) => GetVideo;
        /// `DELETE /streaming/videos/{id}`.
        delete_video(VideoId) => DeleteVideo;
    }

    /// `POST /streaming/streams` with a flat body.
    ///
    /// # Errors
    /// [`ParamError`] when `name` is missing or blank.
    pub fn create_stream(params: &StreamParams) -> Result<Self, ParamError> {
        required(non_blank(&params.name), "name")?;
        Ok(Self::to(Operation::CreateStream, 0).with_body(to_json(params)))
    }

    /// `GET /streaming/streams?page=&with_broadcasts=1`.
    pub fn list_streams(query: &ListStreamsQuery) -> Self {
        let mut req = Self::to(Operation::ListStreams, 0);
        req.param("page", query.page.map(page));
        req.param(
            "with_broadcasts",
            query.with_broadcasts.map(|wb| if wb { "1" } else { "0" }.into()),
        );
        req
    }

    /// `PATCH /streaming/streams/{id}` with `{"stream": {…}}`.
    pub fn update_stream(id: StreamId, params: &StreamParams) -> Self {
        Self::to(Operation::UpdateStream, id.0).with_body(wrapped("stream", params))
    }

    /// `POST /streaming/broadcasts` with `{"broadcast": {…}}`.
    ///
    /// # Errors
    /// [`ParamError`] when `name` or `status` is missing.
    pub fn create_broadcast(params: &BroadcastParams) -> Result<Self, ParamError> {
        required(non_blank(&params.name), "name")?;
        required(params.status.is_some(), "status")?;
        Ok(Self::to(Operation::CreateBroadcast, 0).with_body(wrapped("broadcast", params)))
    }

    /// `GET /streaming/broadcasts?page=`.
    pub fn list_broadcasts(query: &ListBroadcastsQuery) -> Self {
        let mut req = Self::to(Operation::ListBroadcasts, 0);
        req.param("page", query.page.map(page));
        req
    }

    /// `PATCH /streaming/broadcasts/{id}` with `{"broadcast": {…}}`.
    pub fn update_broadcast(id: BroadcastId, params: &BroadcastParams) -> Self {
        Self::to(Operation::UpdateBroadcast, id.0).with_body(wrapped("broadcast", params))
    }

    /// `GET /streaming/videos?…`.
    pub fn list_videos(query: &ListVideosQuery) -> Self {
        let mut req = Self::to(Operation::ListVideos, 0);
        let join = |items: &[String]| super::text::join(items, ",");
        req.param("page", query.page.map(page));
        req.param("per_page", query.per_page.map(page));
        let ids = query
            .id
            .as_ref()
            .map(|ids| ids.iter().map(|id| num(id.0)).collect::<Vec<_>>());
        req.param("id", ids.as_deref().map(join));
        req.param("search", query.search.clone());
        req.param("status", query.status.as_ref().map(|s| s.as_str().to_owned()));
        req.param("client_user_id", query.client_user_id.map(num));
        req.param("stream_id", query.stream_id.map(|id| num(id.0)));
        req.param("fields", query.fields.as_deref().map(join));
        req
    }

    /// The path with its encoded query string, e.g. `/streaming/videos?page=2&search=a%20b`.
    pub fn path_and_query(&self) -> String {
        let mut out = self.path.clone();
        for (i, (k, v)) in self.query.iter().enumerate() {
            out.push(if i == 0 { '?' } else { '&' });
            percent_encode_into(k, &mut out);
            out.push('=');
            percent_encode_into(v, &mut out);
        }
        out
    }

    /// The full URL against a base such as `https://api.gcore.com` (a trailing `/` is ignored).
    pub fn url(&self, base: &str) -> String {
        [base.trim_end_matches('/'), &self.path_and_query()].cat()
    }
}

/// What [`percent_encode_into`] encodes: all but the RFC 3986 unreserved characters and `,`.
const COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b',');

/// Percent-encodes a path segment or query component (`percent-encoding`, upper-case hex).
pub(crate) fn percent_encode_into(s: &str, out: &mut String) {
    out.extend(percent_encoding::utf8_percent_encode(s, COMPONENT));
}

#[cfg(test)]
mod tests {
    use super::Operation;

    #[test]
    #[cfg(feature = "client")]
    fn members_follow_the_settings_declarations() {
        use super::{BroadcastParams, Kind, StreamParams};
        use crate::domain::model::{BroadcastStatus, Projection, RecordType};
        fn kind(members: &[(&str, Kind)], name: &str) -> Option<Kind> {
            members.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
        }
        fn names(members: &[(&'static str, Kind)]) -> Vec<&'static str> {
            members.iter().map(|(n, _)| *n).collect()
        }
        // In declaration order (the order serde writes), `extra` left out.
        let s = StreamParams::MEMBERS;
        assert_eq!(s.len(), 18);
        assert_eq!(names(s).first(), Some(&"name"));
        assert_eq!(names(s).last(), Some(&"transcoding_region"));
        assert_eq!(kind(s, "name"), Some(Kind::Str));
        assert_eq!(kind(s, "active"), Some(Kind::Bool));
        assert_eq!(kind(s, "dvr_duration"), Some(Kind::U32));
        assert_eq!(kind(s, "uri"), Some(Kind::NullStr));
        assert_eq!(kind(s, "srt_passphrase"), Some(Kind::NullStr));
        assert_eq!(kind(s, "cdn_id"), Some(Kind::NullU64));
        assert_eq!(kind(s, "broadcast_ids"), Some(Kind::Ids));
        assert_eq!(kind(s, "record_type"), Some(Kind::Enum(RecordType::KNOWN)));
        assert_eq!(kind(s, "projection"), Some(Kind::Enum(Projection::KNOWN)));
        assert_eq!(kind(s, "extra"), None);
        let b = BroadcastParams::MEMBERS;
        assert_eq!(
            names(b),
            [
                "name",
                "status",
                "share_url",
                "custom_iframe_url",
                "show_dvr_after_finish",
                "pending_message",
                "ad_id",
                "player_id",
                "stream_ids",
                "poster"
            ]
        );
        assert_eq!(kind(b, "status"), Some(Kind::Enum(BroadcastStatus::KNOWN)));
        assert_eq!(kind(b, "ad_id"), Some(Kind::NullU64));
        assert_eq!(kind(b, "stream_ids"), Some(Kind::Ids));
    }

    #[test]
    fn all_lists_every_operation_once() {
        // Exhaustive: a new variant fails to compile here until it is given its place in `ALL`.
        fn index(o: Operation) -> usize {
            match o {
                Operation::CreateStream => 0,
                Operation::GetStream => 1,
                Operation::ListStreams => 2,
                Operation::UpdateStream => 3,
                Operation::DeleteStream => 4,
                Operation::StartRecording => 5,
                Operation::StopRecording => 6,
                Operation::CreateBroadcast => 7,
                Operation::GetBroadcast => 8,
                Operation::ListBroadcasts => 9,
                Operation::UpdateBroadcast => 10,
                Operation::DeleteBroadcast => 11,
                Operation::GetVideo => 12,
                Operation::ListVideos => 13,
                Operation::DeleteVideo => 14,
                #[cfg(feature = "client")]
                Operation::Call => usize::MAX, // not an action: not in `ALL`
            }
        }
        for (i, o) in Operation::ALL.iter().enumerate() {
            assert_eq!(index(*o), i, "{o:?}");
        }
    }
}
