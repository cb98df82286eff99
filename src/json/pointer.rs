//! JSON pointer (RFC 6901) reference tokens.

/// Escape one reference token: `~` → `~0`, `/` → `~1`. Most keys need neither, and are
/// borrowed as they are (every node of every JSON file read gets a pointer).
pub fn escape_token(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains(['~', '/']) {
        token.replace('~', "~0").replace('/', "~1").into()
    } else {
        token.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_tokens() {
        assert_eq!(escape_token("a/b~c"), "a~1b~0c");
        assert_eq!(escape_token("scope.userLocation"), "scope.userLocation");
    }
}
