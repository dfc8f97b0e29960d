//! The sandbox's native HTTP server around [`crate::domain::platform`].
//!
//! (Issue #5 fills this in.)
