//! The scope of a `site` source: which discovered links the crawler may follow.
//!
//! Owns: the host rule (the start URLs' hosts, `www.` ignored, scheme ignored, port kept) and the
//! include/exclude URL patterns from the source's configuration.

use regex::Regex;
use url::Url;

use super::{DiscoverError, is_web};

/// Which URLs a `site` source follows: on one of its start hosts, and passing its patterns.
///
/// `http` and `https` count as the same site (sites redirect between them), and so do
/// `example.com` and `www.example.com`; other subdomains and other ports do not (a different
/// port is a different server, which matters for test servers on 127.0.0.1).
#[derive(Debug, Clone)]
pub struct Scope {
    /// (host without `www.`, explicit port) of each start URL.
    hosts: Vec<(String, Option<u16>)>,
    include: Vec<Regex>,
    exclude: Vec<Regex>,
}

impl Scope {
    /// Builds the scope. `include` patterns (any must match, when there are some) and `exclude`
    /// patterns (none may match) are regexes searched in the whole URL string.
    pub fn new(start_urls: &[Url], include: &[String], exclude: &[String]) -> Result<Scope, DiscoverError> {
        let mut hosts: Vec<(String, Option<u16>)> = start_urls.iter().filter(|u| is_web(u)).filter_map(site_key).collect();
        hosts.sort();
        hosts.dedup();
        if hosts.is_empty() {
            return Err(DiscoverError::NoStartHost);
        }
        let compile = |patterns: &[String]| -> Result<Vec<Regex>, DiscoverError> {
            patterns
                .iter()
                .map(|p| Regex::new(p).map_err(|source| DiscoverError::Pattern { pattern: p.clone(), source }))
                .collect()
        };
        Ok(Scope { hosts, include: compile(include)?, exclude: compile(exclude)? })
    }

    /// True when the crawler may follow `url`.
    pub fn contains(&self, url: &Url) -> bool {
        if !is_web(url) || !site_key(url).is_some_and(|k| self.hosts.contains(&k)) {
            return false;
        }
        let s = url.as_str();
        (self.include.is_empty() || self.include.iter().any(|r| r.is_match(s))) && !self.exclude.iter().any(|r| r.is_match(s))
    }
}

/// The host (lowercase, without a leading `www.`, without a trailing dot) and explicit port.
fn site_key(url: &Url) -> Option<(String, Option<u16>)> {
    let host = url.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").map(str::to_owned).unwrap_or(host);
    Some((host, url.port()))
}

#[cfg(test)]
mod tests;
