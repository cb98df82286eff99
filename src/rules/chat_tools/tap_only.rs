use std::collections::{HashMap, HashSet, VecDeque};
use std::path::PathBuf;

use crate::code::js::{JsFacts, UnitKind};
use crate::code::refs::api_name;
use crate::code::WxmlFile;
use crate::rules::prelude::*;
use crate::wechat::apis;

pub static RULE: Rule = Rule {
    id: "chat-tools/tap-only",
    default_severity: Severity::Warning,
    summary: (
        "an API that only a tap may call is called from a lifecycle or a timer",
        "仅能在点击时调用的接口在生命周期或定时器中被调用",
    ),
    docs: include_str!("tap_only.md"),
    docs_zh: include_str!("tap_only.zh.md"),
    check,
    ..Rule::DEFAULT
};

/// The WXML attributes that bind a tap.
const TAP_PREFIXES: &[&str] = &["bind", "catch", "mut-bind", "capture-bind", "capture-catch"];

fn is_tap_binding(attr: &str) -> bool {
    TAP_PREFIXES.iter().any(|p| {
        attr.strip_prefix(p)
            .is_some_and(|rest| rest == "tap" || rest == ":tap")
    })
}

/// The methods a WXML file binds to a tap; `None` when some binding or included markup
/// cannot be read statically (then every method may be tap-bound).
fn tap_bound(wxml: &WxmlFile) -> Option<HashSet<String>> {
    let mut bound = HashSet::new();
    for el in &wxml.elements {
        if matches!(el.name.as_str(), "include" | "import" | "template") {
            return None;
        }
        for a in &el.attrs {
            if !is_tap_binding(&a.name) {
                continue;
            }
            bound.insert(a.static_value()?.to_string());
        }
    }
    Some(bound)
}

/// The units a lifecycle reaches without passing through a tap-bound method, each with the
/// lifecycle it is reached from.
fn reached_from_lifecycles(
    facts: &JsFacts,
    bound: Option<&HashSet<String>>,
) -> HashMap<usize, usize> {
    let units = &facts.units;
    let unique = |name: &str, want: &dyn Fn(UnitKind) -> bool| -> Option<usize> {
        let mut found = units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.name == name && want(u.kind));
        let first = found.next()?.0;
        found.next().is_none().then_some(first)
    };
    let edges = |u: usize| -> Vec<usize> {
        let unit = &units[u];
        let methods = unit
            .this_calls
            .iter()
            .filter_map(|n| unique(n, &|k| k != UnitKind::Function));
        let functions = unit
            .fn_calls
            .iter()
            .filter_map(|n| unique(n, &|k| k == UnitKind::Function));
        methods.chain(functions).collect()
    };
    // What a tap reaches is silent: the tap-bound methods and whatever they call.
    let mut silent: HashSet<usize> = HashSet::new();
    let mut queue: VecDeque<usize> = units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.kind == UnitKind::Method && bound.is_none_or(|b| b.contains(&u.name)))
        .map(|(i, _)| i)
        .collect();
    while let Some(u) = queue.pop_front() {
        if silent.insert(u) {
            queue.extend(edges(u));
        }
    }
    let mut reached: HashMap<usize, usize> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        if u.kind != UnitKind::Lifecycle || silent.contains(&i) {
            continue;
        }
        let mut queue = VecDeque::from([i]);
        while let Some(v) = queue.pop_front() {
            if silent.contains(&v) || reached.contains_key(&v) {
                continue;
            }
            reached.insert(v, i);
            queue.extend(edges(v));
        }
    }
    reached
}

fn check(ctx: &mut LintContext) {
    let Some(code) = ctx.package_code() else {
        return;
    };
    let wxml: HashMap<&PathBuf, &WxmlFile> = code.own_wxml().map(|w| (&w.base, w)).collect();
    for file in code.own_js() {
        let facts = &file.facts;
        if facts.units_incomplete || facts.syntax.is_some() {
            continue;
        }
        let has_tap_only = facts
            .calls
            .iter()
            .any(|c| apis::find(&c.api).is_some_and(|a| a.tap_only));
        if !has_tap_only {
            continue;
        }
        let bound = wxml.get(&file.base).and_then(|w| tap_bound(w));
        let reached = reached_from_lifecycles(facts, bound.as_ref());
        for call in &facts.calls {
            if !call.direct || !apis::find(&call.api).is_some_and(|a| a.tap_only) {
                continue;
            }
            let Some(lifecycle) = call.unit.and_then(|u| reached.get(&u)) else {
                continue;
            };
            let lifecycle = &facts.units[*lifecycle].name;
            let in_unit = &facts.units[call.unit.unwrap_or_default()].name;
            let name = api_name(call);
            let (via_en, via_zh) = if call.in_timer {
                (
                    format!(" (in a timer set up in `{in_unit}`)"),
                    format!("（在 `{in_unit}` 设置的定时器中）"),
                )
            } else if in_unit == lifecycle {
                (String::new(), String::new())
            } else {
                (
                    format!(" (through `{in_unit}`)"),
                    format!("（经由 `{in_unit}`）"),
                )
            };
            ctx.report(
                Diagnostic::new(Msg::new(
                    format!("`{name}` may only be called from a tap, but `{lifecycle}` calls it{via_en}"),
                    format!("`{name}` 仅能在点击行为中调用，但 `{lifecycle}` 调用了它{via_zh}"),
                ))
                .at(&file.source, call.span.clone())
                .span_label(msg!("no tap reaches this", "不是由点击触发"))
                .help(msg!(
                    "WeChat's page says \"仅在点击行为时调用\": call it from a method bound with `bindtap` (e.g. a \"share\" button), not when the page loads",
                    "官方文档：“仅在点击行为时调用”。请在 `bindtap` 绑定的方法中调用（例如“分享”按钮），不要在页面加载时调用"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tap_bindings() {
        for a in [
            "bindtap",
            "catchtap",
            "bind:tap",
            "catch:tap",
            "mut-bind:tap",
            "capture-bind:tap",
            "capture-catch:tap",
        ] {
            assert!(super::is_tap_binding(a), "{a}");
        }
        for a in ["bindlongpress", "bind:tapx", "tap", "data-tap"] {
            assert!(!super::is_tap_binding(a), "{a}");
        }
    }
}
