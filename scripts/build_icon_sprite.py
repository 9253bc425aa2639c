"""Build static/icons/sprite.svg from an unpacked lucide-static package.

``make icons`` runs it: python scripts/build_icon_sprite.py <package dir> <out dir>.
Only the icons named in static/icons/icons.txt go in; each becomes a <symbol>
whose id is the icon's name, used as ``<use href=".../sprite.svg#name">``.
"""

import re
import shutil
import sys
from pathlib import Path

SVG = re.compile(r"<svg\b[^>]*>(?P<body>.*?)</svg>", re.S)


def symbol(name: str, source: str) -> str:
    match = SVG.search(source)
    if match is None:
        raise SystemExit(f"{name}: no <svg> element")
    body = " ".join(line.strip() for line in match["body"].splitlines() if line.strip())
    return f'<symbol id="{name}" viewBox="0 0 24 24">{body}</symbol>'


def main(package: Path, out: Path) -> None:
    names = [
        line.strip()
        for line in (out / "icons.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    manifest = (package / "package.json").read_text()
    version = re.search(r'"version":\s*"([^"]+)"', manifest)
    symbols = [
        symbol(name, (package / "icons" / f"{name}.svg").read_text()) for name in names
    ]
    header = (
        f"<!-- lucide-static {version[1] if version else '?'}"
        " (ISC, LICENSE-lucide.txt): make icons -->"
    )
    (out / "sprite.svg").write_text(
        header
        + '\n<svg xmlns="http://www.w3.org/2000/svg">\n'
        + "\n".join(symbols)
        + "\n</svg>\n"
    )
    shutil.copyfile(package / "LICENSE", out / "LICENSE-lucide.txt")
    print(f"static/icons/sprite.svg: {len(symbols)} icons")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
