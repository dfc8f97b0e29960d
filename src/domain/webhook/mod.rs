//! Webhooks: the strict validator, the source check and the state tracker.
//!
//! (Issue #3 fills this in.)

pub mod action;

pub use action::Action;
