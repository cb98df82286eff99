#!/bin/sh
# Fuzz the `app_json` target, seeded with every fixture file and fuzz/seeds, at low priority.
# What `cargo fuzz run -s none -O --debug-assertions app_json` does, without cargo-fuzz
# installed: sanitizer-coverage flags, a release build for the host target, libFuzzer's CLI.
#   scripts/fuzz.sh [SECONDS] [extra libFuzzer options…]
set -eu
cd "$(dirname "$0")/.."
secs=${1:-600}
[ $# -gt 0 ] && shift
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
target=$(rustc -vV | sed -n 's/^host: //p')
(cd fuzz && nice -n 10 cargo build --release --target "$target" --bin app_json)
mkdir -p fuzz/corpus/app_json fuzz/corpus/seeds fuzz/artifacts
# Every fixture file is a seed (app.json or not: the target reads any bytes as app.json).
find fixtures -type f | while read -r f; do
  cp "$f" "fuzz/corpus/seeds/$(printf '%s' "$f" | tr '/ ' '__')"
done
cp fuzz/seeds/* fuzz/corpus/seeds/
# New inputs go to fuzz/corpus/app_json (the first folder); past crashes are seeds too.
# `stat::number_of_executed_units` at the end is the run's execution count.
# -reload=0: with -jobs, each worker otherwise rereads the whole corpus folder every few
# seconds to pick up the others' finds; with 17,000 files there, that was 15 % of a worker's
# time (perf).
exec nice -n 19 "fuzz/target/$target/release/app_json" -max_len=8192 -timeout=20 \
  -report_slow_units=1000 -print_final_stats=1 -reload=0 \
  -dict=fuzz/app_json.dict -artifact_prefix=fuzz/artifacts/ -max_total_time="$secs" "$@" \
  fuzz/corpus/app_json fuzz/corpus/seeds fuzz/regressions
