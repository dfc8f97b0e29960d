//! Where a webhook came from: the sender's IP against CIDR ranges, and a shared secret carried in the
//! webhook URL (the platform signs nothing; docs/platform.md, "Webhooks"). The secret is compared in constant time and
//! never appears in an error or in `Debug` output.

use super::error::{describe_str, WebhookError, WebhookErrorCode as Code};
use crate::domain::text::Cat;
use crate::prelude::*;
use core::fmt;
use core::net::IpAddr;

/// The platform's published sending ranges.
pub const DEFAULT_ALLOW_IPS: &[&str] = &["92.223.112.0/24", "92.223.123.0/24"];

/// One CIDR range, IPv4 or IPv6.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cidr {
    addr: Addr,
    prefix: u8,
}

/// An address as parsed: its 128 bits (an IPv4 address in the top 32) and whether it is IPv4.
type Addr = (u128, bool);

impl Cidr {
    /// Parses `a.b.c.d/n`, `x:y::z/n`, or a single address (a /32 or /128).
    ///
    /// # Errors
    /// `invalid_value` (path `allowIps`) when it is not a CIDR range.
    pub fn parse(s: &str) -> Result<Self, WebhookError> {
        let s = s.trim_ascii();
        let mut halves = s.as_bytes().splitn(2, |&b| b == b'/');
        let addr = halves.next().and_then(parse_addr);
        let prefix = halves.next();
        if let Some(addr) = addr {
            let max = if addr.1 { 32 } else { 128 };
            let prefix = match prefix {
                None => Some(max),
                Some(p) => parse_dec(p, 3, false),
            };
            if let Some(prefix) = prefix.filter(|p| *p <= max) {
                return Ok(Self {
                    addr,
                    prefix: prefix as u8,
                });
            }
        }
        Err(WebhookError::new(
            Code::InvalidValue,
            "allowIps",
            [
                "expected a CIDR range such as 92.223.112.0/24 or 2001:db8::/32, got ",
                &describe_str(s),
            ]
            .cat(),
        ))
    }

    /// Whether the range holds `ip` (an IPv4-mapped IPv6 address counts as its IPv4 address).
    pub fn contains(&self, ip: IpAddr) -> bool {
        self.holds(match ip {
            IpAddr::V4(v4) => (u128::from(u32::from(v4)) << 96, true),
            IpAddr::V6(v6) => unmap(u128::from(v6)),
        })
    }

    fn holds(&self, ip: Addr) -> bool {
        let mask = u128::MAX
            .checked_shl(128u32.saturating_sub(u32::from(self.prefix)))
            .unwrap_or(0);
        self.addr.1 == ip.1 && self.addr.0 & mask == ip.0 & mask
    }
}

/// An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) as its IPv4 address; any other as itself.
fn unmap(v6: u128) -> Addr {
    if v6 >> 32 == 0xffff {
        (v6 << 96, true)
    } else {
        (v6, false)
    }
}

/// What to check about a webhook's origin. The IP check runs when `ip` or `allow_ips` is given; the
/// secret check when `secret` is given; at least one must run.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SourceCheck {
    /// The sender's IP (e.g. `CF-Connecting-IP`), IPv4 or IPv6.
    pub ip: Option<String>,
    /// The URL the webhook was delivered to (absolute, or a path with a query).
    pub url: Option<String>,
    /// The shared secret expected as one path segment or one query parameter value of `url`.
    pub secret: Option<String>,
    /// CIDR ranges to accept; default [`DEFAULT_ALLOW_IPS`].
    pub allow_ips: Option<Vec<String>>,
}

impl fmt::Debug for SourceCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SourceCheck")
            .field("ip", &self.ip)
            .field("url", &self.url.as_ref().map(|_| "<redacted>"))
            .field("secret", &self.secret.as_ref().map(|_| "<redacted>"))
            .field("allow_ips", &self.allow_ips)
            .finish()
    }
}

/// Checks a webhook's origin.
///
/// # Errors
/// `forbidden_source` when the IP is absent, malformed or outside every range; `bad_secret` when the
/// URL does not carry the secret; `invalid_value` when the check itself is misconfigured (no check
/// requested, an empty secret, a secret without a URL, a malformed CIDR range).
pub fn verify_source(check: &SourceCheck) -> Result<(), WebhookError> {
    let ip_check = check.ip.is_some() || check.allow_ips.is_some();
    if !ip_check && check.secret.is_none() {
        return Err(WebhookError::new(
            Code::InvalidValue,
            "",
            "expected `ip` and/or `secret` to check, got neither",
        ));
    }
    if ip_check {
        // Every range is checked (a malformed one is an error even when another one matches).
        let raw = check.ip.as_deref();
        let ip = raw.and_then(parse_ip);
        let custom = check.allow_ips.as_deref();
        let mut allowed = false;
        let count = custom.map_or(DEFAULT_ALLOW_IPS.len(), <[String]>::len);
        for i in 0..count {
            let range = match custom {
                Some(list) => list.get(i).map(String::as_str),
                None => DEFAULT_ALLOW_IPS.get(i).copied(),
            };
            let r = Cidr::parse(range.unwrap_or_default()).map_err(|mut e| {
                if custom.is_some() {
                    let mut path = String::from("allowIps[");
                    crate::domain::text::write_u64(&mut path, i as u64);
                    path.push(']');
                    e.path = path;
                }
                e
            })?;
            allowed |= ip.is_some_and(|ip| r.holds(ip));
        }
        let message = match (raw, ip) {
            (None, _) => "expected the sender's IP address, got none".to_owned(),
            (Some(raw), None) => ["expected the sender's IP address, got ", &describe_str(raw)].cat(),
            (Some(raw), Some(_)) if !allowed => [
                "expected a sender in the allowed ranges, got ",
                &describe_str(raw),
            ]
            .cat(),
            _ => String::new(),
        };
        if !message.is_empty() {
            return Err(WebhookError::new(Code::ForbiddenSource, "ip", message));
        }
    }
    if let Some(secret) = check.secret.as_deref() {
        let (code, path, message) = if secret.is_empty() {
            (Code::InvalidValue, "secret", "expected a non-empty secret")
        } else {
            match check.url.as_deref() {
                None => (
                    Code::InvalidValue,
                    "url",
                    "expected the webhook URL to look for the secret in, got none",
                ),
                Some(url) if !url_carries_secret(url, secret) => (
                    Code::BadSecret,
                    "url",
                    "expected the secret as a path segment or a query value of the webhook URL",
                ),
                _ => return Ok(()),
            }
        };
        return Err(WebhookError::new(code, path, message));
    }
    Ok(())
}

/// Parses an IP address as found in headers: plain, or IPv6 in brackets (IPv4-mapped IPv6 counts as
/// IPv4).
fn parse_ip(raw: &str) -> Option<Addr> {
    let s = raw.trim_ascii().as_bytes();
    let s = s
        .strip_prefix(b"[")
        .and_then(|r| r.strip_suffix(b"]"))
        .unwrap_or(s);
    parse_addr(s).map(|(a, v4)| if v4 { (a, v4) } else { unmap(a) })
}

/// An IPv4 (dotted decimal, no leading zeros) or IPv6 (RFC 4291 text form, `::` and a trailing
/// dotted IPv4 allowed) address. Hand-written: std's parser is several KB of wasm.
fn parse_addr(s: &[u8]) -> Option<Addr> {
    if let Some(v4) = parse_v4(s) {
        return Some((u128::from(v4) << 96, true));
    }
    parse_v6(s).map(|v6| (v6, false))
}

/// A decimal number of 1..=`max_len` ASCII digits (with `strict_zero`: no leading zero).
fn parse_dec(s: &[u8], max_len: usize, strict_zero: bool) -> Option<u32> {
    if s.is_empty() || s.len() > max_len || (strict_zero && s.len() > 1 && s.first() == Some(&b'0')) {
        return None;
    }
    let mut n = 0u32;
    for &b in s {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u32::from(b - b'0');
    }
    Some(n)
}

fn parse_v4(s: &[u8]) -> Option<u32> {
    let mut out = 0u32;
    let mut parts = 0u32;
    for part in s.split(|&b| b == b'.') {
        let n = parse_dec(part, 3, true).filter(|n| *n <= 255)?;
        out = (out << 8) | n;
        parts += 1;
    }
    (parts == 4).then_some(out)
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// An IPv6 address in RFC 4291 text form: 16-bit hex groups, at most one `::`, and a dotted IPv4
/// address as the last two groups.
fn parse_v6(s: &[u8]) -> Option<u128> {
    // The groups before and after `::`: their value and how many.
    let mut sides = [(0u128, 0u32); 2];
    let mut side = 0usize;
    let mut i = 0usize;
    if s.starts_with(b"::") {
        side = 1;
        i = 2;
    }
    while i < s.len() || (side == 0 && i == 0) {
        let rest = s.get(i..)?;
        let len = rest.iter().position(|&b| b == b':').unwrap_or(rest.len());
        let part = rest.get(..len)?;
        let (value, n) = if len == rest.len() && part.contains(&b'.') {
            (u128::from(parse_v4(part)?), 2)
        } else {
            if part.is_empty() || part.len() > 4 {
                return None;
            }
            let mut g = 0u128;
            for &b in part {
                g = (g << 4) | u128::from(hex(b)?);
            }
            (g, 1)
        };
        let (acc, count) = sides.get_mut(side)?;
        *acc = (*acc << (16 * n)) | value;
        *count += n;
        if *count > 8 {
            return None;
        }
        i += len;
        if i < s.len() {
            // At a `:`: the next group follows, or `::` (once, and then maybe nothing more).
            i += 1;
            if s.get(i) == Some(&b':') {
                if side == 1 {
                    return None;
                }
                side = 1;
                i += 1;
            } else if i == s.len() {
                return None;
            }
        }
    }
    let [(head, hn), (tail, tn)] = sides;
    if side == 0 {
        return (hn == 8).then_some(head);
    }
    if hn + tn > 7 {
        return None;
    }
    Some(head.checked_shl(16 * (8 - hn)).unwrap_or(0) | tail)
}

/// Whether one path segment or one query parameter value of `url` equals `secret` (constant time over
/// every candidate: no early exit on a match or a mismatch).
pub fn url_carries_secret(url: &str, secret: &str) -> bool {
    let url = url.as_bytes();
    let url = url.split(|&b| b == b'#').next().unwrap_or_default();
    // Skip the scheme and authority of an absolute URL.
    let start = match url.windows(3).position(|w| w == b"://") {
        Some(i) => {
            let after = i.saturating_add(3);
            let tail = url.get(after..).unwrap_or_default();
            tail.iter()
                .position(|&b| b == b'/' || b == b'?')
                .map_or(url.len(), |j| after.saturating_add(j))
        }
        None => 0,
    };
    let secret = secret.as_bytes();
    let mut found = false;
    // In the query; in a query parameter's value (after its first `=`).
    let (mut query, mut value) = (false, false);
    let mut from = start;
    for i in start..=url.len() {
        let b = url.get(i).copied();
        let boundary = match b {
            None => true,
            Some(b'/' | b'?') => !query,
            Some(b'&') => query,
            Some(b'=') => query && !value,
            _ => false,
        };
        if !boundary {
            continue;
        }
        // Path segments and query values are candidates (query names are not).
        if !query || value {
            let candidate = url.get(from..i).unwrap_or_default();
            found |= ct_eq(candidate, secret);
            if let Some(decoded) = percent_decode(candidate, query) {
                found |= ct_eq(&decoded, secret);
            }
        }
        match b {
            Some(b'?') => query = true,
            Some(b'=') => value = true,
            Some(b'&') => value = false,
            _ => {}
        }
        from = i.saturating_add(1);
    }
    found
}

/// Constant-time equality (`subtle`): the time depends on the candidate's length only, never on the
/// secret's content or length, or on where they differ.
fn ct_eq(candidate: &[u8], secret: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    let mut same = subtle::Choice::from(u8::from(candidate.len() == secret.len()));
    for (i, c) in candidate.iter().enumerate() {
        same &= c.ct_eq(&secret.get(i).copied().unwrap_or(0));
    }
    bool::from(same)
}

fn percent_decode(bytes: &[u8], plus_is_space: bool) -> Option<Vec<u8>> {
    if !bytes.iter().any(|&b| b == b'%' || b == b'+') {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        i = i.saturating_add(1);
        match b {
            b'%' => {
                let hi = hex(*bytes.get(i)?)?;
                let lo = hex(*bytes.get(i.saturating_add(1))?)?;
                out.push((hi << 4) | lo);
                i = i.saturating_add(2);
            }
            b'+' if plus_is_space => out.push(b' '),
            _ => out.push(b),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidr_matching_v4_v6_and_mapped() {
        let r = Cidr::parse("92.223.112.0/24").unwrap();
        assert!(r.contains("92.223.112.77".parse().unwrap()));
        assert!(!r.contains("92.223.113.1".parse().unwrap()));
        assert!(r.contains("::ffff:92.223.112.9".parse().unwrap()));
        let r6 = Cidr::parse("2001:db8::/32").unwrap();
        assert!(r6.contains("2001:db8:1::5".parse().unwrap()));
        assert!(!r6.contains("2001:db9::5".parse().unwrap()));
        assert!(Cidr::parse("0.0.0.0/0")
            .unwrap()
            .contains("8.8.8.8".parse().unwrap()));
        assert!(Cidr::parse("::/0").unwrap().contains("::1".parse().unwrap()));
        for bad in ["92.223.112.0/33", "::/129", "x/8", "1.2.3.4/", "1.2.3.4/+8", ""] {
            assert_eq!(Cidr::parse(bad).unwrap_err().code, Code::InvalidValue, "{bad}");
        }
    }

    #[test]
    fn secret_in_path_or_query() {
        assert!(url_carries_secret(
            "https://x.example/hooks/gcore/s3cr3t",
            "s3cr3t"
        ));
        assert!(url_carries_secret("/hooks/gcore/s3cr3t?x=1", "s3cr3t"));
        assert!(url_carries_secret(
            "https://x.example/h?a=1&token=s3cr3t",
            "s3cr3t"
        ));
        assert!(url_carries_secret("https://x.example/h?token=a%2Fb+c", "a/b c"));
        assert!(!url_carries_secret("https://s3cr3t/h", "s3cr3t"));
        assert!(!url_carries_secret("https://x.example/h?s3cr3t=1", "s3cr3t"));
        assert!(!url_carries_secret("https://x.example/hooks/s3cr3", "s3cr3t"));
        assert!(!url_carries_secret(
            "https://x.example/hooks/s3cr3tt#s3cr3t",
            "s3cr3t"
        ));
    }

    #[test]
    fn debug_hides_the_secret() {
        let c = SourceCheck {
            secret: Some("hunter22".into()),
            url: Some("/h/hunter22".into()),
            ..Default::default()
        };
        assert!(!format!("{c:?}").contains("hunter22"));
    }

    #[test]
    fn hand_parser_agrees_with_std() {
        let cases = [
            "1.2.3.4",
            "255.255.255.255",
            "0.0.0.0",
            "256.1.1.1",
            "1.2.3",
            "1.2.3.4.5",
            "01.2.3.4",
            "1..2.3",
            "",
            "::",
            "::1",
            "1::",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7::",
            "1:2:3:4:5:6:7:8::",
            "::ffff:1.2.3.4",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4",
            "2001:db8::5:1",
            "2001:DB8::",
            ":::",
            "1:::2",
            "1::2::3",
            "12345::",
            "g::",
            ":1::",
            "1::2:",
            "::1.2.3.4",
            "1.2.3.4::",
            "::1.2.3.4:5",
            "fe80::1%1",
            " 1.2.3.4",
            "1.2.3.4 ",
            "+1.2.3.4",
            "1.2.3.-4",
        ];
        for c in cases {
            let std = c.parse::<IpAddr>().ok().map(|ip| match ip {
                IpAddr::V4(v4) => (u128::from(u32::from(v4)) << 96, true),
                IpAddr::V6(v6) => (u128::from(v6), false),
            });
            assert_eq!(parse_addr(c.as_bytes()), std, "{c:?}");
        }
    }

    /// The straightforward form of [`url_carries_secret`] (split on `/`, `?`, `&`, `=`), to check the
    /// scanning one against.
    fn reference_url_carries_secret(url: &str, secret: &str) -> bool {
        let url = url.as_bytes();
        let url = url.split(|&b| b == b'#').next().unwrap_or_default();
        // Drop the scheme and authority of an absolute URL.
        let rest = match url.windows(3).position(|w| w == b"://") {
            Some(i) => {
                let after = url.get(i.saturating_add(3)..).unwrap_or_default();
                match after.iter().position(|&b| b == b'/' || b == b'?') {
                    Some(j) => after.get(j..).unwrap_or_default(),
                    None => &[],
                }
            }
            None => url,
        };
        let mut halves = rest.splitn(2, |&b| b == b'?');
        let path = halves.next().unwrap_or_default();
        let query = halves.next().unwrap_or_default();
        let secret = secret.as_bytes();
        let mut found = false;
        let mut check = |candidate: &[u8], plus_is_space: bool| {
            found |= ct_eq(candidate, secret);
            if let Some(decoded) = percent_decode(candidate, plus_is_space) {
                found |= ct_eq(&decoded, secret);
            }
        };
        for segment in path.split(|&b| b == b'/') {
            check(segment, false);
        }
        for pair in query.split(|&b| b == b'&') {
            let value = pair.splitn(2, |&b| b == b'=').nth(1).unwrap_or_default();
            check(value, true);
        }
        found
    }

    /// Strings over a small alphabet, from a fixed-seed generator.
    fn strings(alphabet: &[u8], count: usize, max_len: usize) -> Vec<String> {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        (0..count)
            .map(|_| {
                let len = (next() % (max_len as u64 + 1)) as usize;
                (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize] as char)
                    .collect()
            })
            .collect()
    }

    #[test]
    fn secret_scan_agrees_with_splitting() {
        let mut carried = 0;
        for url in strings(b"/?&=#%+:ab2", 200_000, 14) {
            for secret in ["a", "ab", "a b", "a/b", "b=a", ":", "%"] {
                let found = url_carries_secret(&url, secret);
                assert_eq!(
                    found,
                    reference_url_carries_secret(&url, secret),
                    "{url:?} {secret:?}"
                );
                carried += usize::from(found);
            }
        }
        assert!(carried > 10_000, "{carried}");
    }

    #[test]
    fn hand_parser_agrees_with_std_on_generated_text() {
        let (mut v4, mut v6) = (0, 0);
        for c in strings(b"0123456789abcdef:.", 300_000, 18) {
            let std = c.parse::<IpAddr>().ok().map(|ip| match ip {
                IpAddr::V4(v4) => (u128::from(u32::from(v4)) << 96, true),
                IpAddr::V6(v6) => (u128::from(v6), false),
            });
            assert_eq!(parse_addr(c.as_bytes()), std, "{c:?}");
            match std {
                Some((_, true)) => v4 += 1,
                Some((_, false)) => v6 += 1,
                None => {}
            }
        }
        // Enough valid addresses of both kinds for the comparison to mean something.
        assert!(v4 > 0 && v6 > 1000, "{v4} {v6}");
    }
}
