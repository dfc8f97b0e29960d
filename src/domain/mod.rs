//! The pure domain: models, requests as values, webhooks and the platform model.
//!
//! Nothing in here performs I/O, reads a clock or touches JavaScript: time, secrets and bytes come in
//! as arguments and decisions come back as values. It is tested with plain `cargo test` on the host.

/// Every operation of the API as data (generated from the spec), for `Client::call`.
#[cfg(feature = "client")]
pub mod api;
pub mod ids;
pub mod json;
pub mod model;
/// The guide's operations and their routes (generated from the spec).
mod operation;
pub mod request;
pub mod response;
pub mod retry;
pub mod text;
pub mod webhook;

#[cfg(feature = "sandbox")]
pub mod platform;

pub use ids::{BroadcastId, StreamId, VideoId};
