use crate::rules::prelude::*;

pub static RULE: Rule = Rule {
    id: "privacy/location-exclusive",
    default_severity: Severity::Error,
    summary: (
        "requiredPrivateInfos declares getFuzzyLocation together with a precise location API",
        "requiredPrivateInfos 同时声明了 getFuzzyLocation 和精确定位接口",
    ),
    docs: include_str!("location_exclusive.md"),
    check,
    ..Rule::DEFAULT
};

/// The precise location APIs that exclude `getFuzzyLocation`.
const PRECISE: [&str; 4] = [
    "getLocation",
    "onLocationChange",
    "startLocationUpdate",
    "startLocationUpdateBackground",
];

fn check(ctx: &mut LintContext) {
    let app = ctx.app();
    let Some(list) = app.get("/requiredPrivateInfos").and_then(|v| v.as_array()) else {
        return;
    };
    let items: Vec<(usize, &str)> = list
        .iter()
        .enumerate()
        .filter_map(|(i, v)| Some((i, v.as_str()?)))
        .collect();
    let Some(&(fuzzy, _)) = items.iter().find(|(_, s)| *s == "getFuzzyLocation") else {
        return;
    };
    let mut precise: Vec<(usize, &str)> = Vec::new();
    for &(i, s) in &items {
        if PRECISE.contains(&s) && !precise.iter().any(|(_, p)| *p == s) {
            precise.push((i, s));
        }
    }
    let Some(&(_, first)) = precise.first() else {
        return;
    };
    let names = precise
        .iter()
        .map(|(_, s)| format!("'{s}'"))
        .collect::<Vec<_>>();
    let (names_en, names_zh) = (names.join(", "), names.join("、"));
    let pointer = format!("/requiredPrivateInfos/{fuzzy}");
    let mut d = Diagnostic::new(msg!(
        "requiredPrivateInfos declares 'getFuzzyLocation' together with {names_en}: fuzzy and precise location are mutually exclusive",
        "requiredPrivateInfos 中 'getFuzzyLocation' 与 {names_zh} 互斥"
    ))
    .at(&app.source, app.value_span(&pointer))
    .pointer(pointer)
    .span_label(msg!("fuzzy location", "模糊定位"));
    for (i, s) in &precise {
        d = d.label(
            app.value_span(&format!("/requiredPrivateInfos/{i}")),
            Some(msg!("precise location: `{s}`", "精确定位：`{s}`")),
        );
    }
    ctx.report(d.help(msg!(
        "declare one kind only: keep 'getFuzzyLocation' if an approximate position is enough, else remove it and use `wx.{first}` (WeChat: requiredPrivateInfos 'getFuzzyLocation' 与 'getLocation' 互斥)",
        "只声明一类：若大致位置已足够，保留 'getFuzzyLocation'；否则删除它并使用 `wx.{first}`（微信的提示：requiredPrivateInfos 'getFuzzyLocation' 与 'getLocation' 互斥）"
    )));
}
