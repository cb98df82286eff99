#!/usr/bin/env bash
# The Windows build under wine, on Debian bookworm: builds x86_64-pc-windows-gnu (via
# scripts/build-cross.sh), prepares a wine prefix with a test-only bcryptprimitives.dll shim
# (scripts/bcryptprimitives.c: Wine 8 lacks ProcessPrng, which Rust's std needs), runs the
# examples in every output format with the Linux and the Windows binaries and compares the
# outputs (they must be identical: paths are shown with `/` on every system), then runs the
# whole test suite under wine. Needs root for apt. Run by hand; not part of .ci/run.
# Usage: scripts/test-windows.sh [--no-tests]   (EXE=path.exe to take a built exe)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
run_tests=1
[ "${1:-}" = "--no-tests" ] && run_tests=0
target=x86_64-pc-windows-gnu
cross=$root/target/cross
mkdir -p "$cross"

need_apt=()
for p in wine wine64 rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64; do
  dpkg -s "$p" >/dev/null 2>&1 || need_apt+=("$p")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" || exit 2
fi

# A throwaway prefix holding the shim.
export WINEPREFIX=${WINEPREFIX:-$cross/wine}
export WINEARCH=win64 WINEDEBUG=-all
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  echo "--- creating the wine prefix $WINEPREFIX"
  wineboot --init >/dev/null 2>&1
  wineserver -w
fi
x86_64-w64-mingw32-gcc -shared -O2 -o "$cross/bcryptprimitives.dll" scripts/bcryptprimitives.c -lbcrypt || exit 2
cp "$cross/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"

exe=${EXE:-$cross/$target/release/chattools-lint.exe}
if [ ! -f "$exe" ]; then
  scripts/build-cross.sh "$target" || exit 2
fi
wine "$exe" --version || { echo "FAIL: the exe does not start under wine"; exit 1; }

status=0
echo "--- the examples, Linux and wine, every format"
cargo build --quiet --locked || exit 2
linux=$root/target/debug/chattools-lint
out=$cross/compare
rm -rf "$out" && mkdir -p "$out"
same=0 differ=0
for ex in examples/*/; do
  ex=${ex%/}
  for fmt in human json sarif github junit short; do
    for lang in en zh; do
      name=$(basename "$ex")-$fmt-$lang
      # Same relative path, same working directory: the outputs must match byte for byte.
      "$linux" --format "$fmt" --lang "$lang" --color never "$ex" >"$out/$name.linux" 2>&1
      echo "exit $?" >>"$out/$name.linux"
      wine "$exe" --format "$fmt" --lang "$lang" --color never "$ex" >"$out/$name.wine" 2>&1
      echo "exit $?" >>"$out/$name.wine"
      # SARIF names the working directory: wine sees /work as Z:/work.
      sed -i 's#file:///Z:/#file:///#g' "$out/$name.wine"
      if cmp -s "$out/$name.linux" "$out/$name.wine"; then
        same=$((same + 1))
      else
        differ=$((differ + 1)); status=1
        echo "DIFFERS: $name"
        diff "$out/$name.linux" "$out/$name.wine" | head -20
      fi
    done
  done
done
echo "examples: $same outputs identical, $differ differ (files in $out)"
if [ $run_tests = 1 ]; then
  echo "--- the test suite under wine"
  log=$cross/wine-tests.log
  (
    export PATH=/usr/bin:$PATH CARGO_TARGET_DIR=$cross RUSTC_BOOTSTRAP=1
    unset RUSTUP_TOOLCHAIN
    # The runner must be set with --config: assert_cmd ignores CARGO_TARGET_…_RUNNER.
    # --release: shares the build with build-cross.sh (half the time on a small machine).
    cargo test --release --locked --no-fail-fast --target "$target" -Zbuild-std=std,panic_abort \
      --config "target.$target.runner=\"wine\""
  ) >"$log" 2>&1
  [ $? = 0 ] || status=1
  # One line per test binary, then every failure by name.
  awk '/^ +(Running|Doc-tests)/ { sub(/^ +/, ""); name = $0 }
       /^test result:/ { print name ": " $0; name = "(no result)" }' "$log"
  if grep -q -- '--- FAILED\|^test .* FAILED$' "$log"; then
    echo "failed under wine:"
    grep -E '^test .* FAILED$' "$log" | sed 's/^/  /'
  fi
  echo "(full log: $log)"
fi

exit $status
