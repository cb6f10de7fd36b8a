//! Politeness: how many requests run at once, in total and per host, and how often one host
//! sees a new request.
//!
//! Owns: [`Politeness`] (a global semaphore plus lazily created per-origin state: a semaphore
//! for concurrency and a `governor` limiter for the minimum delay between request starts) and
//! [`Permit`], which releases both on drop. Never: fetches, reads robots.txt or decides rules;
//! callers feed it [`HostRules`] (defaults, per-source overrides, robots.txt Crawl-delay).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultDirectRateLimiter, Quota};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use url::Url;

/// The limits for one origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostRules {
    /// Requests in flight to the origin at once (0 is taken as 1); default 2.
    pub max_concurrent: usize,
    /// Minimum time between two request starts to the origin (zero: none); default 1 s.
    pub min_delay: Duration,
}

impl Default for HostRules {
    fn default() -> HostRules {
        HostRules { max_concurrent: 2, min_delay: Duration::from_secs(1) }
    }
}

impl HostRules {
    /// These rules with `min_delay` raised to a robots.txt Crawl-delay when that is longer
    /// (never lowered: our default is our own politeness). Callers may cap absurd delays first.
    pub fn with_crawl_delay(self, crawl_delay: Option<Duration>) -> HostRules {
        HostRules { min_delay: self.min_delay.max(crawl_delay.unwrap_or_default()), ..self }
    }
}

/// The key of per-host state: `scheme://host:port`, port always written, so `http://a` and
/// `http://a:80` share limits but `https://a` does not.
pub fn origin_key(url: &Url) -> String {
    let port = url.port_or_known_default().map(|p| format!(":{p}")).unwrap_or_default();
    format!("{}://{}{port}", url.scheme(), url.host_str().unwrap_or_default())
}

/// [`origin_key`] of an origin written any way (`https://a.example`, as `Url::origin` serialises
/// it, or `https://a.example:443/`), so callers' keys and ours always agree.
fn normalise_origin(origin: &str) -> String {
    Url::parse(origin).map(|u| origin_key(&u)).unwrap_or_else(|_| origin.to_owned())
}

/// Concurrency and rate limits across all fetches of a run. Share it by reference (or `Arc`).
#[derive(Debug)]
pub struct Politeness {
    global: Arc<Semaphore>,
    default_rules: HostRules,
    per_host: bool,
    hosts: Mutex<HashMap<String, Arc<HostState>>>,
}

/// The state of one origin. `config` is only locked briefly, never across an await.
#[derive(Debug)]
struct HostState {
    slots: Arc<Semaphore>,
    config: Mutex<HostConfig>,
}

#[derive(Debug)]
struct HostConfig {
    max_concurrent: usize,
    min_delay: Duration,
    /// Permits to forget rather than release, after `max_concurrent` was lowered while they
    /// were in use.
    debt: usize,
    limiter: Option<Arc<DefaultDirectRateLimiter>>,
    /// Whether any request has started (a new limiter then starts "just used").
    started: bool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn limiter_for(min_delay: Duration) -> Option<Arc<DefaultDirectRateLimiter>> {
    Quota::with_period(min_delay).map(|q| Arc::new(DefaultDirectRateLimiter::direct(q)))
}

impl HostState {
    fn new(rules: HostRules) -> HostState {
        let max_concurrent = rules.max_concurrent.max(1);
        HostState {
            slots: Arc::new(Semaphore::new(max_concurrent)),
            config: Mutex::new(HostConfig {
                max_concurrent,
                min_delay: rules.min_delay,
                debt: 0,
                limiter: limiter_for(rules.min_delay),
                started: false,
            }),
        }
    }

    /// Changes the limits of a live origin without losing track of requests in flight.
    fn update(&self, rules: HostRules) {
        let mut c = lock(&self.config);
        let new_max = rules.max_concurrent.max(1);
        if new_max > c.max_concurrent {
            let mut more = new_max - c.max_concurrent;
            let repaid = more.min(c.debt);
            c.debt -= repaid;
            more -= repaid;
            self.slots.add_permits(more);
        } else {
            let fewer = c.max_concurrent - new_max;
            let forgotten = self.slots.forget_permits(fewer);
            c.debt += fewer - forgotten;
        }
        c.max_concurrent = new_max;
        c.min_delay = rules.min_delay;
        c.limiter = limiter_for(rules.min_delay);
        if c.started {
            // Count the latest start against the new delay too (conservative: from now).
            if let Some(l) = &c.limiter {
                let _ = l.check();
            }
        }
    }
}

/// Permission to start one request; dropping it frees the global and the host slot.
#[derive(Debug)]
pub struct Permit {
    _global: Option<OwnedSemaphorePermit>,
    host: Option<(OwnedSemaphorePermit, Arc<HostState>)>,
}

impl Drop for Permit {
    fn drop(&mut self) {
        if let Some((permit, state)) = self.host.take() {
            let mut c = lock(&state.config);
            if c.debt > 0 {
                c.debt -= 1;
                permit.forget();
            }
        }
    }
}

impl Politeness {
    /// Limits of `global_concurrency` requests in flight overall (0 is taken as 1) and
    /// `default_rules` for every origin without rules of its own.
    pub fn new(global_concurrency: usize, default_rules: HostRules) -> Politeness {
        Politeness {
            global: Arc::new(Semaphore::new(global_concurrency.max(1))),
            default_rules,
            per_host: true,
            hosts: Mutex::new(HashMap::new()),
        }
    }

    /// Only the global limit: no per-host concurrency limit or delay (benchmarks against our
    /// own servers; never for crawling other people's sites).
    pub fn disabled(global_concurrency: usize) -> Politeness {
        Politeness { per_host: false, ..Politeness::new(global_concurrency, HostRules::default()) }
    }

    /// Sets the rules of `origin` (`https://news.example`, with or without the port), e.g.
    /// after reading its Crawl-delay or from a per-source override. Requests in flight keep
    /// their permits; a lowered concurrency takes effect as they finish; a new delay counts
    /// from now if the origin has already been requested.
    pub fn set_host_rules(&self, origin: &str, rules: HostRules) {
        let key = normalise_origin(origin);
        let mut hosts = lock(&self.hosts);
        match hosts.get(&key) {
            Some(state) => state.update(rules),
            None => {
                hosts.insert(key, Arc::new(HostState::new(rules)));
            }
        }
    }

    /// The rules in force for `origin`.
    pub fn host_rules(&self, origin: &str) -> HostRules {
        let hosts = lock(&self.hosts);
        let Some(state) = hosts.get(&normalise_origin(origin)) else { return self.default_rules };
        let c = lock(&state.config);
        HostRules { max_concurrent: c.max_concurrent, min_delay: c.min_delay }
    }

    fn host_state(&self, origin: String) -> Arc<HostState> {
        let mut hosts = lock(&self.hosts);
        Arc::clone(hosts.entry(origin).or_insert_with(|| Arc::new(HostState::new(self.default_rules))))
    }

    /// Waits for a slot of `url`'s origin, then a global slot, then the origin's next allowed
    /// start. The global slot is given back while sleeping for the rate, so a slow host does
    /// not hold up others. The [`Permit`] releases the slots on drop.
    pub async fn acquire(&self, url: &Url) -> Permit {
        if !self.per_host {
            let global = Arc::clone(&self.global).acquire_owned().await.ok();
            return Permit { _global: global, host: None };
        }
        let state = self.host_state(origin_key(url));
        // The semaphores are never closed, so these acquisitions cannot fail.
        let host_permit = Arc::clone(&state.slots).acquire_owned().await.ok();
        loop {
            let global = Arc::clone(&self.global).acquire_owned().await.ok();
            let wait = {
                let mut c = lock(&state.config);
                match c.limiter.as_ref().map(|l| l.check()) {
                    None | Some(Ok(())) => {
                        c.started = true;
                        None
                    }
                    Some(Err(not_until)) => Some(not_until.wait_time_from(DefaultClock::default().now())),
                }
            };
            match wait {
                None => return Permit { _global: global, host: host_permit.map(|p| (p, state)) },
                Some(wait) => {
                    drop(global);
                    tokio::time::sleep(wait.max(Duration::from_millis(1))).await;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Instant;

    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).expect("valid test URL")
    }

    fn rules(max_concurrent: usize, min_delay_ms: u64) -> HostRules {
        HostRules { max_concurrent, min_delay: Duration::from_millis(min_delay_ms) }
    }

    /// Starts `urls` together, each holding its permit for `hold`; returns the start offsets
    /// (in request order) and the most permits held at once per origin.
    async fn check(p: Arc<Politeness>, urls: &[&str], hold: Duration) -> (Vec<Duration>, usize) {
        let t0 = Instant::now();
        let in_flight = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = urls
            .iter()
            .map(|u| {
                let (p, u) = (Arc::clone(&p), url(u));
                let (in_flight, peak) = (Arc::clone(&in_flight), Arc::clone(&peak));
                tokio::spawn(async move {
                    let _permit = p.acquire(&u).await;
                    let started = t0.elapsed();
                    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(now, Ordering::SeqCst);
                    tokio::time::sleep(hold).await;
                    in_flight.fetch_sub(1, Ordering::SeqCst);
                    started
                })
            })
            .collect();
        let mut starts = Vec::new();
        for t in tasks {
            starts.push(t.await.expect("task runs"));
        }
        (starts, peak.load(Ordering::SeqCst))
    }

    #[tokio::test]
    async fn one_host_gets_requests_min_delay_apart() {
        let p = Arc::new(Politeness::new(16, rules(2, 300)));
        let (mut starts, _) =
            check(p, &["http://a.example/1", "http://a.example/2", "http://a.example:80/3"], Duration::ZERO).await;
        starts.sort();
        for pair in starts.windows(2) {
            // Generous margin below: the limiter's clock and ours are read at different moments.
            assert!(pair[1] - pair[0] >= Duration::from_millis(280), "{starts:?}");
        }
    }

    #[tokio::test]
    async fn host_concurrency_is_bounded_and_hosts_run_in_parallel() {
        let p = Arc::new(Politeness::new(16, rules(2, 0)));
        let (_, peak) = check(Arc::clone(&p), &["https://a.example/"; 6], Duration::from_millis(40)).await;
        assert_eq!(peak, 2);
        // One slot per host and a long delay: two hosts still start at once.
        let p = Arc::new(Politeness::new(16, rules(1, 5_000)));
        let (starts, peak) = check(p, &["https://a.example/", "https://b.example/"], Duration::from_millis(100)).await;
        assert_eq!(peak, 2, "{starts:?}");
        assert!(starts.iter().all(|s| *s < Duration::from_secs(2)), "{starts:?}");
    }

    #[tokio::test]
    async fn global_limit_and_disabled_mode() {
        let p = Arc::new(Politeness::new(3, rules(4, 0)));
        let urls =
            ["http://a.example/", "http://b.example/", "http://c.example/", "http://d.example/", "http://e.example/"];
        assert_eq!(check(p, &urls, Duration::from_millis(40)).await.1, 3);
        let p = Arc::new(Politeness::disabled(8));
        let (starts, peak) = check(p, &["http://a.example/"; 8], Duration::from_millis(40)).await;
        assert_eq!(peak, 8, "{starts:?}");
    }

    #[tokio::test]
    async fn rules_change_on_a_live_host() {
        let p = Politeness::new(16, rules(2, 0));
        assert_eq!(origin_key(&url("https://a.example/x")), "https://a.example:443");
        // The way `Url::origin` writes it: the same host state.
        let origin = url("https://a.example/x").origin().ascii_serialization();
        assert_eq!(origin, "https://a.example");
        let first = p.acquire(&url("https://a.example/1")).await;
        let second = p.acquire(&url("https://a.example/2")).await;
        // Lowered while both are in use: the debt is paid as they finish.
        p.set_host_rules(&origin, rules(1, 0));
        assert_eq!(p.host_rules(&origin), rules(1, 0));
        drop(first);
        drop(second);
        let _one = p.acquire(&url("https://a.example/3")).await;
        let blocked = tokio::time::timeout(Duration::from_millis(100), p.acquire(&url("https://a.example/4"))).await;
        assert!(blocked.is_err(), "max_concurrent 1 is enforced after lowering");
        // Raised: room again at once.
        p.set_host_rules(&origin, rules(3, 0));
        let more = tokio::time::timeout(Duration::from_millis(500), p.acquire(&url("https://a.example/5"))).await;
        assert!(more.is_ok());
        // A crawl-delay raises the delay between starts, counted from the change.
        p.set_host_rules(&origin, rules(3, 0).with_crawl_delay(Some(Duration::from_millis(300))));
        let t0 = Instant::now();
        drop(p.acquire(&url("https://a.example/6")).await);
        assert!(t0.elapsed() >= Duration::from_millis(250), "{:?}", t0.elapsed());
        assert_eq!(rules(2, 1000).with_crawl_delay(Some(Duration::from_millis(10))), rules(2, 1000));
        assert_eq!(p.host_rules("http://unknown.example:80"), rules(2, 0));
        assert_eq!(p.host_rules("https://a.example:443/"), rules(3, 300));
    }
}
