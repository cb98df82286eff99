#!/usr/bin/env python3
"""Print a Mach-O executable's CPU, minimum macOS version and linked libraries.

Reads the load commands directly (no otool needed on Linux): LC_BUILD_VERSION or, in older
binaries, LC_VERSION_MIN_MACOSX. Exits 1 when the minimum is newer than --max (default 11.0).
Usage: scripts/macho-info.py BINARY [--max 11.0]
"""
import struct
import sys

LC_BUILD_VERSION = 0x32
LC_VERSION_MIN_MACOSX = 0x24
DYLIB_CMDS = {0xC, 0x80000018, 0x8000001F}  # LOAD_DYLIB, LOAD_WEAK_DYLIB, REEXPORT_DYLIB
CPUS = {0x01000007: "x86_64", 0x0100000C: "arm64"}


def version(v):
    return f"{v >> 16}.{(v >> 8) & 0xFF}" + (f".{v & 0xFF}" if v & 0xFF else "")


def main():
    args = sys.argv[1:]
    limit = "11.0"
    if "--max" in args:
        i = args.index("--max")
        limit = args[i + 1]
        del args[i : i + 2]
    path = args[0]
    data = open(path, "rb").read()
    magic, cpu, _sub, _ftype, ncmds, _size, _flags = struct.unpack_from("<IiiIIII", data, 0)
    if magic != 0xFEEDFACF:
        sys.exit(f"{path}: not a 64-bit little-endian Mach-O file")
    off = 32
    minos = sdk = None
    libs = []
    for _ in range(ncmds):
        cmd, size = struct.unpack_from("<II", data, off)
        if cmd == LC_BUILD_VERSION:
            _platform, minos, sdk = struct.unpack_from("<III", data, off + 8)
        elif cmd == LC_VERSION_MIN_MACOSX and minos is None:
            minos, sdk = struct.unpack_from("<II", data, off + 8)
        elif cmd in DYLIB_CMDS:
            name_off = struct.unpack_from("<I", data, off + 8)[0]
            libs.append(data[off + name_off : off + size].split(b"\0")[0].decode())
        off += size
    if minos is None:
        sys.exit(f"{path}: no minimum macOS version recorded")
    print(f"{path}: {CPUS.get(cpu, hex(cpu))}, minimum macOS {version(minos)} (SDK {version(sdk)})")
    for lib in libs:
        print(f"  links {lib}")
    want = tuple(int(x) for x in limit.split("."))
    got = (minos >> 16, (minos >> 8) & 0xFF)
    if got > want:
        print(f"  FAIL: minimum macOS {version(minos)} is newer than {limit}")
        sys.exit(1)


if __name__ == "__main__":
    main()
