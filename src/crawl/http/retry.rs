//! When and how long to wait before trying again: exponential backoff with full jitter, the
//! Retry-After header, and the give-up rules for rate limiting.
//!
//! Owns: [`decide`], the one place that turns a transient outcome into "retry after d" or a
//! final outcome. Pure: the caller sleeps.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};

use super::FetchPolicy;
use super::outcome::Outcome;

/// What to do after an attempt that ended in a transient outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Sleep this long, then repeat the request.
    Retry(Duration),
    /// Stop with this outcome.
    GiveUp(Outcome),
}

/// Decides about `outcome` after `retries_done` retries of this fetch. `retry_after` is the
/// parsed Retry-After of the response, if it had one; it is honoured for 429 and 503 only.
pub(crate) fn decide(
    outcome: Outcome,
    retry_after: Option<Duration>,
    retries_done: u32,
    policy: &FetchPolicy,
    jitter: &mut Jitter,
) -> Decision {
    if !outcome.is_transient() {
        return Decision::GiveUp(outcome);
    }
    let rate_limited = matches!(outcome, Outcome::Http(429));
    let honoured = match (&outcome, retry_after) {
        (Outcome::Http(429 | 503), Some(wait)) => Some(wait),
        _ => None,
    };
    if honoured.is_some_and(|wait| wait > policy.backoff_max) {
        return Decision::GiveUp(Outcome::RateLimited);
    }
    if retries_done >= policy.max_retries {
        return Decision::GiveUp(if rate_limited { Outcome::RateLimited } else { outcome });
    }
    let delay = honoured.unwrap_or_else(|| backoff(retries_done, policy.backoff_base, policy.backoff_max, jitter));
    Decision::Retry(delay)
}

/// "Full jitter" backoff: uniformly random in `[0, min(max, base * 2^attempt)]`, so many clients
/// failing together do not come back together.
pub(crate) fn backoff(attempt: u32, base: Duration, max: Duration, jitter: &mut Jitter) -> Duration {
    let factor = 1u32.checked_shl(attempt.min(31)).unwrap_or(u32::MAX);
    let ceiling = base.saturating_mul(factor).min(max);
    let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
    Duration::from_nanos(jitter.below_inclusive(nanos))
}

/// Parses a Retry-After value: delay-seconds or an HTTP date (IMF-fixdate, RFC 850 or asctime).
/// A date in the past means zero; anything else unreadable is `None` (fall back to backoff).
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = DateTime::parse_from_rfc2822(value)
        .map(|d| d.with_timezone(&Utc))
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%A, %d-%b-%y %H:%M:%S GMT").map(|n| n.and_utc()))
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%a %b %e %H:%M:%S %Y").map(|n| n.and_utc()))
        .ok()?;
    Some((when - now).to_std().unwrap_or(Duration::ZERO))
}

/// A tiny xorshift64* generator for jitter; randomness quality is irrelevant here, only that
/// concurrent fetches do not share a sequence. Seeded from std's per-instance random keys.
#[derive(Debug, Clone)]
pub(crate) struct Jitter(u64);

impl Jitter {
    /// A generator with a fresh random seed.
    pub(crate) fn new() -> Jitter {
        let mut h = RandomState::new().build_hasher();
        h.write_u64(0x9e37_79b9_7f4a_7c15);
        Jitter(h.finish() | 1)
    }

    /// A generator with a fixed seed (tests).
    #[cfg(test)]
    pub(crate) fn seeded(seed: u64) -> Jitter {
        Jitter(seed | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..=max` (modulo bias is irrelevant for jitter).
    fn below_inclusive(&mut self, max: u64) -> u64 {
        match max.checked_add(1) {
            Some(n) => self.next() % n,
            None => self.next(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> FetchPolicy {
        FetchPolicy {
            max_retries: 3,
            backoff_base: Duration::from_millis(100),
            backoff_max: Duration::from_secs(5),
            ..FetchPolicy::default()
        }
    }

    fn check(outcome: Outcome, retry_after: Option<u64>, retries_done: u32, expected: Decision) {
        let got = decide(
            outcome.clone(),
            retry_after.map(Duration::from_secs),
            retries_done,
            &policy(),
            &mut Jitter::seeded(7),
        );
        match (&got, &expected) {
            // Backoff delays are random: only the bound is checked.
            (Decision::Retry(d), Decision::Retry(max)) if *max == Duration::MAX => {
                let ceiling = Duration::from_millis(100 * (1 << retries_done)).min(Duration::from_secs(5));
                assert!(*d <= ceiling, "{outcome:?}: {d:?} > {ceiling:?}");
            }
            _ => assert_eq!(got, expected, "{outcome:?} after {retries_done} retries, Retry-After {retry_after:?}"),
        }
    }

    #[test]
    fn transient_outcomes_are_retried_until_the_budget_is_spent() {
        let backoff = Decision::Retry(Duration::MAX);
        check(Outcome::Http(500), None, 0, backoff.clone());
        check(Outcome::Http(500), None, 2, backoff.clone());
        check(Outcome::Http(500), None, 3, Decision::GiveUp(Outcome::Http(500)));
        check(Outcome::Http(503), Some(2), 0, Decision::Retry(Duration::from_secs(2)));
        check(Outcome::Http(503), Some(60), 0, Decision::GiveUp(Outcome::RateLimited));
        check(Outcome::Http(500), Some(60), 0, backoff.clone()); // Retry-After only for 429/503
        check(Outcome::Http(429), Some(1), 0, Decision::Retry(Duration::from_secs(1)));
        check(Outcome::Http(429), Some(3600), 0, Decision::GiveUp(Outcome::RateLimited));
        check(Outcome::Http(429), None, 3, Decision::GiveUp(Outcome::RateLimited));
        check(Outcome::Timeout(super::super::TimeoutKind::Total), None, 1, backoff.clone());
        check(Outcome::ConnectionFailed("reset".into()), None, 0, backoff);
        check(Outcome::Http(404), None, 0, Decision::GiveUp(Outcome::Http(404)));
        check(Outcome::TooLarge, None, 0, Decision::GiveUp(Outcome::TooLarge));
        check(Outcome::Refused("x".into()), None, 0, Decision::GiveUp(Outcome::Refused("x".into())));
    }

    #[test]
    fn backoff_is_capped_and_jittered() {
        let mut j = Jitter::seeded(42);
        let (base, max) = (Duration::from_millis(500), Duration::from_secs(30));
        let delays: Vec<Duration> = (0..40).map(|a| backoff(a, base, max, &mut j)).collect();
        assert!(delays.iter().all(|d| *d <= max));
        assert!(delays.windows(2).any(|w| w[0] != w[1]), "jitter varies delays");
        assert!(backoff(0, base, max, &mut j) <= base);
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = DateTime::parse_from_rfc3339("2015-10-21T07:28:00Z").expect("valid").with_timezone(&Utc);
        let cases = [
            ("1", Some(1)),
            (" 3600 ", Some(3600)),
            ("Wed, 21 Oct 2015 07:28:30 GMT", Some(30)),
            ("Wednesday, 21-Oct-15 07:29:00 GMT", Some(60)),
            ("Wed Oct 21 07:28:10 2015", Some(10)),
            ("Tue, 20 Oct 2015 07:28:00 GMT", Some(0)),
            ("-5", None),
            ("soon", None),
            ("", None),
        ];
        for (value, expected) in cases {
            assert_eq!(parse_retry_after(value, now), expected.map(Duration::from_secs), "{value:?}");
        }
    }
}
