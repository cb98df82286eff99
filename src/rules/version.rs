//! Base-library and SDK versions (`3.7.8`, `15.255.255`), compared numerically: `3.10.0` is
//! above `3.7.8` although it sorts below it as a string.

use std::cmp::Ordering;
use std::fmt;

/// A dotted version of up to four numeric parts; missing parts count as 0 (`3.7` = `3.7.0`).
#[derive(Clone, Debug, Eq)]
pub struct Version {
    parts: Vec<u64>,
}

impl Version {
    /// Parse `3.7.8` (surrounding spaces and a leading `v` allowed). `None` for anything else
    /// (`latest`, `3.7.x`, `3..8`, an empty string).
    pub fn parse(s: &str) -> Option<Version> {
        let s = s.trim();
        let s = s.strip_prefix(['v', 'V']).unwrap_or(s);
        if s.is_empty() {
            return None;
        }
        let parts = s
            .split('.')
            .map(|p| {
                if p.is_empty() || p.len() > 9 || !p.bytes().all(|b| b.is_ascii_digit()) {
                    None
                } else {
                    p.parse::<u64>().ok()
                }
            })
            .collect::<Option<Vec<u64>>>()?;
        if parts.len() > 4 {
            return None;
        }
        Some(Version { parts })
    }

    fn part(&self, i: usize) -> u64 {
        self.parts.get(i).copied().unwrap_or(0)
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        let n = self.parts.len().max(other.parts.len());
        (0..n)
            .map(|i| self.part(i).cmp(&other.part(i)))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.parts.iter().map(u64::to_string).collect();
        f.write_str(&parts.join("."))
    }
}

#[cfg(test)]
mod tests {
    use super::Version;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn compares_numerically() {
        assert!(v("3.10.0") > v("3.7.8"));
        assert!(v("3.7.10") > v("3.7.8"));
        assert!(v("3.7.6") < v("3.7.8"));
        assert!(v("15.255.255") > v("3.7.8"));
        assert_eq!(v("3.7"), v("3.7.0"));
        assert_eq!(v(" v3.7.8 "), v("3.7.8"));
    }

    #[test]
    fn rejects_what_is_not_a_version() {
        for s in [
            "",
            "latest",
            "3.7.x",
            "3..8",
            "3.7.8-beta",
            "1.2.3.4.5",
            "-1.0",
        ] {
            assert!(Version::parse(s).is_none(), "{s}");
        }
    }
}
