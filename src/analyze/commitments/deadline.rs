//! Deadlines: time phrases in a commitment sentence ("by 2025", "by the end of the year",
//! "over the summer", "in the first half of 2019", "within two years", "next year",
//! "in 2019-2020") and the calendar year each resolves to.
//!
//! Owns: the time-phrase pattern and year resolution. An explicit year resolves on its own (a
//! range to its end); a relative phrase ("next year", "this summer", "within two years", a month
//! without a year) only against the article's publication date, else the year is `None`.

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use crate::domain::Deadline;

/// The compiled time-phrase pattern.
pub(super) struct DeadlineReader {
    phrase: Regex,
    year: Regex,
}

/// A deadline candidate and its byte range in the sentence.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Found {
    pub deadline: Deadline,
    pub start: usize,
    pub end: usize,
}

#[rustfmt::skip]
const MONTH: &str = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?)";
#[rustfmt::skip]
const NUM: &str = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}(?:\s*[-–]\s*\d{1,2})?)";

impl DeadlineReader {
    pub(super) fn new() -> Self {
        let year = r"(?:19|20)\d\d(?:[-–—](?:(?:19|20)\d\d|\d\d)(?-u:\b)|\s*[-–—]\s*(?:19|20)\d\d)?(?:\s*(?:years?|yy))?";
        let date = format!(
            r"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}(?:\s*,?\s*(?:19|20)\d\d)?|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?-u:\b)(?:\s*,?\s*(?:19|20)\d\d)?|{MONTH}(?:\s+(?:19|20)\d\d)?)"
        );
        let season =
            r"(?:spring|summer|autumn|fall|winter|heating\s+season|academic\s+year|school\s+year)";
        let rel = format!(
            r"(?:(?:this|next|the\s+current|the\s+next|current|the\s+coming)\s+(?:year|month|week|{season})|the\s+{season})"
        );
        let part = r"(?:(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|first\s+half|second\s+half|first\s+quarter|second\s+quarter|third\s+quarter|fourth\s+quarter|(?:1st|2nd|3rd|4th|[IV]{1,3})\s+quarter|first\s+six\s+months|first\s+months)\s+of\s+(?:the\s+)?|(?:the\s+)?(?:mid-|early\s+|late\s+))";
        let when = format!(r"(?:{part}?(?:{year}|{date}|{rel})|{part}(?:year|month|{season}))");
        let full_date = format!(
            r"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}(?:\s*,?\s*(?:19|20)\d\d)?|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?-u:\b)(?:\s*,?\s*(?:19|20)\d\d)?)"
        );
        let phrase = format!(
            r"(?i)(?-u:\b)(?:(?:by|until|till|up\s+to|no\s+later\s+than|not\s+later\s+than|before|prior\s+to|in|during|for|over|throughout|within|at|from|since|starting\s+(?:from|in|with)|as\s+of|beginning\s+(?:from|in|with))\s+{when}|(?:within|in|over|during)\s+(?:the\s+)?(?:next|coming)?\s*{NUM}\s+(?:years?|months?|weeks?)|within\s+(?:a|one|the)\s+(?:year|month|week)|on\s+{full_date}|in\s+the\s+(?:coming|next)\s+(?:few\s+)?(?:years|months)|in\s+the\s+near\s+future|(?:this|next)\s+(?:year|month|week|{season}))(?-u:\b)"
        );
        DeadlineReader {
            phrase: Regex::new(&phrase).expect("deadline regex"),
            year: Regex::new(
                r"(?:19|20)\d\d(?:[-–—]((?:19|20)\d\d|\d\d)(?-u:\b)|\s*[-–—]\s*((?:19|20)\d\d))?",
            )
            .expect("year regex"),
        }
    }

    /// Every time phrase in `s`, in text order, each resolved against `published`.
    ///
    /// A relative phrase followed by the date it means ("next week, on December 1, 2016") is
    /// one deadline, resolved by the date.
    pub(super) fn read(&self, s: &str, published: Option<NaiveDate>) -> Vec<Found> {
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for m in self
            .phrase
            .find_iter(s)
            .filter(|m| !is_duration_only(m.as_str()))
        {
            if let Some(last) = spans.last_mut()
                && matches!(s[last.1..m.start()].trim(), "," | "")
                && !self.year.is_match(&s[last.0..last.1])
                && self.year.is_match(m.as_str())
                && m.as_str().to_ascii_lowercase().starts_with("on ")
            {
                last.1 = m.end();
                continue;
            }
            spans.push((m.start(), m.end()));
        }
        spans
            .into_iter()
            .map(|(start, end)| {
                let text = s[start..end].trim().to_string();
                let year = self.resolve(&text, published);
                Found {
                    deadline: Deadline { text, year },
                    start,
                    end,
                }
            })
            .collect()
    }

    /// The year a phrase resolves to: the last explicit year (a range's end), else a relative
    /// phrase against the publication date, else `None`.
    fn resolve(&self, text: &str, published: Option<NaiveDate>) -> Option<i32> {
        if let Some(c) = self.year.captures_iter(text).last() {
            let first: i32 = c[0][..4].parse().ok()?;
            return Some(match c.get(1).or_else(|| c.get(2)) {
                Some(end) if end.as_str().len() == 2 => {
                    first / 100 * 100 + end.as_str().parse::<i32>().ok()?
                }
                Some(end) => end.as_str().parse().ok()?,
                None => first,
            });
        }
        let pub_date = published?;
        let pub_year = pub_date.year();
        let lower = text.to_lowercase();
        if ["near future", "coming", "next years", "next months", "few"]
            .iter()
            .any(|w| lower.contains(w))
        {
            return None;
        }
        let next = lower.contains("next");
        let n = count_in(&lower);
        let last = lower
            .rsplit(|c: char| !c.is_alphabetic())
            .find(|w| !w.is_empty())
            .unwrap_or("");
        match last {
            "year" | "years" => Some(pub_year + n.unwrap_or(i32::from(next))),
            "month" | "months" => {
                let ahead = n.unwrap_or(i32::from(next));
                Some(pub_year + (pub_date.month0() as i32 + ahead) / 12)
            }
            "week" | "weeks" => {
                let days = 7 * i64::from(n.unwrap_or(i32::from(next)));
                pub_date
                    .checked_add_signed(chrono::TimeDelta::days(days))
                    .map(|d| d.year())
            }
            "summer" | "spring" | "autumn" | "fall" | "winter" | "season" => {
                Some(pub_year + i32::from(next))
            }
            _ => {
                // A month without a year: this year if still ahead of the publication, else next.
                let month = month_number(&lower)?;
                Some(if month >= pub_date.month() {
                    pub_year
                } else {
                    pub_year + 1
                })
            }
        }
    }
}

/// "for 5 years" and "over two months" say how long, not by when ("over the next five years"
/// does say by when).
fn is_duration_only(text: &str) -> bool {
    let lower = text.to_lowercase();
    let span = lower.ends_with("years") || lower.ends_with("months");
    span && (lower.starts_with("for ")
        || ((lower.starts_with("over ") || lower.starts_with("during "))
            && !lower.contains("next")
            && !lower.contains("coming")))
}

fn count_in(lower: &str) -> Option<i32> {
    for word in lower.split_whitespace() {
        let n = match word {
            "a" | "an" | "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            w => match w.parse::<i32>() {
                Ok(n) => n,
                Err(_) => continue,
            },
        };
        return Some(n);
    }
    None
}

fn month_number(lower: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    lower.split(|c: char| !c.is_alphabetic()).find_map(|w| {
        if w.len() < 3
            || !(w.len() == 3
                || w == "sept"
                || NAMES.iter().any(|n| w.starts_with(n) && is_month_name(w)))
        {
            return None;
        }
        NAMES
            .iter()
            .position(|n| w.starts_with(n))
            .map(|i| i as u32 + 1)
    })
}

fn is_month_name(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

#[cfg(test)]
mod tests;
