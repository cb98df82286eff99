//! Taro sources: `src/app.config.{ts,js}` (`export default defineAppConfig({...})` or
//! `export default {...}`, also through a top-level `const`) and each page's
//! `*.config.{ts,js}` beside it. The static object literal is read with oxc into the app.json
//! (and page .json) Taro's build writes; a value that is not a literal is recorded for
//! `taro/dynamic-config` and left out.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use oxc_allocator::Allocator;
use oxc_ast::ast::*;
use oxc_parser::Parser;
use oxc_span::{GetSpan, SourceType};
use serde_json::{Map, Number, Value};

use super::framework::{find_build_output, Dynamic, Framework, Sources, Synth};
use super::{
    merged_config, AppModel, LoadError, Project, Settings, APP_JSON, PROJECT_CONFIG,
    PROJECT_PRIVATE_CONFIG,
};
use crate::diagnostic::SourceFile;
use crate::json::{escape_token, JsonFile};
use crate::msg;

const CONFIG_EXTS: &[&str] = &["ts", "js"];

/// `src/app.config.ts` (or `.js`) of a Taro project folder, or `app.config.ts` of the `src`
/// folder itself.
pub fn detect(dir: &Path) -> Option<PathBuf> {
    let in_src = dir.file_name().is_some_and(|n| n == "src");
    CONFIG_EXTS
        .iter()
        .flat_map(|e| {
            let name = format!("app.config.{e}");
            [
                Some(dir.join("src").join(&name)),
                in_src.then(|| dir.join(&name)),
            ]
        })
        .flatten()
        .find(|p| p.is_file() && super::confine::is_inside(dir, p))
}

pub fn load(dir: PathBuf, app_config: PathBuf) -> Result<Project, LoadError> {
    let root = app_config
        .parent()
        .map_or_else(|| dir.join("src"), Path::to_path_buf);
    let text = super::read_text(&app_config, &Default::default()).ok_or_else(|| {
        let shown = crate::diagnostic::display_path(&app_config);
        LoadError {
            message: msg!("cannot read `{shown}`", "无法读取 `{shown}`"),
            help: None,
        }
    })?;
    let mut sources = Sources::new(Framework::Taro, app_config.clone());
    sources.build_output = find_build_output(&dir, Framework::Taro);
    let source = Arc::new(SourceFile::new(app_config, text));
    if let Some(e) = syntax_error(&source) {
        return Err(e);
    }
    let value = read_config(&source, &mut sources);
    let (app_file, map) = value.1.finish(&root.join(APP_JSON), &value.0);
    sources.maps.push(map);
    let model = AppModel::from_value(&value.0);
    for page in model.all_pages() {
        let base = root.join(&page.path);
        let Some(path) = CONFIG_EXTS
            .iter()
            .map(|e| {
                let mut p = base.as_os_str().to_owned();
                p.push(format!(".config.{e}"));
                PathBuf::from(p)
            })
            .find(|p| p.is_file())
        else {
            continue;
        };
        if !super::confine::is_inside(&root, &path) {
            continue;
        }
        let Some(text) = super::read_text(&path, &Default::default()) else {
            continue;
        };
        let source = Arc::new(SourceFile::new(path, text));
        let (value, synth) = read_config(&source, &mut sources);
        let json_path = root.join(format!("{}.json", page.path));
        let (file, map) = synth.finish(&json_path, &value);
        sources.maps.push(map);
        sources.virtual_json.insert(json_path, Arc::new(file));
    }
    // Taro keeps the developer tools' project.config.json in the project folder.
    let config = Some(dir.join(PROJECT_CONFIG))
        .filter(|p| p.is_file() && super::confine::is_inside(&dir, p))
        .and_then(|p| JsonFile::read(&p).ok());
    let private_config = Some(dir.join(PROJECT_PRIVATE_CONFIG))
        .filter(|p| config.is_some() && p.is_file() && super::confine::is_inside(&dir, p))
        .and_then(|p| JsonFile::read(&p).ok());
    let mut settings = Settings::from_config(&merged_config(
        config.as_ref().and_then(|c| c.value.as_ref()),
        private_config.as_ref().and_then(|c| c.value.as_ref()),
    ));
    // Those apply to the build output, not to these sources.
    settings.pack_ignore.clear();
    settings.pack_include.clear();
    Ok(Project {
        confiner: super::confine::Confiner::new(&root),
        overlay: Default::default(),
        names: Default::default(),
        dir,
        config,
        private_config,
        mp_root: root,
        app: app_file,
        model,
        settings,
        sources: Some(Box::new(sources)),
    })
}

/// app.config does not parse: nothing can be linted (exit 2), as for an app.json that cannot
/// be read.
fn syntax_error(source: &SourceFile) -> Option<LoadError> {
    let allocator = Allocator::default();
    let source_type = SourceType::from_path(&source.path).unwrap_or_else(|_| SourceType::ts());
    let ret = Parser::new(&allocator, &source.text, source_type).parse();
    let e = ret.diagnostics.errors().next()?;
    let at = e.labels.first().map_or(0, |l| l.offset() as usize);
    let (line, col) = source.line_col(at);
    let shown = format!("{}:{line}:{col}", source.display);
    let why = e.message.to_string();
    Some(LoadError {
        message: msg!("cannot read `{shown}`: {why}", "无法读取 `{shown}`：{why}"),
        help: None,
    })
}

/// The static value a config file exports, and where each part of it is.
fn read_config(source: &Arc<SourceFile>, sources: &mut Sources) -> (Value, Synth) {
    let allocator = Allocator::default();
    let source_type = SourceType::from_path(&source.path).unwrap_or_else(|_| SourceType::ts());
    let ret = Parser::new(&allocator, &source.text, source_type).parse();
    let mut reader = Reader {
        file: source.clone(),
        synth: Synth::default(),
        dynamic: Vec::new(),
    };
    let mut value = Value::Object(Map::new());
    if !ret.panicked {
        if let Some(e) = exported_object(&ret.program) {
            if let Some(v) = reader.value(e, "", "", None) {
                value = v;
            }
        }
    }
    sources.dynamic.extend(reader.dynamic);
    (value, reader.synth)
}

/// `export default X` where X is `{…}`, `defineAppConfig({…})`/`definePageConfig({…})`, or a
/// top-level `const` holding either.
fn exported_object<'a>(program: &'a Program<'a>) -> Option<&'a Expression<'a>> {
    let unwrap = |e: &'a Expression<'a>| -> &'a Expression<'a> {
        match e.get_inner_expression() {
            Expression::CallExpression(c)
                if matches!(&c.callee, Expression::Identifier(id)
                    if id.name == "defineAppConfig" || id.name == "definePageConfig") =>
            {
                c.arguments
                    .first()
                    .and_then(Argument::as_expression)
                    .map(Expression::get_inner_expression)
                    .unwrap_or(e)
            }
            other => other,
        }
    };
    let exported = program.body.iter().find_map(|s| match s {
        Statement::ExportDefaultDeclaration(d) => d.declaration.as_expression(),
        _ => None,
    })?;
    let exported = unwrap(exported);
    if let Expression::Identifier(id) = exported {
        for s in &program.body {
            let Statement::VariableDeclaration(d) = s else {
                continue;
            };
            for decl in &d.declarations {
                if matches!(&decl.id, BindingPattern::BindingIdentifier(b) if b.name == id.name) {
                    return decl.init.as_ref().map(unwrap);
                }
            }
        }
    }
    Some(exported)
}

struct Reader {
    file: Arc<SourceFile>,
    synth: Synth,
    dynamic: Vec<Dynamic>,
}

fn range(span: oxc_span::Span) -> Range<usize> {
    span.start as usize..span.end as usize
}

impl Reader {
    fn value(
        &mut self,
        e: &Expression,
        ptr: &str,
        key: &str,
        key_span: Option<Range<usize>>,
    ) -> Option<Value> {
        let e = e.get_inner_expression();
        let span = range(e.span());
        let v = match e {
            Expression::StringLiteral(s) => Value::String(s.value.to_string()),
            Expression::TemplateLiteral(t) if t.expressions.is_empty() && t.quasis.len() == 1 => {
                let q = &t.quasis[0].value;
                Value::String(q.cooked.unwrap_or(q.raw).to_string())
            }
            Expression::NumericLiteral(n) => number(n.value),
            Expression::UnaryExpression(u)
                if u.operator == UnaryOperator::UnaryNegation
                    && matches!(u.argument, Expression::NumericLiteral(_)) =>
            {
                match &u.argument {
                    Expression::NumericLiteral(n) => number(-n.value),
                    _ => Value::Null,
                }
            }
            Expression::BooleanLiteral(b) => Value::Bool(b.value),
            Expression::NullLiteral(_) => Value::Null,
            Expression::ArrayExpression(a) => {
                let mut out = Vec::new();
                for el in &a.elements {
                    let Some(item) = el.as_expression() else {
                        if let ArrayExpressionElement::SpreadElement(s) = el {
                            self.dynamic(range(s.span), &format!("{key}[…]"));
                            self.synth.open.push(ptr.to_string());
                        }
                        continue;
                    };
                    let i = out.len();
                    let item_key = format!("{key}[{i}]");
                    match self.value(item, &format!("{ptr}/{i}"), &item_key, None) {
                        Some(v) => out.push(v),
                        None => self.synth.open.push(ptr.to_string()),
                    }
                }
                Value::Array(out)
            }
            Expression::ObjectExpression(o) => {
                let mut out = Map::new();
                for p in &o.properties {
                    match p {
                        ObjectPropertyKind::ObjectProperty(p)
                            if !p.method
                                && (!p.computed
                                    || matches!(p.key, PropertyKey::StringLiteral(_))) =>
                        {
                            let Some(name) = p.key.static_name() else {
                                self.dynamic(range(p.span), key);
                                self.synth.open.push(ptr.to_string());
                                continue;
                            };
                            let child_key = if key.is_empty() {
                                name.to_string()
                            } else {
                                format!("{key}.{name}")
                            };
                            let child_ptr = format!("{ptr}/{}", escape_token(&name));
                            match self.value(
                                &p.value,
                                &child_ptr,
                                &child_key,
                                Some(range(p.key.span())),
                            ) {
                                Some(v) => {
                                    out.insert(name.to_string(), v);
                                }
                                None => self.synth.open.push(ptr.to_string()),
                            }
                        }
                        _ => {
                            let what = if key.is_empty() { "{…}" } else { key };
                            self.dynamic(range(p.span()), what);
                            self.synth.open.push(ptr.to_string());
                        }
                    }
                }
                Value::Object(out)
            }
            _ => {
                self.dynamic(span, key);
                return None;
            }
        };
        self.synth.origins.insert(
            ptr.to_string(),
            super::framework::Origin {
                file: self.file.clone(),
                key: key_span,
                value: span,
                pointer: None,
            },
        );
        Some(v)
    }

    fn dynamic(&mut self, span: Range<usize>, key: &str) {
        self.dynamic.push(Dynamic {
            file: self.file.clone(),
            span,
            key: key.to_string(),
        });
    }
}

fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        Value::Number(Number::from(n as i64))
    } else {
        Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}
