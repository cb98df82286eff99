#!/usr/bin/env bash
# Pack the npm platform packages @chattools-lint/win32-x64, darwin-arm64 and darwin-x64 from
# the binaries scripts/build-cross.sh made (target/cross/dist/<target>/), using the templates
# in npm/<dir>/. Checks each binary's format and CPU against the package's os/cpu fields.
# Output: target/cross/npm/packs/*.tgz. Needs node and npm (no registry access).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dist=$root/target/cross/dist
stage=$root/target/cross/npm
rm -rf "$stage" && mkdir -p "$stage/packs"
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
fail() { echo "FAIL: $*" >&2; exit 1; }

# dir, the target built here, the binary's name
for spec in "win32-x64 x86_64-pc-windows-gnu chattools-lint.exe" \
            "darwin-arm64 aarch64-apple-darwin chattools-lint" \
            "darwin-x64 x86_64-apple-darwin chattools-lint"; do
  set -- $spec
  dir=$1 target=$2 exe=$3
  bin=$dist/$target/$exe
  [ -f "$bin" ] || fail "$bin missing: run scripts/build-cross.sh $target"
  v=$(node -p "require('./npm/$dir/package.json').version")
  [ "$v" = "$version" ] || fail "npm/$dir/package.json has version $v, Cargo.toml $version"
  # The binary must be what the package's os/cpu fields promise.
  node -e '
    const fs = require("fs"), [bin, pkgPath] = process.argv.slice(1);
    const pkg = JSON.parse(fs.readFileSync(pkgPath)), b = fs.readFileSync(bin);
    let os, cpu;
    if (b.readUInt16LE(0) === 0x5a4d) {           // "MZ": PE
      const pe = b.readUInt32LE(0x3c);
      os = "win32"; cpu = { 0x8664: "x64", 0xaa64: "arm64" }[b.readUInt16LE(pe + 4)];
    } else if (b.readUInt32LE(0) === 0xfeedfacf) { // 64-bit Mach-O
      os = "darwin"; cpu = { 0x01000007: "x64", 0x0100000c: "arm64" }[b.readUInt32LE(4)];
    }
    if (pkg.os[0] !== os || pkg.cpu[0] !== cpu) {
      console.error(`${bin} is ${os}/${cpu}, the package says ${pkg.os}/${pkg.cpu}`); process.exit(1);
    }
    console.log(`${pkg.name}: ${os}/${cpu} binary, ${b.length} bytes`);
  ' "$bin" "npm/$dir/package.json"
  cp -R "npm/$dir" "$stage/$dir"
  cp "$bin" "$stage/$dir/bin/$exe"
  chmod +x "$stage/$dir/bin/$exe"
  (cd "$stage/$dir" && npm pack --silent --pack-destination "$stage/packs" >/dev/null)
  tgz=$stage/packs/chattools-lint-$dir-$version.tgz
  tar -tzf "$tgz" > "$stage/$dir.list"
  grep -qx "package/bin/$exe" "$stage/$dir.list" || fail "binary missing from $tgz"
  echo "  $(basename "$tgz"): $(tr '\n' ' ' < "$stage/$dir.list")"
done
