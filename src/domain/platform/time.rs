//! Calendar formatting of epoch milliseconds (UTC), without a date crate.

use crate::prelude::*;
/// The sandbox's default start of simulated time: 2026-01-01T00:00:00Z, in epoch milliseconds.
pub const DEFAULT_START_MS: u64 = 1_767_225_600_000;

/// Civil date (year, month 1–12, day 1–31) of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    // d is 1..=31 and m is 1..=12 by construction.
    (y, u32::try_from(m).unwrap_or(1), u32::try_from(d).unwrap_or(1))
}

struct Parts {
    y: i64,
    mo: u32,
    d: u32,
    h: u64,
    mi: u64,
    s: u64,
    ms: u64,
}

fn parts(epoch_ms: u64) -> Parts {
    let secs = epoch_ms / 1000;
    let days = i64::try_from(secs / 86_400).unwrap_or(i64::MAX / 2);
    let rem = secs % 86_400;
    let (y, mo, d) = civil_from_days(days);
    Parts {
        y,
        mo,
        d,
        h: rem / 3600,
        mi: (rem % 3600) / 60,
        s: rem % 60,
        ms: epoch_ms % 1000,
    }
}

/// ISO-8601 with milliseconds, as the API writes timestamps: `2022-06-03T13:25:16.000Z`.
pub fn iso8601(epoch_ms: u64) -> String {
    let p = parts(epoch_ms);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        p.y, p.mo, p.d, p.h, p.mi, p.s, p.ms
    )
}

/// The form used in recording names: `2022-06-03 13:25:16 +0000`.
pub fn record_name_time(epoch_ms: u64) -> String {
    let p = parts(epoch_ms);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} +0000",
        p.y, p.mo, p.d, p.h, p.mi, p.s
    )
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.mmm]Z` back to epoch milliseconds (used for the `start` option).
pub fn parse_iso8601(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let (y, mo, d) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (h, mi, sec) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
        return None;
    }
    let mut idx = 19;
    let mut ms = 0;
    if b.get(idx) == Some(&b'.') {
        ms = num(20, 3)?;
        idx = 23;
    }
    if !matches!(b.get(idx), Some(b'Z' | b'z')) || b.len() != idx + 1 {
        return None;
    }
    if y < 1970 || !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    // days_from_civil
    let y2 = if mo <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2.rem_euclid(400);
    let mp = if mo > 2 { mo - 3 } else { mo + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let total = ((days * 86_400 + h * 3600 + mi * 60 + sec) * 1000) + ms;
    u64::try_from(total).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_the_guides_timestamps() {
        // 2022-06-03T13:25:16Z
        let t = 1_654_262_716_000;
        assert_eq!(iso8601(t), "2022-06-03T13:25:16.000Z");
        assert_eq!(record_name_time(t), "2022-06-03 13:25:16 +0000");
        assert_eq!(iso8601(DEFAULT_START_MS), "2026-01-01T00:00:00.000Z");
        assert_eq!(iso8601(951_782_400_123), "2000-02-29T00:00:00.123Z");
        assert_eq!(iso8601(0), "1970-01-01T00:00:00.000Z");
    }

    #[test]
    fn parses_what_it_formats() {
        for t in [
            0,
            951_782_400_123,
            1_654_262_716_000,
            DEFAULT_START_MS,
            4_102_444_799_999,
        ] {
            assert_eq!(parse_iso8601(&iso8601(t)), Some(t));
        }
        assert_eq!(parse_iso8601("2026-01-01T00:00:00Z"), Some(DEFAULT_START_MS));
        assert_eq!(parse_iso8601("2026-13-01T00:00:00Z"), None);
        assert_eq!(parse_iso8601("2026-01-01"), None);
        assert_eq!(parse_iso8601("2026-01-01T00:00:00"), None);
    }
}
