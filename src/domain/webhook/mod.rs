//! Webhooks: the strict validator, the source check and the state tracker.
//!
//! The platform signs nothing and sends each webhook at most once, in no guaranteed order, with no
//! timestamps (docs/platform.md, "Webhooks"). The flow of an edge function: check where it came from
//! ([`verify_source`]: CIDR ranges and/or a secret in the URL), validate it ([`parse_webhook`]: typed
//! [`WebhookEvent`] or a [`WebhookError`] with a stable code and a JSON path), fold it into a
//! [`Tracker`] restored from the last snapshot ([`Tracker::apply`]: outcome, stage, next [`Action`]s),
//! and persist [`Tracker::snapshot`].
//!
//! ```
//! use gcore_streaming::domain::webhook::*;
//! let body = br#"{"type":"stream","message":{"stream":{"id":320423,"live":true,"recording":false}}}"#;
//! let event = parse_webhook(body, &ParseOptions::default()).unwrap();
//! let mut tracker = Tracker::new();
//! let result = tracker.apply(&event, Some(1_000));
//! assert_eq!(result.outcome, Outcome::Applied);
//! assert_eq!(result.stage, Some(Stage::Setup));
//! ```

pub mod action;
pub mod error;
pub mod event;
pub mod source;
pub mod tracker;

pub use action::{Action, ActionBody};
pub use error::{WebhookError, WebhookErrorCode};
#[cfg(target_family = "wasm")]
pub(crate) use event::{body_text, check, check_size, parse_text, quick_for_tracker, quick_tape, Checked};
pub use event::{
    parse_webhook, BroadcastWebhook, ClientUserId, ConvertedVideoWebhook, ParseOptions, RestreamWebhook,
    StreamWebhook, VideoWebhook, WebhookEvent,
};
pub use source::{verify_source, Cidr, SourceCheck, DEFAULT_ALLOW_IPS};
pub use tracker::{
    ApplyResult, Change, ChangeValue, EntityView, Outcome, Stage, StreamUpdate, StreamView, TrackedBroadcast,
    TrackedRestream, TrackedStream, TrackedVideo, Tracker, VideoUpdate,
};
