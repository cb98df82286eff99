//! Bilingual user-facing text. Every message is built in both languages at once, so output
//! formats choose the language at render time and tests can check both.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// Chinese when `LC_ALL`, `LC_MESSAGES` or `LANG` (first one set and non-empty) starts with `zh`.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if v.is_empty() {
                    continue;
                }
                return if v.to_ascii_lowercase().starts_with("zh") {
                    Lang::Zh
                } else {
                    Lang::En
                };
            }
        }
        Lang::En
    }
}

/// A message in English and Chinese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    pub en: String,
    pub zh: String,
}

impl Msg {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Msg {
        Msg {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// Plain items as a list in each language: `a, b, c` in English, `a、b、c` in Chinese.
    pub fn list<I, S>(items: I) -> Msg
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Msg::join(items.into_iter().map(|s| {
            let s = s.as_ref();
            Msg::new(s, s)
        }))
    }

    /// Messages as a list in each language, with the language's separator (`, ` or `、`).
    pub fn join(items: impl IntoIterator<Item = Msg>) -> Msg {
        let mut out = Msg::new("", "");
        for (i, m) in items.into_iter().enumerate() {
            if i > 0 {
                out.en.push_str(", ");
                out.zh.push('、');
            }
            out.en.push_str(&m.en);
            out.zh.push_str(&m.zh);
        }
        out
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// `msg!("English {x}", "中文 {x}")` builds a [`Msg`]; both strings take the same format arguments.
#[macro_export]
macro_rules! msg {
    ($en:literal, $zh:literal $(,)?) => {
        $crate::i18n::Msg { en: format!($en), zh: format!($zh) }
    };
    ($en:literal, $zh:literal, $($arg:tt)+) => {
        $crate::i18n::Msg { en: format!($en, $($arg)+), zh: format!($zh, $($arg)+) }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_use_the_language_separator() {
        let m = Msg::list(["a", "b", "c"]);
        assert_eq!((m.en.as_str(), m.zh.as_str()), ("a, b, c", "a、b、c"));
        let m = Msg::join([msg!("1 error", "1 个错误"), msg!("2 warnings", "2 个警告")]);
        assert_eq!(m.get(Lang::En), "1 error, 2 warnings");
        assert_eq!(m.get(Lang::Zh), "1 个错误、2 个警告");
        assert_eq!(Msg::list(Vec::<String>::new()), Msg::new("", ""));
    }
}
