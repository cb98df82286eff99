//! A tolerant typed view of app.json for the rules: fields of the wrong type are simply absent
//! here (the schema rules report them), and every item keeps its JSON pointer.

use serde_json::Value;

#[derive(Debug, Default, Clone)]
pub struct AppModel {
    /// Main-package pages.
    pub pages: Vec<Page>,
    /// The key WeChat reads subpackages from: `subpackages` wins when both are present.
    pub subpackages_key: Option<&'static str>,
    pub subpackages: Vec<SubPackage>,
    pub chat_tools: Vec<ChatTool>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// As written in app.json, relative to the package root.
    pub path: String,
    pub pointer: String,
}

#[derive(Debug, Default, Clone)]
pub struct SubPackage {
    pub index: usize,
    /// `/subPackages/3` or `/subpackages/3`.
    pub pointer: String,
    pub root: Option<String>,
    pub name: Option<String>,
    pub pages: Vec<Page>,
    pub independent: Option<bool>,
    pub renderer: Option<String>,
    pub component_framework: Option<String>,
}

impl SubPackage {
    /// The root without one trailing `/`, as WeChat compares roots.
    pub fn root_trimmed(&self) -> Option<&str> {
        self.root.as_deref().map(trim_root)
    }

    /// The page's path relative to miniprogramRoot: `root/page`.
    pub fn page_path(&self, page: &str) -> Option<String> {
        Some(format!(
            "{}/{}",
            self.root_trimmed()?,
            page.trim_start_matches('/')
        ))
    }
}

#[derive(Debug, Default, Clone)]
pub struct ChatTool {
    pub index: usize,
    /// `/chatTools/0`.
    pub pointer: String,
    pub root: Option<String>,
    pub entry_page_path: Option<String>,
    pub desc: Option<String>,
    /// The string items of `scopes`, with their pointers.
    pub scopes: Vec<Page>,
}

/// A page with where it is declared.
#[derive(Debug, Clone)]
pub struct PageRef<'a> {
    /// Relative to miniprogramRoot: `root/page` for subpackage pages.
    pub path: String,
    /// The `pages` item (its pointer is in app.json).
    pub page: &'a Page,
    pub package: Option<&'a SubPackage>,
}

/// Remove one trailing `/`.
pub fn trim_root(root: &str) -> &str {
    root.strip_suffix('/').unwrap_or(root)
}

fn string_list(value: Option<&Value>, pointer: &str) -> Vec<Page> {
    value
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .enumerate()
                .filter_map(|(i, v)| {
                    Some(Page {
                        path: v.as_str()?.to_string(),
                        pointer: format!("{pointer}/{i}"),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

fn string(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(String::from)
}

impl AppModel {
    pub fn from_value(app: &Value) -> AppModel {
        let subpackages_key = if app.get("subpackages").is_some() {
            Some("subpackages")
        } else if app.get("subPackages").is_some() {
            Some("subPackages")
        } else {
            None
        };
        let subpackages = subpackages_key
            .and_then(|k| app.get(k).map(|v| (k, v)))
            .and_then(|(k, v)| v.as_array().map(|a| (k, a)))
            .map(|(k, list)| {
                list.iter()
                    .enumerate()
                    .filter(|(_, v)| v.is_object())
                    .map(|(i, v)| {
                        let pointer = format!("/{k}/{i}");
                        SubPackage {
                            index: i,
                            pages: string_list(v.get("pages"), &format!("{pointer}/pages")),
                            pointer,
                            root: string(v, "root"),
                            name: string(v, "name"),
                            independent: v.get("independent").and_then(Value::as_bool),
                            renderer: string(v, "renderer"),
                            component_framework: string(v, "componentFramework"),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let chat_tools = app
            .get("chatTools")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .enumerate()
                    .filter(|(_, v)| v.is_object())
                    .map(|(i, v)| {
                        let pointer = format!("/chatTools/{i}");
                        ChatTool {
                            index: i,
                            scopes: string_list(v.get("scopes"), &format!("{pointer}/scopes")),
                            pointer,
                            root: string(v, "root"),
                            entry_page_path: string(v, "entryPagePath"),
                            desc: string(v, "desc"),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        AppModel {
            pages: string_list(app.get("pages"), "/pages"),
            subpackages_key,
            subpackages,
            chat_tools,
        }
    }

    /// The subpackage whose root matches `root` (one trailing `/` ignored on both sides).
    pub fn subpackage_by_root(&self, root: &str) -> Option<&SubPackage> {
        let root = trim_root(root);
        self.subpackages
            .iter()
            .find(|s| s.root_trimmed() == Some(root))
    }

    /// The chat-tool package: the subpackage named by `chatTools[0].root`.
    pub fn chat_tool_package(&self) -> Option<&SubPackage> {
        let tool = self.chat_tools.first()?;
        self.subpackage_by_root(tool.root.as_deref()?)
    }

    /// Every page: main-package pages, then each subpackage's, with the package it belongs to.
    pub fn all_pages(&self) -> impl Iterator<Item = PageRef<'_>> {
        let main = self.pages.iter().map(|p| PageRef {
            path: p.path.trim_start_matches('/').to_string(),
            page: p,
            package: None,
        });
        let subs = self.subpackages.iter().flat_map(|s| {
            s.pages.iter().filter_map(move |p| {
                Some(PageRef {
                    path: s.page_path(&p.path)?,
                    page: p,
                    package: Some(s),
                })
            })
        });
        main.chain(subs)
    }

    /// The subpackage a path (relative to miniprogramRoot) lies in.
    pub fn package_of(&self, path: &str) -> Option<&SubPackage> {
        let path = path.trim_start_matches('/');
        self.subpackages.iter().find(|s| {
            s.root_trimmed()
                .is_some_and(|r| !r.is_empty() && path.starts_with(&format!("{r}/")))
        })
    }
}
