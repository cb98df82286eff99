//! Shape of the fields this tool reads, checked against the JSON Schema in `schemas/`.

use crate::rules::LintContext;

pub fn check(_ctx: &mut LintContext) {}
