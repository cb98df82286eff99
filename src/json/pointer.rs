//! JSON pointers (RFC 6901) built from keys and indices.

use std::fmt::Write;

/// Escape one reference token: `~` → `~0`, `/` → `~1`.
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// A pointer under construction: `Pointer::root().key("chatTools").index(0)`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pointer(String);

impl Pointer {
    pub fn root() -> Pointer {
        Pointer(String::new())
    }

    pub fn key(&self, key: &str) -> Pointer {
        Pointer(format!("{}/{}", self.0, escape_token(key)))
    }

    pub fn index(&self, i: usize) -> Pointer {
        let mut s = self.0.clone();
        let _ = write!(s, "/{i}");
        Pointer(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Pointer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_tokens() {
        assert_eq!(
            Pointer::root().key("a/b").key("~x").index(3).as_str(),
            "/a~1b/~0x/3"
        );
    }
}
