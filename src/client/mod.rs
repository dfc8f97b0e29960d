//! The typed client over a small transport trait.
//!
//! (Issue #4 fills this in.)
