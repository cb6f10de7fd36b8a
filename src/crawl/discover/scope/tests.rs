//! Unit tests of the site scope: hosts, www., schemes, ports, include and exclude patterns.

use super::*;

/// Builds a scope from `start` URLs and patterns, then checks each (url, in scope?) pair.
fn check(start: &[&str], include: &[&str], exclude: &[&str], cases: &[(&str, bool)]) {
    let start: Vec<Url> = start.iter().map(|u| Url::parse(u).unwrap()).collect();
    let own = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let scope = Scope::new(&start, &own(include), &own(exclude)).unwrap();
    for (url, want) in cases {
        assert_eq!(scope.contains(&Url::parse(url).unwrap()), *want, "{url}");
    }
}

#[test]
fn same_host_ignoring_www_and_scheme() {
    check(
        &["https://www.example.com/news/"],
        &[],
        &[],
        &[
            ("https://www.example.com/a", true),
            ("http://example.com/b", true),
            ("https://EXAMPLE.com./c", true),
            ("https://news.example.com/a", false),
            ("https://example.org/a", false),
            ("https://example.com:8443/a", false),
            ("ftp://example.com/a", false),
            ("mailto:x@example.com", false),
        ],
    );
    check(
        &["http://127.0.0.1:8080/", "https://second.example/"],
        &[],
        &[],
        &[("http://127.0.0.1:8080/x", true), ("http://127.0.0.1:9090/x", false), ("https://www.second.example/", true)],
    );
}

#[test]
fn include_and_exclude_patterns() {
    check(
        &["https://example.com/"],
        &["/news/", "/section/"],
        &[r"\.pdf$", r"[?&]page=\d{3,}"],
        &[
            ("https://example.com/news/a.html", true),
            ("https://example.com/section/world?page=2", true),
            ("https://example.com/section/world?page=200", false),
            ("https://example.com/news/report.pdf", false),
            ("https://example.com/about", false),
        ],
    );
}

#[test]
fn bad_configurations_are_errors() {
    let start = [Url::parse("https://example.com/").unwrap()];
    assert!(matches!(Scope::new(&start, &["(".into()], &[]), Err(DiscoverError::Pattern { .. })));
    assert!(matches!(Scope::new(&start, &[], &["[z-a]".into()]), Err(DiscoverError::Pattern { .. })));
    assert!(matches!(Scope::new(&[], &[], &[]), Err(DiscoverError::NoStartHost)));
    assert!(matches!(Scope::new(&[Url::parse("file:///tmp/x").unwrap()], &[], &[]), Err(DiscoverError::NoStartHost)));
}
