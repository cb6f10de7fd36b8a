//! robots.txt: what a site lets our crawler fetch, how slowly, and which sitemaps it lists.
//!
//! Owns: [`Robots`], the rules for one origin, and the reading of a robots.txt fetch result
//! into rules ([`Robots::from_fetch`], Google's conventions). Parsing and matching are the
//! `texting_robots` crate's (groups by user-agent token, longest match, `*` and `$`).

use std::time::Duration;

use url::Url;

use crate::crawl::http::{FetchResult, Outcome};

/// The most of a robots.txt we read; Google's limit. Rules past it are ignored.
pub const MAX_ROBOTS_BYTES: usize = 500 * 1024;

/// The robots.txt rules of one origin for our user agent.
pub struct Robots {
    rules: Rules,
}

enum Rules {
    AllowAll,
    DenyAll,
    Parsed(texting_robots::Robot),
}

impl std::fmt::Debug for Robots {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.rules {
            Rules::AllowAll => f.write_str("Robots(allow all)"),
            Rules::DenyAll => f.write_str("Robots(deny all)"),
            Rules::Parsed(r) => write!(f, "Robots({r:?})"),
        }
    }
}

/// The product token of a User-Agent string (`newsmine/0.1 (+https://...)` → `newsmine`), the
/// name robots.txt groups address.
pub fn product_token(user_agent: &str) -> &str {
    let token = user_agent.split(['/', ' ', '(']).next().unwrap_or("");
    if token.is_empty() { user_agent.trim() } else { token }
}

impl Robots {
    /// Parses `body` for `user_agent_token` (the group for our token, else `*`). A robots.txt
    /// that cannot be parsed allows everything (logged), as crawlers conventionally do; only
    /// the first [`MAX_ROBOTS_BYTES`] are read.
    pub fn parse(user_agent_token: &str, body: &[u8]) -> Robots {
        let body = &body[..body.len().min(MAX_ROBOTS_BYTES)];
        let token = product_token(user_agent_token);
        match texting_robots::Robot::new(token, body) {
            Ok(robot) => Robots { rules: Rules::Parsed(robot) },
            Err(e) => {
                tracing::warn!(error = %e, "robots.txt does not parse; treating it as allowing everything");
                Robots::allow_all()
            }
        }
    }

    /// No restrictions: there is no robots.txt (4xx) or it is unreadable.
    pub fn allow_all() -> Robots {
        Robots { rules: Rules::AllowAll }
    }

    /// Nothing may be fetched: robots.txt was unreachable (5xx, timeout), so we assume the site
    /// does not want to be crawled right now.
    pub fn deny_all() -> Robots {
        Robots { rules: Rules::DenyAll }
    }

    /// The rules a robots.txt fetch result implies (Google's conventions): 2xx → parse the
    /// body; 4xx (but 429) → allow all; 5xx, 429, rate limiting, timeouts, connection failures
    /// → deny all for this run (unreachable means disallow); redirects were followed by the
    /// client, and redirect trouble counts as "no robots.txt" (allow all); a body over the cap
    /// is read up to [`MAX_ROBOTS_BYTES`]; a refused address is denied (we cannot fetch there
    /// anyway). A 304 allows all: callers keep their cached rules and should not send
    /// conditional robots.txt requests without them.
    pub fn from_fetch(user_agent_token: &str, result: &FetchResult) -> Robots {
        match &result.outcome {
            Outcome::Ok => Robots::parse(user_agent_token, result.decoded.as_deref().unwrap_or_default()),
            Outcome::TooLarge => {
                Robots::parse(user_agent_token, result.last_exchange().map(|e| &e.body[..]).unwrap_or_default())
            }
            Outcome::Http(429) | Outcome::RateLimited => Robots::deny_all(),
            Outcome::Http(s) if *s >= 500 => Robots::deny_all(),
            Outcome::Http(_) => Robots::allow_all(),
            Outcome::Timeout(_) | Outcome::ConnectionFailed(_) | Outcome::Refused(_) => Robots::deny_all(),
            Outcome::NotModified | Outcome::DecodeError(_) | Outcome::TooManyRedirects | Outcome::RedirectLoop => {
                Robots::allow_all()
            }
        }
    }

    /// Whether our crawler may fetch `url` (robots.txt itself is always allowed).
    pub fn allowed(&self, url: &Url) -> bool {
        match &self.rules {
            Rules::AllowAll => true,
            Rules::DenyAll => url.path() == "/robots.txt",
            Rules::Parsed(robot) => robot.allowed(url.as_str()),
        }
    }

    /// The Crawl-delay for our group, if any; negative or non-finite values are ignored. The
    /// caller raises the host's minimum delay with it.
    pub fn crawl_delay(&self) -> Option<Duration> {
        match &self.rules {
            Rules::Parsed(robot) => robot.delay.and_then(|d| Duration::try_from_secs_f32(d).ok()),
            _ => None,
        }
    }

    /// The absolute URLs of the `Sitemap:` lines (they apply to every user agent); relative or
    /// malformed ones are skipped.
    pub fn sitemaps(&self) -> Vec<Url> {
        match &self.rules {
            Rules::Parsed(robot) => robot.sitemaps.iter().filter_map(|s| Url::parse(s.trim()).ok()).collect(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crawl::http::Exchange;

    const TXT: &str = "\
User-agent: *
Disallow: /private/
Crawl-delay: 5

User-agent: newsmine
Disallow: /drafts/
Allow: /drafts/public$
Disallow: /*.pdf$
Crawl-delay: 2.5

Sitemap: https://news.example/sitemap.xml
Sitemap: https://news.example/news-sitemap.xml.gz
Sitemap: /relative.xml
";

    fn url(path: &str) -> Url {
        Url::parse("https://news.example").and_then(|u| u.join(path)).expect("valid test URL")
    }

    fn check(robots: &Robots, path: &str, allowed: bool) {
        assert_eq!(robots.allowed(&url(path)), allowed, "{path} with {robots:?}");
    }

    fn fetched(outcome: Outcome, body: &[u8]) -> FetchResult {
        let u = url("/robots.txt");
        FetchResult {
            requested: u.clone(),
            final_url: u.clone(),
            exchanges: vec![Exchange {
                url: u,
                started_at: chrono::Utc::now(),
                request_head: Vec::new(),
                status: 200,
                response_head: Vec::new(),
                body: body.to_vec(),
                truncated: false,
                truncation: None,
                remote_ip: None,
            }],
            decoded: (outcome == Outcome::Ok).then(|| body.to_vec()),
            outcome,
            retries: 0,
            content_type: Some("text/plain".into()),
            etag: None,
            last_modified: None,
        }
    }

    #[test]
    fn our_group_wins_over_the_star_group() {
        let ours = Robots::parse("newsmine/0.1 (+https://example.org/newsmine)", TXT.as_bytes());
        check(&ours, "/private/x", true); // only `*` disallows it
        check(&ours, "/drafts/x", false);
        check(&ours, "/drafts/public", true);
        check(&ours, "/drafts/public2", false);
        check(&ours, "/report.pdf", false);
        check(&ours, "/report.pdf?x=1", true);
        check(&ours, "/robots.txt", true);
        check(&ours, "/", true);
        assert_eq!(ours.crawl_delay(), Some(Duration::from_millis(2500)));

        let other = Robots::parse("otherbot", TXT.as_bytes());
        check(&other, "/private/x", false);
        check(&other, "/drafts/x", true);
        assert_eq!(other.crawl_delay(), Some(Duration::from_secs(5)));

        let maps: Vec<String> = ours.sitemaps().iter().map(|u| u.to_string()).collect();
        assert_eq!(maps, ["https://news.example/sitemap.xml", "https://news.example/news-sitemap.xml.gz"]);
    }

    #[test]
    fn fetch_results_imply_rules() {
        let cases = [
            (Outcome::Ok, "/drafts/x", false),
            (Outcome::Ok, "/news/1", true),
            (Outcome::TooLarge, "/drafts/x", false),
            (Outcome::Http(404), "/drafts/x", true),
            (Outcome::Http(403), "/news/1", true),
            (Outcome::Http(500), "/news/1", false),
            (Outcome::Http(503), "/news/1", false),
            (Outcome::Http(429), "/news/1", false),
            (Outcome::RateLimited, "/news/1", false),
            (Outcome::Timeout(crate::crawl::http::TimeoutKind::Total), "/news/1", false),
            (Outcome::ConnectionFailed("refused".into()), "/news/1", false),
            (Outcome::Refused("10.0.0.1 is private".into()), "/news/1", false),
            (Outcome::TooManyRedirects, "/news/1", true),
            (Outcome::DecodeError("bad gzip".into()), "/news/1", true),
        ];
        for (outcome, path, allowed) in cases {
            let robots = Robots::from_fetch("newsmine", &fetched(outcome.clone(), TXT.as_bytes()));
            assert_eq!(robots.allowed(&url(path)), allowed, "{outcome:?} {path}");
        }
        check(&Robots::deny_all(), "/robots.txt", true);
    }

    #[test]
    fn odd_files_do_not_panic_and_allow_by_default() {
        let bodies: [&[u8]; 6] = [
            b"",
            b"\xff\xfe\x00garbage\x00\x00",
            b"<html><body>Not a robots file</body></html>",
            b"User-agent: *\nDisallow:\n",
            b"User-agent: *\nCrawl-delay: -3\nCrawl-delay: abc\n",
            b"Disallow: /\n",
        ];
        for body in bodies {
            let robots = Robots::parse("newsmine", body);
            let expected = body != b"Disallow: /\n";
            check(&robots, "/news/1", expected);
            assert!(robots.crawl_delay().is_none_or(|d| d >= Duration::ZERO));
        }
        let huge = format!("User-agent: *\nDisallow: /a\n{}Disallow: /b\n", "# pad\n".repeat(MAX_ROBOTS_BYTES / 6 + 1));
        let robots = Robots::parse("newsmine", huge.as_bytes());
        check(&robots, "/a", false);
        check(&robots, "/b", true); // past the cap
    }

    #[test]
    fn product_tokens_are_extracted() {
        for (ua, token) in
            [("newsmine/0.1 (+https://x)", "newsmine"), ("newsmine", "newsmine"), ("Bot (x)", "Bot"), (" ", "")]
        {
            assert_eq!(product_token(ua), token);
        }
    }
}
