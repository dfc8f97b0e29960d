//! # gcore-streaming
//!
//! A typed SDK for the Gcore Streaming Platform, compiled to WebAssembly for browsers, Node, Deno and
//! edge runtimes, and usable as a plain Rust crate.
//!
//! ## Data flow
//!
//! Everything that decides lives in [`domain`], which does no I/O and never reads a clock: the
//! wire-faithful [`domain::model`] types, the requests as plain values ([`domain::request`]), the
//! webhook validator and state tracker ([`domain::webhook`]: body → verify source → parse → apply →
//! snapshot) and the platform emulator behind the sandbox ([`domain::platform`]: `handle(request, now)`
//! → response + webhooks). [`client`] turns request values into HTTP calls over a small
//! [`client::Transport`] trait (fetch on wasm, hyper natively), with retries and timeouts as pure
//! policy. The bindings module (`js`, wasm only) is the one place that knows about JavaScript.
#![cfg_attr(not(test), deny(missing_docs))]
// The overview above links to `client` and `domain::platform`, which a build without the `client` or
// `sandbox` feature leaves out.
#![cfg_attr(
    not(all(feature = "client", feature = "sandbox")),
    allow(rustdoc::broken_intra_doc_links)
)]
// The package's wasm builds are `no_std` (+ `alloc`): see the `std` feature in Cargo.toml.
#![cfg_attr(all(target_family = "wasm", not(feature = "std")), no_std)]

extern crate alloc;

mod prelude;

pub mod domain;

#[cfg(feature = "client")]
pub mod client;

#[cfg(all(not(target_family = "wasm"), feature = "sandbox"))]
pub mod server;

#[cfg(target_family = "wasm")]
#[doc(hidden)]
pub mod js; // public (hidden) so wasm-bindgen tests can call the exports

/// The crate's version, as published (also the npm package's version).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
