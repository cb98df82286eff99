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
    /// Chinese when `LC_ALL`, `LC_MESSAGES` or `LANG` (first one set and non-empty) starts with
    /// `zh`; when none is set, the system UI language on Windows and macOS (where the
    /// variables are usually unset), else English.
    pub fn from_env() -> Lang {
        Lang::from_sources(|var| std::env::var(var).ok(), system_locale)
    }

    /// [`Lang::from_env`] with the environment and the system language given.
    pub fn from_sources(
        env: impl Fn(&str) -> Option<String>,
        system: impl FnOnce() -> Option<String>,
    ) -> Lang {
        let zh = |v: &str| {
            if v.to_ascii_lowercase().starts_with("zh") {
                Lang::Zh
            } else {
                Lang::En
            }
        };
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            match env(var) {
                Some(v) if !v.is_empty() => return zh(&v),
                _ => {}
            }
        }
        system().as_deref().map(zh).unwrap_or(Lang::En)
    }
}

/// The user's UI language (`zh-CN`, `zh-Hans-CN`, `en-US`) on Windows and macOS.
#[cfg(any(windows, target_os = "macos"))]
fn system_locale() -> Option<String> {
    sys_locale::get_locale()
}

/// Elsewhere the environment variables are the system's setting.
#[cfg(not(any(windows, target_os = "macos")))]
fn system_locale() -> Option<String> {
    None
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

    fn lang(env: &[(&str, &str)], system: Option<&str>) -> Lang {
        Lang::from_sources(
            |var| {
                env.iter()
                    .find(|(k, _)| *k == var)
                    .map(|(_, v)| v.to_string())
            },
            || system.map(String::from),
        )
    }

    #[test]
    fn environment_then_system_language() {
        assert_eq!(lang(&[], Some("zh-Hans-CN")), Lang::Zh);
        assert_eq!(lang(&[], Some("zh-CN")), Lang::Zh);
        assert_eq!(lang(&[], Some("en-US")), Lang::En);
        assert_eq!(lang(&[], None), Lang::En);
        // A variable that is set decides, whatever the system says.
        assert_eq!(lang(&[("LANG", "en_US.UTF-8")], Some("zh-CN")), Lang::En);
        assert_eq!(lang(&[("LANG", "zh_CN.UTF-8")], Some("en-US")), Lang::Zh);
        assert_eq!(
            lang(&[("LC_ALL", "en_GB"), ("LANG", "zh_CN")], Some("zh-CN")),
            Lang::En
        );
        // Set but empty: skipped.
        assert_eq!(
            lang(&[("LC_ALL", ""), ("LANG", "")], Some("zh-TW")),
            Lang::Zh
        );
    }
}
