#!/usr/bin/python3
"""Write the console twin of a windowed Windows .exe: the same bytes with the
PE optional header's Subsystem set to WINDOWS_CUI (3) instead of
WINDOWS_GUI (2). cmd and PowerShell wait for a console program, show its
output in order and set %ERRORLEVEL% / $LASTEXITCODE to its exit code.

    pe-console.py dist/posdoctor.exe dist/posdoctor-cli.exe
"""
import struct
import sys

GUI, CUI = 2, 3


def main(src, dst):
    b = bytearray(open(src, "rb").read())
    if b[:2] != b"MZ":
        sys.exit(f"{src}: not a Windows executable (no MZ header)")
    pe = struct.unpack_from("<I", b, 0x3C)[0]
    if b[pe:pe + 4] != b"PE\0\0":
        sys.exit(f"{src}: no PE signature at {pe:#x}")
    opt = pe + 4 + 20  # signature, COFF file header
    magic = struct.unpack_from("<H", b, opt)[0]
    if magic not in (0x10B, 0x20B):  # PE32, PE32+
        sys.exit(f"{src}: unknown optional header magic {magic:#x}")
    at = opt + 68  # Subsystem: the same offset in PE32 and PE32+
    sub = struct.unpack_from("<H", b, at)[0]
    if sub != GUI:
        sys.exit(f"{src}: subsystem {sub}, want {GUI} (windowed)")
    struct.pack_into("<H", b, at, CUI)
    # The loader ignores the checksum of programs; keep it honest anyway
    # by zeroing it (0 means "not computed").
    struct.pack_into("<I", b, opt + 64, 0)
    open(dst, "wb").write(b)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
