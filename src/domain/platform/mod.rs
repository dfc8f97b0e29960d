//! The platform model behind the sandbox: `handle(request, now)` → response, `advance(now)` → webhooks.
//!
//! (Issue #5 fills this in.)
