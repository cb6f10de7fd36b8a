//! Which addresses the crawler may connect to: the scheme check, the IP-literal check and the
//! DNS resolver that drops non-public addresses before reqwest connects.
//!
//! Owns: the definition of a non-public address ([`non_public_reason`]) and [`SafeResolver`].
//! Why at the resolver: the check must apply to the address actually connected to, after DNS,
//! for every hop, so a public name that resolves to 10.0.0.1 or a redirect to `localhost` is
//! refused too. IP-literal hosts bypass DNS in hyper's connector, hence [`check_url`].

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

use super::outcome::REFUSED_SCHEME_PREFIX;

/// A host that resolved only to non-public addresses while `allow_private` is false. Returned
/// by [`SafeResolver`] through reqwest and turned into [`Outcome::Refused`](super::Outcome).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{}; the crawler only connects to public addresses. \
     If this source is meant to be on a private network, set allow_private = true for it",
    what(host, addr, reason)
)]
pub struct PrivateAddressError {
    /// The host name or IP literal of the URL.
    pub host: String,
    /// The (first) refused address.
    pub addr: IpAddr,
    /// What kind of address it is ("loopback", "private (RFC 1918)", ...).
    pub reason: &'static str,
}

fn what(host: &str, addr: &IpAddr, reason: &str) -> String {
    if host.trim_matches(|c| c == '[' || c == ']').parse::<IpAddr>().ok() == Some(*addr) {
        format!("{addr} is {reason}")
    } else {
        format!("{host} resolves to {addr}, which is {reason}")
    }
}

/// Why `ip` is not a public unicast address, or `None` when it is one. IPv4-mapped,
/// IPv4-compatible, NAT64 and 6to4 IPv6 addresses are judged by the IPv4 address they carry.
pub fn non_public_reason(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => v4_reason(v4),
        IpAddr::V6(v6) => v6_reason(v6),
    }
}

fn v4_reason(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, ..] = ip.octets();
    if ip.is_unspecified() {
        Some("unspecified")
    } else if ip.is_broadcast() {
        Some("broadcast")
    } else if a == 0 {
        Some("\"this network\" (0.0.0.0/8)")
    } else if ip.is_loopback() {
        Some("loopback")
    } else if ip.is_private() {
        Some("private (RFC 1918)")
    } else if ip.is_link_local() {
        Some("link-local")
    } else if a == 100 && (64..128).contains(&b) {
        Some("carrier-grade NAT (100.64.0.0/10)")
    } else if ip.is_multicast() {
        Some("multicast")
    } else if a >= 240 {
        Some("reserved (240.0.0.0/4)")
    } else {
        None
    }
}

fn v6_reason(ip: Ipv6Addr) -> Option<&'static str> {
    let seg = ip.segments();
    if ip.is_unspecified() {
        return Some("unspecified");
    }
    if ip.is_loopback() {
        return Some("loopback");
    }
    if let Some(v4) = ip.to_ipv4_mapped() {
        return v4_reason(v4);
    }
    // IPv4-compatible (::a.b.c.d, deprecated) and NAT64 (64:ff9b::/96) carry an IPv4 address in
    // the last 32 bits; 6to4 (2002::/16) in bits 16..48.
    let tail = Ipv4Addr::new((seg[6] >> 8) as u8, seg[6] as u8, (seg[7] >> 8) as u8, seg[7] as u8);
    if seg[..6] == [0; 6] || seg[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return v4_reason(tail);
    }
    if seg[0] == 0x2002 {
        let inner = Ipv4Addr::new((seg[1] >> 8) as u8, seg[1] as u8, (seg[2] >> 8) as u8, seg[2] as u8);
        return v4_reason(inner);
    }
    match seg[0] {
        s if s & 0xfe00 == 0xfc00 => Some("unique local (fc00::/7)"),
        s if s & 0xffc0 == 0xfe80 => Some("link-local"),
        s if s & 0xffc0 == 0xfec0 => Some("site-local (fec0::/10)"),
        s if s & 0xff00 == 0xff00 => Some("multicast"),
        _ => None,
    }
}

/// Which addresses may be connected to: public ones, plus everything with `allow_private`,
/// plus a list of exempt addresses (tests of the refusal path need one allowed local server).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct AddressRules {
    /// Skip the check entirely.
    pub allow_private: bool,
    /// Addresses allowed even though they are not public.
    pub exempt: Vec<IpAddr>,
}

impl AddressRules {
    /// Why `ip` may not be connected to, or `None` when it may.
    fn refusal(&self, ip: IpAddr) -> Option<&'static str> {
        if self.allow_private || self.exempt.contains(&ip) { None } else { non_public_reason(ip) }
    }
}

/// Checks what can be checked before sending: the scheme, and the address when the host is an
/// IP literal (those never reach the resolver). `Err` carries the refusal message. Public so
/// the crawler can drop unfetchable links before queueing them.
pub fn check_url(url: &Url, allow_private: bool) -> Result<(), String> {
    check_url_with(url, &AddressRules { allow_private, exempt: Vec::new() })
}

pub(crate) fn check_url_with(url: &Url, rules: &AddressRules) -> Result<(), String> {
    match url.scheme() {
        "http" | "https" => {}
        other => {
            return Err(format!(
                "{REFUSED_SCHEME_PREFIX} {other}: in {url}; the crawler fetches only http and https URLs"
            ));
        }
    }
    let ip = match url.host() {
        Some(Host::Ipv4(v4)) => IpAddr::V4(v4),
        Some(Host::Ipv6(v6)) => IpAddr::V6(v6),
        Some(Host::Domain(_)) => return Ok(()),
        None => return Err(format!("{url} has no host")),
    };
    match rules.refusal(ip) {
        None => Ok(()),
        Some(reason) => {
            Err(PrivateAddressError { host: url.host_str().unwrap_or_default().to_owned(), addr: ip, reason }
                .to_string())
        }
    }
}

/// Keeps the allowed addresses of `addrs`; when none is left, the error names the first one
/// dropped.
pub(crate) fn filter_addrs(
    host: &str,
    addrs: Vec<SocketAddr>,
    rules: &AddressRules,
) -> Result<Vec<SocketAddr>, PrivateAddressError> {
    let mut refused = None;
    let kept: Vec<SocketAddr> = addrs
        .into_iter()
        .filter(|a| match rules.refusal(a.ip()) {
            None => true,
            Some(reason) => {
                refused.get_or_insert(PrivateAddressError { host: host.to_owned(), addr: a.ip(), reason });
                false
            }
        })
        .collect();
    match (kept.is_empty(), refused) {
        (true, Some(err)) => Err(err),
        _ => Ok(kept),
    }
}

/// The reqwest DNS resolver of the crawler: the system resolver (`getaddrinfo` through tokio),
/// then the address filter. A name that resolves to nothing public fails with
/// [`PrivateAddressError`] inside reqwest's connect error.
#[derive(Debug, Clone)]
pub struct SafeResolver {
    rules: Arc<AddressRules>,
}

impl SafeResolver {
    /// A resolver that drops non-public addresses unless `allow_private`.
    pub fn new(allow_private: bool) -> SafeResolver {
        SafeResolver::with_rules(AddressRules { allow_private, exempt: Vec::new() })
    }

    pub(crate) fn with_rules(rules: AddressRules) -> SafeResolver {
        SafeResolver { rules: Arc::new(rules) }
    }
}

/// A name that did not resolve to any address at all.
#[derive(Debug, thiserror::Error)]
#[error("DNS lookup of {host} failed: {source}; check the host name in the source's URL")]
struct LookupError {
    host: String,
    source: std::io::Error,
}

impl Resolve for SafeResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let rules = Arc::clone(&self.rules);
        let host = name.as_str().to_owned();
        Box::pin(async move {
            // Port 0: reqwest puts in the URL's port.
            let found = tokio::net::lookup_host((host.as_str(), 0))
                .await
                .map_err(|source| LookupError { host: host.clone(), source })?;
            let kept = filter_addrs(&host, found.collect(), &rules)?;
            let addrs: Addrs = Box::new(kept.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(addr: &str, expected: Option<&str>) {
        let ip: IpAddr = addr.parse().expect("test address parses");
        let got = non_public_reason(ip);
        match expected {
            None => assert_eq!(got, None, "{addr} should be public"),
            Some(word) => {
                let reason = got.unwrap_or_else(|| panic!("{addr} should be refused"));
                assert!(reason.contains(word), "{addr}: {reason:?} should mention {word:?}");
            }
        }
    }

    #[test]
    fn non_public_addresses_are_named() {
        let cases = [
            ("8.8.8.8", None),
            ("93.184.216.34", None),
            ("172.32.0.1", None),
            ("100.128.0.1", None),
            ("2606:4700::1111", None),
            ("127.0.0.1", Some("loopback")),
            ("127.255.1.2", Some("loopback")),
            ("10.1.2.3", Some("private")),
            ("172.16.0.1", Some("private")),
            ("172.31.255.255", Some("private")),
            ("192.168.1.1", Some("private")),
            ("169.254.169.254", Some("link-local")),
            ("100.64.0.1", Some("carrier-grade")),
            ("100.127.255.255", Some("carrier-grade")),
            ("224.0.0.1", Some("multicast")),
            ("0.0.0.0", Some("unspecified")),
            ("0.1.2.3", Some("this network")),
            ("255.255.255.255", Some("broadcast")),
            ("240.0.0.1", Some("reserved")),
            ("::1", Some("loopback")),
            ("::", Some("unspecified")),
            ("fc00::1", Some("unique local")),
            ("fd12:3456::1", Some("unique local")),
            ("fe80::1", Some("link-local")),
            ("fec0::1", Some("site-local")),
            ("ff02::1", Some("multicast")),
            ("::ffff:127.0.0.1", Some("loopback")),
            ("::ffff:10.0.0.1", Some("private")),
            ("::ffff:8.8.8.8", None),
            ("::10.0.0.1", Some("private")),
            ("64:ff9b::192.168.0.1", Some("private")),
            ("64:ff9b::8.8.8.8", None),
            ("2002:c0a8:0101::1", Some("private")),
            ("2002:0808:0808::1", None),
        ];
        for (addr, expected) in cases {
            check(addr, expected);
        }
    }

    #[test]
    fn urls_are_checked_before_sending() {
        let cases = [
            ("http://example.org/", false, None),
            ("https://8.8.8.8/", false, None),
            ("http://localhost/", false, None), // a name: the resolver decides
            ("ftp://example.org/file", false, Some("unsupported scheme ftp")),
            ("file:///etc/passwd", true, Some("unsupported scheme file")),
            ("http://127.0.0.1:8080/", false, Some("127.0.0.1 is loopback")),
            ("http://[::1]/", false, Some("::1 is loopback")),
            ("http://[::ffff:192.168.0.1]/", false, Some("is private (RFC 1918); the crawler only")),
            ("http://127.0.0.1:8080/", true, None),
        ];
        for (url, allow_private, expected) in cases {
            let got = check_url(&Url::parse(url).expect("test URL parses"), allow_private);
            match expected {
                None => assert_eq!(got, Ok(()), "{url}"),
                Some(part) => {
                    let msg = got.expect_err(url);
                    assert!(msg.contains(part), "{url}: {msg}");
                }
            }
        }
    }

    #[test]
    fn resolved_addresses_are_filtered() {
        let addr = |s: &str| -> SocketAddr { s.parse().expect("test address parses") };
        let public = addr("93.184.216.34:0");
        let lo = addr("127.0.0.1:0");
        let ula = addr("[fd00::1]:0");
        let strict = AddressRules::default();
        let open = AddressRules { allow_private: true, exempt: Vec::new() };
        let exempt = AddressRules { allow_private: false, exempt: vec![lo.ip()] };
        assert_eq!(filter_addrs("a.example", vec![lo, public, ula], &strict), Ok(vec![public]));
        let err = filter_addrs("localhost", vec![lo, ula], &strict).expect_err("all private");
        assert_eq!(err.addr, lo.ip());
        let msg = err.to_string();
        assert!(msg.contains("localhost resolves to 127.0.0.1") && msg.contains("allow_private = true"), "{msg}");
        assert_eq!(filter_addrs("localhost", vec![lo, ula], &open), Ok(vec![lo, ula]));
        assert_eq!(filter_addrs("localhost", vec![lo, ula], &exempt), Ok(vec![lo]));
        assert_eq!(filter_addrs("empty", vec![], &strict), Ok(vec![]));
    }
}
