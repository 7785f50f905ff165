#!/usr/bin/env bash
# Makes fonts/noto-sans-sc-gb2312-l1.woff2, the inbox page's Chinese font, so that the page reads on a machine
# with no CJK font (a bare container, CI): the generated file is committed, so builds need no font tools.
#
# Source: Debian 12's fonts-noto-cjk 1:20220127+repack1-1 (Noto Sans CJK 2.004, SIL Open Font License 1.1,
# see fonts/OFL.txt), face 2 of NotoSansCJK-Regular.ttc: Noto Sans CJK SC Regular.
# Tools: Debian 12's python3-fonttools 4.38.0-1+deb12u1 (pyftsubset) and python3-brotli 1.0.9-2+deb12u1 (woff2).
#   apt-get install fonts-noto-cjk python3-fonttools python3-brotli
#   bash packages/emulator/scripts/subset-font.sh [path/to/NotoSansCJK-Regular.ttc]
#
# Characters: GB2312 level 1 (the 3,755 most common hanzi, rows 16-55), CJK symbols and punctuation
# (U+3000-303F), fullwidth ASCII (U+FF01-FF5E) and fullwidth signs (U+FFE0-FFE6). Rarer hanzi fall back to
# the system's fonts. Hinting and the layout features beyond ccmp and kern are dropped: the Japanese, Korean and
# Traditional forms that locl and vert reach would double the file. The copyright and license names (name IDs
# 0-7, 13, 14) are kept inside the font, as the OFL asks.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source_ttc="${1:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}"
out="$here/../fonts/noto-sans-sc-gb2312-l1.woff2"
face=2 # 0 JP, 1 KR, 2 SC, 3 TC, 4 HK

if [[ ! -f "$source_ttc" ]]; then
  echo "No $source_ttc: apt-get install fonts-noto-cjk (or pass the .ttc's path)" >&2
  exit 1
fi

chars="$(mktemp)"
trap 'rm -f "$chars"' EXIT
# GB2312 level 1: lead bytes 0xB0-0xD7, trail bytes 0xA1-0xFE (row 55 ends at 0xF9; the codec skips the gaps).
python3 - "$chars" <<'PY'
import sys
text = []
for lead in range(0xB0, 0xD8):
    for trail in range(0xA1, 0xFF):
        try:
            text.append(bytes([lead, trail]).decode('gb2312'))
        except UnicodeDecodeError:
            pass
assert len(text) == 3755, len(text)
open(sys.argv[1], 'w', encoding='utf-8').write(''.join(text))
PY

python3 -m fontTools.subset "$source_ttc" \
  --font-number="$face" \
  --text-file="$chars" \
  --unicodes='U+3000-303F,U+FF01-FF5E,U+FFE0-FFE6' \
  --layout-features='ccmp,kern' \
  --no-hinting \
  --desubroutinize \
  --name-IDs='0,1,2,3,4,5,6,7,13,14' \
  --flavor=woff2 \
  --output-file="$out"

echo "$out: $(wc -c <"$out") bytes, sha256 $(sha256sum "$out" | cut -d' ' -f1)"
