use std::process::ExitCode;

fn main() -> ExitCode {
    chattools_lint::run(std::env::args_os())
}
