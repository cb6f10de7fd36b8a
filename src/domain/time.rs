//! Reading publication times written in the formats sources and pages use.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// Parses a publication time: RFC 3339 (`2024-09-03T16:20:04+03:00`), a date-time without zone
/// (`2024-09-03 16:20:04`, read as UTC), RFC 2822 (feeds), or a plain date (`2024-09-03`, read as
/// midnight UTC). Returns `None` for anything else.
///
/// Why here: sources, pages and the command line all give dates, and they must agree on what a
/// date means.
pub fn parse_datetime(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.with_timezone(&Utc));
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z"] {
        if let Ok(d) = DateTime::parse_from_str(s, fmt) {
            return Some(d.with_timezone(&Utc));
        }
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(Utc.from_utc_datetime(&d));
        }
    }
    let date_part = s.get(..10).unwrap_or(s);
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(date_part, fmt) {
            return Some(Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0)?));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_formats() {
        let check = |s: &str, want: &str| {
            assert_eq!(parse_datetime(s).map(|d| d.to_rfc3339()), Some(want.to_owned()), "{s}");
        };
        check("2024-09-03T16:20:04+03:00", "2024-09-03T13:20:04+00:00");
        check("2025-05-14 20:28:12.467000+03:00", "2025-05-14T17:28:12.467+00:00");
        check("2023-04-28 20:32:23.148171", "2023-04-28T20:32:23.148171+00:00");
        check("2019-06-12", "2019-06-12T00:00:00+00:00");
        check("Wed, 02 Oct 2002 13:00:00 GMT", "2002-10-02T13:00:00+00:00");
        check("12.06.2019", "2019-06-12T00:00:00+00:00");
        assert_eq!(parse_datetime("yesterday"), None);
        assert_eq!(parse_datetime(""), None);
    }
}
