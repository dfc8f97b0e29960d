//! The JS binding's parameter reader: JSON text (one `JSON.stringify` of what JS passed) read with
//! the small [`crate::domain::json`] reader and written back as the exact body `serde_json` writes for
//! the typed [`StreamParams`](crate::domain::request::StreamParams) /
//! [`BroadcastParams`](crate::domain::request::BroadcastParams) (known fields in declaration order,
//! unset ones omitted, `null` kept for the nullable settings; the other members after them, sorted by
//! name). It keeps serde and `serde_json` out of the npm package's main entry; Rust users keep the
//! typed serde path.

use crate::domain::ids::{StreamId, VideoId};
use crate::domain::json::{self, NumKind, Value};
use crate::domain::model::VideoStatus;
use crate::domain::request::{
    ApiRequest, BroadcastParams, Kind, ListBroadcastsQuery, ListStreamsQuery, ListVideosQuery, Operation,
    ParamError, StreamParams,
};
use crate::domain::text::Cat;
use crate::domain::webhook::Action;
use crate::prelude::*;

/// A settings object's known members: name and kind, in declaration order.
pub(crate) type Schema = &'static [(&'static str, Kind)];

/// The members of `StreamParams`, in declaration order.
pub(crate) const STREAM: Schema = StreamParams::MEMBERS;

/// The members of `BroadcastParams`, in declaration order.
pub(crate) const BROADCAST: Schema = BroadcastParams::MEMBERS;

/// Stream or broadcast settings, as the JSON text of each member.
pub(crate) struct Params {
    schema: Schema,
    known: Vec<Option<String>>,
    /// (decoded name, value JSON), sorted by name.
    extra: Vec<(String, String)>,
}

fn at(root: &str, key: &str) -> String {
    if root.is_empty() {
        key.to_owned()
    } else if key.is_empty() {
        root.to_owned()
    } else {
        [root, ".", key].cat()
    }
}

fn err(path: String, message: &str) -> ParamError {
    ParamError {
        path,
        message: message.to_owned(),
    }
}

/// Parses JSON text (the object of parameters).
///
/// # Errors
/// `root` when the text is not JSON.
pub(crate) fn parse<'a>(text: &'a str, root: &str) -> Result<Value<'a>, ParamError> {
    json::parse(text).map_err(|e| err(at(root, ""), &e.describe(text)))
}

fn members<'v, 'a>(v: &'v Value<'a>, root: &str) -> Result<&'v [(json::Str<'a>, Value<'a>)], ParamError> {
    match v {
        Value::Obj(m) => Ok(m),
        _ => Err(err(at(root, ""), "must be an object")),
    }
}

fn uint(v: &Value<'_>) -> Option<u64> {
    match v {
        Value::Num(n) => match n.kind {
            NumKind::UInt(u) => Some(u),
            _ => None,
        },
        _ => None,
    }
}

fn text_of(v: &Value<'_>) -> String {
    let mut s = String::new();
    v.write(&mut s);
    s
}

/// Checks one known member; its JSON (`None` when unset).
fn member(kind: Kind, v: &Value<'_>, path: impl Fn() -> String) -> Result<Option<String>, ParamError> {
    let bad = |what: &str| {
        err(
            path(),
            &["invalid type: ", v.kind_name(), ", expected ", what].cat(),
        )
    };
    if *v == Value::Null {
        return Ok(match kind {
            Kind::NullU64 | Kind::NullStr => Some("null".to_owned()),
            _ => None,
        });
    }
    let ok = match kind {
        Kind::Str | Kind::NullStr => matches!(v, Value::Str(_)),
        Kind::Bool => matches!(v, Value::Bool(_)),
        Kind::U32 => uint(v).is_some_and(|u| u <= u64::from(u32::MAX)),
        Kind::NullU64 => uint(v).is_some(),
        Kind::Ids => match v {
            Value::Arr(items) => items.iter().all(|i| uint(i).is_some()),
            _ => false,
        },
        Kind::Enum(known) => {
            if let Value::Str(s) = v {
                let s = s.decode();
                let mut out = String::new();
                let lower = known.iter().find(|k| k.eq_ignore_ascii_case(&s));
                json::write_str(&mut out, lower.map_or(s.as_str(), |k| k));
                return Ok(Some(out));
            }
            false
        }
    };
    if !ok {
        return Err(bad(match kind {
            Kind::Str | Kind::NullStr | Kind::Enum(_) => "a string",
            Kind::Bool => "a boolean",
            Kind::U32 => "an integer from 0 to 4294967295",
            Kind::NullU64 => "a non-negative integer",
            Kind::Ids => "an array of ids",
        }));
    }
    Ok(Some(match v {
        Value::Str(s) => {
            let mut out = String::new();
            json::write_str(&mut out, &s.decode());
            out
        }
        _ => text_of(v),
    }))
}

impl Params {
    /// Empty settings.
    pub(crate) fn new(schema: Schema) -> Self {
        Self {
            schema,
            known: vec![None; schema.len()],
            extra: Vec::new(),
        }
    }

    /// Reads settings from a JSON value (`null` = none).
    ///
    /// # Errors
    /// The offending member's path.
    pub(crate) fn read(schema: Schema, v: &Value<'_>, root: &str) -> Result<Self, ParamError> {
        let mut p = Self::new(schema);
        if *v == Value::Null {
            return Ok(p);
        }
        for (k, val) in members(v, root)? {
            let key = k.decode();
            match schema.iter().position(|(n, _)| *n == key) {
                Some(i) => {
                    let (_, kind) = schema.get(i).copied().unwrap_or(("", Kind::Str));
                    let m = member(kind, val, || at(root, &key))?;
                    if let Some(slot) = p.known.get_mut(i) {
                        *slot = m;
                    }
                }
                None => {
                    let text = text_of(val);
                    match p.extra.binary_search_by(|(n, _)| n.as_str().cmp(&key)) {
                        Ok(j) => {
                            if let Some(e) = p.extra.get_mut(j) {
                                e.1 = text;
                            }
                        }
                        Err(j) => p.extra.insert(j, (key, text)),
                    }
                }
            }
        }
        Ok(p)
    }

    /// A string member, decoded.
    pub(crate) fn str(&self, key: &str) -> Option<String> {
        let i = self.schema.iter().position(|(n, _)| *n == key)?;
        let text = self.known.get(i)?.as_deref()?;
        match json::parse(text).ok()? {
            Value::Str(s) => Some(s.decode()),
            _ => None,
        }
    }

    /// Whether a member is set.
    pub(crate) fn has(&self, key: &str) -> bool {
        self.schema
            .iter()
            .position(|(n, _)| *n == key)
            .and_then(|i| self.known.get(i))
            .is_some_and(Option::is_some)
    }

    /// Checks that `name` is set and not blank.
    ///
    /// # Errors
    /// `name` (under `root`) otherwise.
    pub(crate) fn require_name(&self, root: &str) -> Result<(), ParamError> {
        if self.str("name").is_some_and(|n| !n.trim().is_empty()) {
            Ok(())
        } else {
            Err(err(at(root, "name"), "is required and must not be blank"))
        }
    }

    /// The settings as compact JSON (as `serde_json` writes the typed settings).
    pub(crate) fn to_json(&self) -> String {
        let mut out = String::from("{");
        let known = self
            .schema
            .iter()
            .zip(&self.known)
            .filter_map(|((n, _), v)| v.as_deref().map(|v| (*n, v)));
        let extra = self.extra.iter().map(|(n, v)| (n.as_str(), v.as_str()));
        for (i, (n, v)) in known.chain(extra).enumerate() {
            if i > 0 {
                out.push(',');
            }
            json::write_str(&mut out, n);
            out.push(':');
            out.push_str(v);
        }
        out.push('}');
        out
    }
}

fn req(operation: Operation, id: u64, body: String) -> ApiRequest {
    let mut r = ApiRequest::to(operation, id);
    r.body = Some(body);
    r
}

/// `POST /streaming/streams` (flat body).
///
/// # Errors
/// `name` when missing or blank.
pub(crate) fn create_stream(p: &Params) -> Result<ApiRequest, ParamError> {
    p.require_name("")?;
    Ok(req(Operation::CreateStream, 0, p.to_json()))
}

/// `PATCH /streaming/streams/{id}` with `{"stream": …}`.
pub(crate) fn update_stream(id: u64, p: &Params) -> ApiRequest {
    req(
        Operation::UpdateStream,
        id,
        ["{\"stream\":", &p.to_json(), "}"].cat(),
    )
}

/// `POST /streaming/broadcasts` with `{"broadcast": …}`.
///
/// # Errors
/// `name` or `status` when missing.
pub(crate) fn create_broadcast(p: &Params) -> Result<ApiRequest, ParamError> {
    p.require_name("")?;
    if !p.has("status") {
        return Err(err("status".to_owned(), "is required and must not be blank"));
    }
    Ok(req(
        Operation::CreateBroadcast,
        0,
        ["{\"broadcast\":", &p.to_json(), "}"].cat(),
    ))
}

/// `PATCH /streaming/broadcasts/{id}` with `{"broadcast": …}`.
pub(crate) fn update_broadcast(id: u64, p: &Params) -> ApiRequest {
    req(
        Operation::UpdateBroadcast,
        id,
        ["{\"broadcast\":", &p.to_json(), "}"].cat(),
    )
}

/// Reads one query member.
fn q_u64(
    m: &[(json::Str<'_>, Value<'_>)],
    key: &str,
    root: &str,
    max: u64,
) -> Result<Option<u64>, ParamError> {
    match json::get(m, key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => uint(v)
            .filter(|u| *u <= max)
            .map(Some)
            .ok_or_else(|| err(at(root, key), "must be a non-negative integer")),
    }
}

fn q_str(m: &[(json::Str<'_>, Value<'_>)], key: &str, root: &str) -> Result<Option<String>, ParamError> {
    match json::get(m, key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.decode())),
        Some(_) => Err(err(at(root, key), "must be a string")),
    }
}

fn q_members<'v, 'a>(v: &'v Value<'a>, root: &str) -> Result<&'v [(json::Str<'a>, Value<'a>)], ParamError> {
    if *v == Value::Null {
        return Ok(&[]);
    }
    members(v, root)
}

const U32: u64 = u32::MAX as u64;

/// The query of `GET /streaming/streams`.
///
/// # Errors
/// The offending member.
pub(crate) fn streams_query(v: &Value<'_>, root: &str) -> Result<ListStreamsQuery, ParamError> {
    let m = q_members(v, root)?;
    Ok(ListStreamsQuery {
        page: q_u64(m, "page", root, U32)?.map(|u| u as u32),
        with_broadcasts: match json::get(m, "with_broadcasts") {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => return Err(err(at(root, "with_broadcasts"), "must be a boolean")),
        },
    })
}

/// The query of `GET /streaming/broadcasts`.
///
/// # Errors
/// The offending member.
pub(crate) fn broadcasts_query(v: &Value<'_>, root: &str) -> Result<ListBroadcastsQuery, ParamError> {
    let m = q_members(v, root)?;
    Ok(ListBroadcastsQuery {
        page: q_u64(m, "page", root, U32)?.map(|u| u as u32),
    })
}

/// The query of `GET /streaming/videos`.
///
/// # Errors
/// The offending member.
pub(crate) fn videos_query(v: &Value<'_>, root: &str) -> Result<ListVideosQuery, ParamError> {
    let m = q_members(v, root)?;
    let id = match json::get(m, "id") {
        None | Some(Value::Null) => None,
        Some(Value::Arr(items)) => Some(
            items
                .iter()
                .map(|i| uint(i).map(VideoId))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| err(at(root, "id"), "must be an array of ids"))?,
        ),
        Some(_) => return Err(err(at(root, "id"), "must be an array of ids")),
    };
    let fields = match json::get(m, "fields") {
        None | Some(Value::Null) => None,
        Some(Value::Arr(items)) => Some(
            items
                .iter()
                .map(|i| match i {
                    Value::Str(s) => Some(s.decode()),
                    _ => None,
                })
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| err(at(root, "fields"), "must be an array of strings"))?,
        ),
        Some(_) => return Err(err(at(root, "fields"), "must be an array of strings")),
    };
    Ok(ListVideosQuery {
        page: q_u64(m, "page", root, U32)?.map(|u| u as u32),
        per_page: q_u64(m, "per_page", root, U32)?.map(|u| u as u32),
        id,
        search: q_str(m, "search", root)?,
        status: q_str(m, "status", root)?.map(|s| VideoStatus::parse(&s)),
        client_user_id: q_u64(m, "client_user_id", root, u64::MAX)?,
        stream_id: q_u64(m, "stream_id", root, u64::MAX)?.map(StreamId),
        fields,
    })
}

/// A tracker action (its `body` kept aside as JSON text, to put on the request).
///
/// # Errors
/// The offending member.
pub(crate) fn action(v: &Value<'_>, root: &str) -> Result<(Action, Option<String>), ParamError> {
    let m = members(v, root)?;
    let operation = match json::get(m, "operation") {
        Some(Value::Str(s)) => Operation::ALL.iter().copied().find(|o| s.is(o.as_str())),
        _ => None,
    }
    .ok_or_else(|| err(at(root, "operation"), "must be an API operation's name"))?;
    let reason = q_str(m, "reason", root)?.ok_or_else(|| err(at(root, "reason"), "is required"))?;
    let step = q_u64(m, "step", root, 255)?.map(|u| u as u8);
    let body = match json::get(m, "body") {
        None | Some(Value::Null) => None,
        Some(b) => Some(text_of(b)),
    };
    let a = Action {
        operation,
        stream_id: q_u64(m, "stream_id", root, u64::MAX)?.map(StreamId),
        broadcast_id: q_u64(m, "broadcast_id", root, u64::MAX)?.map(crate::domain::ids::BroadcastId),
        video_id: q_u64(m, "video_id", root, u64::MAX)?.map(VideoId),
        body: None,
        reason: reason.into(),
        step,
    };
    Ok((a, body))
}

/// What `LiveSession.setup` was given: the stream settings, the stream to reuse, the region and the
/// broadcast settings.
pub(crate) type SetupOptions = (Option<Params>, Option<u64>, Option<String>, Params);

/// Reads `LiveSession.setup`'s options (unknown members are errors).
///
/// # Errors
/// The offending member.
pub(crate) fn setup_options(v: &Value<'_>) -> Result<SetupOptions, ParamError> {
    let m = members(v, "")?;
    for (k, _) in m {
        let key = k.decode();
        if !["stream", "streamId", "transcodingRegion", "broadcast"].contains(&key.as_str()) {
            return Err(err(key, "is not an option of LiveSession.setup"));
        }
    }
    let stream = match json::get(m, "stream") {
        None | Some(Value::Null) => None,
        Some(s) => Some(Params::read(STREAM, s, "stream")?),
    };
    let broadcast = match json::get(m, "broadcast") {
        None | Some(Value::Null) => return Err(err("broadcast".to_owned(), "is required")),
        Some(b) => Params::read(BROADCAST, b, "broadcast")?,
    };
    Ok((
        stream,
        q_u64(m, "streamId", "", u64::MAX)?,
        q_str(m, "transcodingRegion", "")?,
        broadcast,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::request::{BroadcastParams, StreamParams};

    fn same_stream(text: &str) {
        let ours = Params::read(STREAM, &parse(text, "").unwrap(), "").unwrap();
        let typed: StreamParams = serde_json::from_str(text).unwrap();
        assert_eq!(
            update_stream(7, &ours),
            ApiRequest::update_stream(StreamId(7), &typed),
            "{text}"
        );
        if typed.name.is_some() {
            assert_eq!(create_stream(&ours), ApiRequest::create_stream(&typed), "{text}");
        }
    }

    #[test]
    fn bodies_are_those_serde_writes() {
        same_stream(
            r#"{"name":"a\"é","active":false,"uri":null,"webrtc":true,"cdn_id":3,"aa":[1,{"b":"x"}],"record_type":"Origin","dvr_duration":30}"#,
        );
        same_stream(
            r#"{"transcoding_region":"ix1","srt_passphrase":null,"broadcast_ids":[1,2],"projection":"weird"}"#,
        );
        same_stream("{}");
        let text = r#"{"name":"b","status":"Pending","stream_ids":[5],"ad_id":null,"zz":"q","poster":"p"}"#;
        let ours = Params::read(BROADCAST, &parse(text, "").unwrap(), "").unwrap();
        let typed: BroadcastParams = serde_json::from_str(text).unwrap();
        assert_eq!(create_broadcast(&ours), ApiRequest::create_broadcast(&typed));
        assert_eq!(
            update_broadcast(9, &ours),
            ApiRequest::update_broadcast(crate::domain::ids::BroadcastId(9), &typed)
        );
    }

    #[test]
    fn errors_name_the_member() {
        let bad = |text: &str, root: &str| {
            Params::read(STREAM, &parse(text, root).unwrap(), root)
                .err()
                .unwrap()
                .path
        };
        assert_eq!(bad(r#"{"name":"a","dvr_duration":"long"}"#, ""), "dvr_duration");
        assert_eq!(bad("[1]", "stream"), "stream");
        assert_eq!(bad(r#"{"broadcast_ids":[-1]}"#, "stream"), "stream.broadcast_ids");
        let p = Params::read(STREAM, &parse("{}", "").unwrap(), "").unwrap();
        assert_eq!(create_stream(&p).unwrap_err().path, "name");
        let p = Params::read(BROADCAST, &parse(r#"{"name":"x"}"#, "").unwrap(), "").unwrap();
        assert_eq!(create_broadcast(&p).unwrap_err().path, "status");
    }

    #[test]
    fn queries_and_actions() {
        let q = videos_query(
            &parse(
                r#"{"page":2,"id":[1,2],"status":"Ready","search":"a b","fields":["id"],"stream_id":4}"#,
                "q",
            )
            .unwrap(),
            "query",
        )
        .unwrap();
        let typed: ListVideosQuery = serde_json::from_str(
            r#"{"page":2,"id":[1,2],"status":"Ready","search":"a b","fields":["id"],"stream_id":4}"#,
        )
        .unwrap();
        assert_eq!(q, typed);
        assert_eq!(
            streams_query(&parse(r#"{"page":"x"}"#, "").unwrap(), "query")
                .unwrap_err()
                .path,
            "query.page"
        );
        let (a, body) = action(
            &parse(
                r#"{"operation":"update_broadcast","broadcast_id":3,"body":{"broadcast":{"status":"live"}},"reason":"r","step":5}"#,
                "action",
            )
            .unwrap(),
            "action",
        )
        .unwrap();
        assert_eq!(a.operation, Operation::UpdateBroadcast);
        assert_eq!(body.as_deref(), Some(r#"{"broadcast":{"status":"live"}}"#));
        assert_eq!(a.request().unwrap().path, "/streaming/broadcasts/3");
    }
}
