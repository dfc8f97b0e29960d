//! What the standard prelude gives a `std` crate, for a crate that is `no_std` on wasm (the package's
//! builds). Modules that need it `use crate::prelude::*;`; with std the same names resolve to the same
//! items.
pub(crate) use alloc::borrow::ToOwned;
pub(crate) use alloc::boxed::Box;
pub(crate) use alloc::format;
pub(crate) use alloc::string::{String, ToString};
pub(crate) use alloc::vec;
pub(crate) use alloc::vec::Vec;
