"""Write the hostile content files next to this script: `python tests/corpus/hostile/make_content.py`.

The files are committed; this script says how each was made, so they can be made again.
Symlinks, FIFOs and devices are not files here: the tests make those in tmp_path.
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def macos_resource_fork() -> bytes:
    """What macOS writes as `._name` beside a file on a foreign disk: AppleDouble, binary."""
    return (b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02\x00\x00\x00\x09\x00\x00\x00\x32"
            b"\x00\x00\x0e\xb0\x00\x00\x00\x02\x00\x00\x0e\xe2\x00\x00\x01\x1e\xff\xfe" + bytes(range(256)))


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """The "billion laughs" in YAML: each level lists the previous one `width` times (9**9 leaves)."""
    lines = ['a0: &a0 ["lol"]']
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def main() -> None:
    (HERE / "macos-resource-fork.bin").write_bytes(macos_resource_fork())
    (HERE / "alias-bomb.yaml").write_text(alias_bomb(), encoding="utf-8")


if __name__ == "__main__":
    main()
