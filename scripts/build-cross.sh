#!/usr/bin/env bash
# Cross-build the Windows and macOS binaries on Debian bookworm, from Debian packages and crates
# only (no rustup target downloads): Debian's rustc-web (with its std sources, so std is built
# for each target with -Zbuild-std), mingw-w64 for Windows, and cargo-zigbuild + zig (PyPI) as
# the macOS linker. Outputs stripped binaries in target/cross/dist/<target>/ and prints each
# macOS binary's minimum OS version. Needs root for apt (skipped when already installed).
# Usage: scripts/build-cross.sh [TARGET...]   (default: all three)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(x86_64-pc-windows-gnu aarch64-apple-darwin x86_64-apple-darwin)
# Old enough for the Macs people still use (Big Sur, 2020; every Apple silicon Mac).
export MACOSX_DEPLOYMENT_TARGET=${MACOSX_DEPLOYMENT_TARGET:-11.0}

need_apt=()
for p in rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64; do
  dpkg -s "$p" >/dev/null 2>&1 || need_apt+=("$p")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"
fi

# Debian's cargo/rustc (put first on the PATH below), not rustup's (which lacks these targets' std and cannot download it).
cross=$root/target/cross
venv=$cross/venv
if [ ! -x "$venv/bin/cargo-zigbuild" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
  "$venv/bin/pip" install --quiet cargo-zigbuild ziglang
fi
# The ziglang wheel keeps zig inside the package: put it on the PATH as `zig`.
ln -sf "$("$venv/bin/python3" -c 'import os, ziglang; print(os.path.join(os.path.dirname(ziglang.__file__), "zig"))')" "$venv/bin/zig"
export PATH=$venv/bin:/usr/bin:$PATH
export CARGO=/usr/bin/cargo RUSTC=/usr/bin/rustc
# -Zbuild-std on a stable compiler.
export RUSTC_BOOTSTRAP=1
# CROSS_TARGET_DIR: another build folder, to build targets in parallel (cargo locks one).
export CARGO_TARGET_DIR=${CROSS_TARGET_DIR:-$cross}
# Only this script's own variables reach the build (no rustup toolchain override).
unset RUSTUP_TOOLCHAIN
echo "using $(/usr/bin/rustc --version), $(/usr/bin/cargo --version)"

# sys-locale reads the macOS UI language through CoreFoundation (CFLocaleCopyPreferredLanguages).
# Without Apple's SDK, zig has no CoreFoundation to link against: a text stub (.tbd) naming the
# six functions it calls is enough, as every Mac has the real framework at that install name.
stub=$cross/frameworks
mkdir -p "$stub/CoreFoundation.framework"
cat > "$stub/CoreFoundation.framework/CoreFoundation.tbd" <<'TBD'
--- !tapi-tbd
tbd-version:     4
targets:         [ x86_64-macos, arm64-macos ]
install-name:    '/System/Library/Frameworks/CoreFoundation.framework/Versions/A/CoreFoundation'
current-version: 1971
exports:
  - targets:         [ x86_64-macos, arm64-macos ]
    symbols:         [ _CFArrayGetCount, _CFArrayGetValueAtIndex, _CFLocaleCopyPreferredLanguages,
                       _CFRelease, _CFStringGetBytes, _CFStringGetLength ]
...
TBD
export CARGO_TARGET_AARCH64_APPLE_DARWIN_RUSTFLAGS="-C link-arg=-F$stub"
export CARGO_TARGET_X86_64_APPLE_DARWIN_RUSTFLAGS="-C link-arg=-F$stub"

dist=$cross/dist
status=0
for t in "${targets[@]}"; do
  echo "=== $t"
  mkdir -p "$dist/$t"
  case $t in
    *-windows-gnu)
      cargo build --release --locked --target "$t" -Zbuild-std=std,panic_abort
      bin=chattools-lint.exe
      cp "$CARGO_TARGET_DIR/$t/release/$bin" "$dist/$t/$bin"
      x86_64-w64-mingw32-strip "$dist/$t/$bin"
      ;;
    *-apple-darwin)
      cargo-zigbuild zigbuild --release --locked --target "$t" -Zbuild-std=std,panic_abort
      bin=chattools-lint
      cp "$CARGO_TARGET_DIR/$t/release/$bin" "$dist/$t/$bin"
      # llvm-strip knows Mach-O; strip only the local symbols (-x), as Apple's strip does for
      # executables, so the dynamic symbol table stays intact.
      strip_tool=$(command -v llvm-strip || ls /usr/bin/llvm-strip-* 2>/dev/null | head -1 || true)
      if [ -n "$strip_tool" ]; then "$strip_tool" -x "$dist/$t/$bin"; else echo "note: no llvm-strip, $t left unstripped"; status=1; fi
      python3 scripts/macho-info.py "$dist/$t/$bin" || status=1
      ;;
    *) echo "unknown target $t" >&2; exit 2 ;;
  esac
  ls -l "$dist/$t/$bin"
done
exit $status
