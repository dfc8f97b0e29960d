//! The client's retry policy as a pure function: what happened → wait this long, or give up.
//!
//! Rules (docs/platform.md, "Errors, limits and quotas"; Gcore's SDKs retry the same statuses):
//! - network errors and timeouts, `408` and `5xx` are retried for idempotent methods only (GET, PUT,
//!   DELETE): a create (`POST`) or an update (`PATCH`) whose outcome is unknown is never sent twice;
//! - `429` is retried for every method: the request was refused, not done;
//! - anything else (other 4xx, a user abort) is final;
//! - the wait honours `Retry-After` (delta-seconds or an HTTP date) when present and at most
//!   [`RetryPolicy::max_retry_after_ms`]; a longer `Retry-After` gives up (the caller sees the error and
//!   its `Retry-After`); without it the wait is exponential with jitter.
//!
//! ```
//! use gcore_streaming::domain::retry::{decide, Outcome, Retry, RetryPolicy};
//! use gcore_streaming::domain::request::Method;
//! let p = RetryPolicy::default();
//! assert_eq!(decide(&p, 0, Method::Post, Outcome::Status(429), Some("2"), 0.0, 0.5), Retry::After(2000.0));
//! assert_eq!(decide(&p, 0, Method::Post, Outcome::Status(500), None, 0.0, 0.5), Retry::GiveUp);
//! ```

use super::request::Method;

/// How many times and how long to retry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 2).
    pub max_retries: u32,
    /// The first backoff, in ms (default 500); it doubles on each retry.
    pub initial_delay_ms: f64,
    /// The longest backoff, in ms (default 8000).
    pub max_delay_ms: f64,
    /// The longest `Retry-After` honoured, in ms (default 60000); a longer one gives up.
    pub max_retry_after_ms: f64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_delay_ms: 500.0,
            max_delay_ms: 8000.0,
            max_retry_after_ms: 60_000.0,
        }
    }
}

/// What an attempt ended with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The server answered with this status.
    Status(u16),
    /// The connection failed (DNS, refused, reset, CORS, …): the request may or may not have arrived.
    Network,
    /// The attempt took longer than the timeout: the request may or may not have been done.
    Timeout,
}

/// The decision.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Retry {
    /// Wait this many milliseconds, then send again.
    After(f64),
    /// Do not retry: report the outcome.
    GiveUp,
}

/// Whether a status is worth retrying at all (transient): 408, 429 and 5xx.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 429) || (500..=599).contains(&status)
}

/// Decides whether to retry after `attempt` retries already made (0 after the first attempt).
///
/// `retry_after` is the raw `Retry-After` header, `now_ms` the current time (epoch ms, for HTTP
/// dates) and `random` a number in `[0, 1)` for the jitter.
pub fn decide(
    policy: &RetryPolicy,
    attempt: u32,
    method: Method,
    outcome: Outcome,
    retry_after: Option<&str>,
    now_ms: f64,
    random: f64,
) -> Retry {
    if attempt >= policy.max_retries {
        return Retry::GiveUp;
    }
    let eligible = match outcome {
        Outcome::Status(429) => true,
        Outcome::Status(s) => is_retryable_status(s) && method.is_idempotent(),
        Outcome::Network | Outcome::Timeout => method.is_idempotent(),
    };
    if !eligible {
        return Retry::GiveUp;
    }
    if let Some(ms) = retry_after.and_then(|v| parse_retry_after(v, now_ms)) {
        return if ms <= policy.max_retry_after_ms {
            Retry::After(ms)
        } else {
            Retry::GiveUp
        };
    }
    Retry::After(backoff_ms(policy, attempt, random))
}

/// The exponential backoff before retry number `attempt + 1`: `initial · 2^attempt`, capped at the
/// maximum, minus up to 25 % jitter (`random` in `[0, 1)`).
pub fn backoff_ms(policy: &RetryPolicy, attempt: u32, random: f64) -> f64 {
    let factor = (1u64 << attempt.min(30)) as f64; // exact: 2^30 < 2^53
    let base = (policy.initial_delay_ms * factor)
        .min(policy.max_delay_ms)
        .max(0.0);
    let jitter = if random.is_finite() {
        random.clamp(0.0, 1.0)
    } else {
        0.0
    };
    base * (1.0 - 0.25 * jitter)
}

/// Parses a `Retry-After` value into a wait in ms: delta-seconds (`"120"`, fractions accepted) or an
/// HTTP date (IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`), relative to `now_ms`. A date in the
/// past gives 0. `None` when the value is neither.
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<f64> {
    let v = value.trim();
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        // Digits with at most one `.` (as `f64::from_str` takes them), read by hand: std's float
        // parser is about 15 KB of wasm with its tables.
        let (int, frac) = v.split_once('.').unwrap_or((v, ""));
        if frac.contains('.') || (int.is_empty() && frac.is_empty()) {
            return None;
        }
        let mut secs = 0.0f64;
        for b in int.bytes() {
            secs = secs * 10.0 + f64::from(b - b'0');
        }
        let mut scale = 1.0f64;
        for b in frac.bytes() {
            scale /= 10.0;
            secs += f64::from(b - b'0') * scale;
        }
        return secs.is_finite().then_some(secs * 1000.0);
    }
    let at = parse_http_date(v)?;
    Some((at - now_ms).max(0.0))
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) into epoch milliseconds.
pub fn parse_http_date(value: &str) -> Option<f64> {
    let mut parts = value.split_ascii_whitespace();
    let _weekday = parts.next()?.strip_suffix(',')?;
    let day: u32 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let mut hms = parts.next()?.split(':');
    let h: u32 = hms.next()?.parse().ok()?;
    let m: u32 = hms.next()?.parse().ok()?;
    let s: u32 = hms.next()?.parse().ok()?;
    if hms.next().is_some() || parts.next()? != "GMT" || parts.next().is_some() {
        return None;
    }
    if !(1..=31).contains(&day) || h > 23 || m > 59 || s > 60 || !(1970..=9999).contains(&year) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + i64::from(h) * 3600 + i64::from(m) * 60 + i64::from(s);
    // At most ~2.5e14 ms: exact in an f64.
    Some(secs as f64 * 1000.0)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(month) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_parse_to_epoch_ms() {
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777_000.0)
        );
        assert_eq!(
            parse_http_date("Tue, 29 Feb 2028 23:59:59 GMT"),
            Some(1_835_481_599_000.0)
        );
        for bad in [
            "",
            "Sun 06 Nov 1994 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49 GMT",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 32 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn retry_after_accepts_seconds_and_dates() {
        assert_eq!(parse_retry_after("3", 0.0), Some(3000.0));
        assert_eq!(parse_retry_after(" 0.5 ", 0.0), Some(500.0));
        assert_eq!(parse_retry_after("2.", 0.0), Some(2000.0));
        assert_eq!(parse_retry_after(".25", 0.0), Some(250.0));
        assert_eq!(parse_retry_after("120", 0.0), Some(120_000.0));
        assert_eq!(parse_retry_after("1.2.3", 0.0), None);
        assert_eq!(parse_retry_after(".", 0.0), None);
        let now = 784_111_777_000.0;
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:40 GMT", now),
            Some(3000.0)
        );
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:30 GMT", now), Some(0.0));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-1", now), None);
    }

    #[test]
    fn which_outcomes_are_retried() {
        let p = RetryPolicy::default();
        let d = |m, o| decide(&p, 0, m, o, None, 0.0, 0.0);
        for s in [408, 429, 500, 502, 503, 504] {
            assert_eq!(d(Method::Get, Outcome::Status(s)), Retry::After(500.0), "{s}");
            assert_eq!(d(Method::Delete, Outcome::Status(s)), Retry::After(500.0), "{s}");
            assert_eq!(d(Method::Put, Outcome::Status(s)), Retry::After(500.0), "{s}");
        }
        for s in [400, 401, 403, 404, 409, 422] {
            assert_eq!(d(Method::Get, Outcome::Status(s)), Retry::GiveUp, "{s}");
        }
        for m in [Method::Post, Method::Patch] {
            assert_eq!(d(m, Outcome::Status(500)), Retry::GiveUp);
            assert_eq!(d(m, Outcome::Status(408)), Retry::GiveUp);
            assert_eq!(d(m, Outcome::Network), Retry::GiveUp);
            assert_eq!(d(m, Outcome::Timeout), Retry::GiveUp);
            assert_eq!(d(m, Outcome::Status(429)), Retry::After(500.0));
        }
        assert_eq!(d(Method::Get, Outcome::Network), Retry::After(500.0));
        assert_eq!(d(Method::Get, Outcome::Timeout), Retry::After(500.0));
    }

    #[test]
    fn backoff_doubles_with_jitter_and_stops_after_max_retries() {
        let p = RetryPolicy::default();
        let at = |n, r| decide(&p, n, Method::Get, Outcome::Status(503), None, 0.0, r);
        assert_eq!(at(0, 0.0), Retry::After(500.0));
        assert_eq!(at(1, 0.0), Retry::After(1000.0));
        assert_eq!(at(1, 0.999_999), Retry::After(1000.0 * (1.0 - 0.25 * 0.999_999)));
        assert_eq!(at(2, 0.0), Retry::GiveUp);
        let long = RetryPolicy { max_retries: 10, ..p };
        assert_eq!(backoff_ms(&long, 9, 0.0), 8000.0);
        assert_eq!(backoff_ms(&long, u32::MAX, 0.0), 8000.0);
        assert_eq!(backoff_ms(&long, 0, f64::NAN), 500.0);
    }

    #[test]
    fn retry_after_wins_over_backoff_up_to_the_limit() {
        let p = RetryPolicy::default();
        let d = |h| decide(&p, 0, Method::Get, Outcome::Status(503), Some(h), 0.0, 0.9);
        assert_eq!(d("0"), Retry::After(0.0));
        assert_eq!(d("7"), Retry::After(7000.0));
        assert_eq!(d("60"), Retry::After(60_000.0));
        assert_eq!(d("61"), Retry::GiveUp);
        assert_eq!(d("garbage"), Retry::After(500.0 * (1.0 - 0.25 * 0.9)));
        // Retry-After never makes a non-retryable outcome retryable.
        assert_eq!(
            decide(&p, 0, Method::Post, Outcome::Status(503), Some("1"), 0.0, 0.0),
            Retry::GiveUp
        );
    }
}
