//! Actions: the next steps the guide prescribes, as data a caller can execute.

use crate::domain::ids::{BroadcastId, StreamId, VideoId};
use crate::domain::json;
use crate::domain::request::{route, ApiRequest, Operation, ParamError, PathId};
use crate::domain::text::Cat;
use crate::prelude::*;
use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;

// `Action`, declared from src/domain/wire.yaml by scripts/gen-wire.mjs.
include!("action_types.rs");

/// An action's JSON body, kept as compact JSON text (what is sent).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionBody(String);

impl ActionBody {
    /// `{"broadcast":{"status":<status>}}`.
    pub fn broadcast_status(status: &str) -> Self {
        let mut s = String::from("{\"broadcast\":{\"status\":");
        json::write_str(&mut s, status);
        s.push_str("}}");
        Self(s)
    }

    /// `{"stream":{"active":<active>}}`.
    pub fn stream_active(active: bool) -> Self {
        Self(
            if active {
                "{\"stream\":{\"active\":true}}"
            } else {
                "{\"stream\":{\"active\":false}}"
            }
            .to_owned(),
        )
    }

    /// A body from JSON text the caller knows to be valid and compact.
    pub(crate) fn from_json_text(text: &str) -> Self {
        Self(text.to_owned())
    }

    /// A body from a JSON value.
    pub fn from_value(v: &serde_json::Value) -> Self {
        Self(v.to_string())
    }

    /// The body as compact JSON text.
    pub fn as_json(&self) -> &str {
        &self.0
    }

    /// The body as a JSON value.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::from_str(&self.0).unwrap_or(serde_json::Value::Null)
    }
}

impl Serialize for ActionBody {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(s)
    }
}

impl<'de> Deserialize<'de> for ActionBody {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(d).map(|v| Self::from_value(&v))
    }
}

impl Action {
    /// Appends the action as JSON (the same text as its `Serialize` form).
    pub fn write_json(&self, out: &mut dyn json::Sink) {
        let mut o = json::ObjWriter::new(out);
        o.sym("operation", self.operation.as_str());
        o.opt_u64("stream_id", self.stream_id.map(|i| i.0));
        o.opt_u64("broadcast_id", self.broadcast_id.map(|i| i.0));
        o.opt_u64("video_id", self.video_id.map(|i| i.0));
        if let Some(b) = &self.body {
            o.key("body").raw(&b.0);
        }
        match &self.reason {
            alloc::borrow::Cow::Borrowed(r) => o.sym("reason", r),
            alloc::borrow::Cow::Owned(r) => o.str("reason", r),
        }
        o.opt_u64("step", self.step.map(u64::from));
        o.end();
    }

    /// The request that performs this action, or `None` when an id the operation needs is missing.
    pub fn request(&self) -> Option<ApiRequest> {
        let id = match route(self.operation).2 {
            PathId::None => 0,
            PathId::Stream => self.stream_id?.0,
            PathId::Broadcast => self.broadcast_id?.0,
            PathId::Video => self.video_id?.0,
        };
        let mut req = ApiRequest::to(self.operation, id);
        req.body = self.body.as_ref().map(|b| b.0.clone());
        Some(req)
    }

    /// [`Action::request`], or the error naming the id the operation needs when it is missing:
    /// `broadcast_id: is required for delete_broadcast` (path `broadcast_id`).
    ///
    /// # Errors
    /// The missing id, as a [`ParamError`].
    pub fn checked_request(&self) -> Result<ApiRequest, ParamError> {
        self.request().ok_or_else(|| ParamError {
            path: match route(self.operation).2 {
                PathId::Broadcast => "broadcast_id",
                PathId::Video => "video_id",
                PathId::None | PathId::Stream => "stream_id",
            }
            .into(),
            message: ["is required for ", self.operation.as_str()].cat(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::request::Method;

    #[test]
    fn a_missing_id_is_named() {
        let a = |operation| Action {
            operation,
            stream_id: None,
            broadcast_id: None,
            video_id: None,
            body: None,
            reason: "r".into(),
            step: None,
        };
        for (op, path) in [
            (Operation::DeleteBroadcast, "broadcast_id"),
            (Operation::GetVideo, "video_id"),
            (Operation::StopRecording, "stream_id"),
        ] {
            let e = a(op).checked_request().unwrap_err();
            assert_eq!(e.path, path);
            assert_eq!(e.message, ["is required for ", op.as_str()].concat());
        }
        assert_eq!(
            a(Operation::ListVideos).checked_request(),
            Ok(ApiRequest::to(Operation::ListVideos, 0))
        );
    }

    #[test]
    fn every_operation_has_its_path() {
        let action = |operation, id: Option<u64>| Action {
            operation,
            stream_id: id.map(StreamId),
            broadcast_id: id.map(BroadcastId),
            video_id: id.map(VideoId),
            body: None,
            reason: "r".into(),
            step: None,
        };
        for id in [0, 7, u64::MAX] {
            for op in Operation::ALL {
                let r = action(op, Some(id)).request().unwrap();
                let want = match op {
                    Operation::CreateStream | Operation::ListStreams => "/streaming/streams".to_owned(),
                    Operation::CreateBroadcast | Operation::ListBroadcasts => {
                        "/streaming/broadcasts".to_owned()
                    }
                    Operation::ListVideos => "/streaming/videos".to_owned(),
                    Operation::GetStream | Operation::UpdateStream | Operation::DeleteStream => {
                        format!("/streaming/streams/{id}")
                    }
                    Operation::StartRecording => format!("/streaming/streams/{id}/start_recording"),
                    Operation::StopRecording => format!("/streaming/streams/{id}/stop_recording"),
                    Operation::GetBroadcast | Operation::UpdateBroadcast | Operation::DeleteBroadcast => {
                        format!("/streaming/broadcasts/{id}")
                    }
                    Operation::GetVideo | Operation::DeleteVideo => format!("/streaming/videos/{id}"),
                    #[cfg(feature = "client")]
                    Operation::Call => unreachable!("not in Operation::ALL"),
                };
                assert_eq!(r.path, want, "{op:?}");
                let method = match op {
                    Operation::CreateStream | Operation::CreateBroadcast => Method::Post,
                    Operation::UpdateStream | Operation::UpdateBroadcast => Method::Patch,
                    Operation::StartRecording | Operation::StopRecording => Method::Put,
                    Operation::DeleteStream | Operation::DeleteBroadcast | Operation::DeleteVideo => {
                        Method::Delete
                    }
                    _ => Method::Get,
                };
                assert_eq!(r.method, method, "{op:?}");
                let needs_id = want.bytes().any(|b| b.is_ascii_digit());
                assert_eq!(action(op, None).request().is_none(), needs_id, "{op:?}");
            }
        }
    }

    #[test]
    fn an_action_becomes_the_request_it_names() {
        let a = Action {
            operation: Operation::UpdateBroadcast,
            stream_id: Some(StreamId(320423)),
            broadcast_id: Some(BroadcastId(192470)),
            video_id: None,
            body: Some(ActionBody::broadcast_status("live")),
            reason: "the stream is live".into(),
            step: Some(5),
        };
        let r = a.request().unwrap();
        assert_eq!(
            (r.method, r.path.as_str()),
            (Method::Patch, "/streaming/broadcasts/192470")
        );
        assert_eq!(r.body.as_deref(), Some(r#"{"broadcast":{"status":"live"}}"#));
        let json = serde_json::to_string(&a).unwrap();
        let mut ours = String::new();
        a.write_json(&mut ours);
        assert_eq!(ours, json);
        assert_eq!(
            a.body.as_ref().unwrap().to_value(),
            serde_json::json!({"broadcast": {"status": "live"}})
        );
        assert!(
            json.starts_with(r#"{"operation":"update_broadcast","stream_id":320423"#),
            "{json}"
        );
        let missing = Action {
            operation: Operation::GetVideo,
            ..a
        };
        assert!(missing.request().is_none());
    }
}
