//! `cargo run --example new-rule -- <group/name> [error|warning|info]`: write the skeleton of a
//! new rule (see docs/CONTRIBUTING.md).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(id), severity) = (args.first(), args.get(1).map_or("warning", String::as_str)) else {
        eprintln!("usage: cargo run --example new-rule -- <group/name> [error|warning|info]");
        std::process::exit(2);
    };
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    match chattools_lint::scaffold::new_rule(repo, id, severity) {
        Ok(written) => {
            for path in written {
                println!("wrote {}", path.display());
            }
            println!(
                "next: write the check, its docs and fixtures, then `UPDATE_DOCS=1 cargo test --test docs` and `cargo test`"
            );
        }
        Err(e) => {
            eprintln!("new-rule: {e}");
            std::process::exit(1);
        }
    }
}
