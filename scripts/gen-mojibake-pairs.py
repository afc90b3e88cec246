#!/usr/bin/env python3
"""Generates the mojibake test pairs: real UTF-8 text really mis-decoded.

Writes (run from the package root: `python3 scripts/gen-mojibake-pairs.py`):

  Corpora/messy/mojibake-pairs.tsv
      `kind<TAB>mojibake<TAB>original`, where kind is
        cp1252   UTF-8 bytes decoded as Windows-1252 (WHATWG: the five undefined bytes
                 0x81 0x8D 0x8F 0x90 0x9D become C1 controls, as browsers do),
        latin1   UTF-8 bytes decoded as ISO-8859-1 (0x80-0x9F become C1 controls),
        double   the cp1252 mistake made twice;
  Corpora/messy/mojibake-gbk-pairs.tsv
      `mojibake<TAB>original`: UTF-8 bytes decoded as GBK by ICU's converter (`uconv`,
      the ICU the library links), kept only when the mis-decoding was lossless.

Escapes in both files: `\\\\` and `\\u{HEX}` (controls, noncharacters).
"""

import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

TEXTS = [
    # French
    "C’est déjà l’été à Paris", "Ça coûte 5 € à la boulangerie", "Joyeux Noël !",
    "crème brûlée", "une façade naïve", "Hôtel de Ville", "École élémentaire", "L’État, c’est moi",
    "œuvre complète", "voilà", "« Bonjour », dit-il.",
    # German
    "Grüße aus München", "Österreich und Übersee", "Ärger über die Straße", "schön",
    # Spanish
    "¿Qué tal, señor?", "una canción del año", "¡Olé!", "información",
    # Portuguese
    "São Paulo", "informação", "não sei", "coração", "Olá, mãe",
    # Italian
    "perché no", "la città", "Però è così",
    # Polish, Czech, Slovak
    "Zażółć gęślą jaźń", "Łódź", "Příliš žluťoučký kůň úpěl ďábelské ódy", "čeština",
    # Turkish, Romanian, Hungarian
    "İstanbul’da güzel bir gün", "Türkçe", "România și Moldova", "țară", "Győr és Pécs",
    # Vietnamese
    "Tiếng Việt", "người Việt Nam",
    # Nordic, Icelandic
    "Þórr og Óðinn", "það er", "Ærø og Åland", "smørrebrød", "Ísland",
    # Cyrillic, Greek
    "Привет, мир", "в Москве", "Київ", "Καλημέρα κόσμε", "Ελλάδα",
    # CJK
    "中文", "你好，世界", "互联网上的中文文本", "日本語のテキスト", "こんにちは", "한국어 텍스트",
    # Arabic, Hebrew, Thai, Devanagari
    "مرحبا بالعالم", "العربية", "שלום עולם", "ภาษาไทย", "हिन्दी",
    # Typography, symbols, emoji
    "It’s “quoted” — text…", "© 2024 Winnow™", "50 °C", "±5 %", "€100 or £5", "a → b",
    "• item", "½ cup", "😀 smile", "👍🏽 ok", "naïve café",
]

UNDEFINED_1252 = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def sloppy_cp1252(data):
    return "".join(chr(b) if b in UNDEFINED_1252 else bytes([b]).decode("cp1252") for b in data)


def escape(s):
    out = []
    for ch in s:
        cp = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif cp < 0x20 or 0x7F <= cp <= 0x9F or (cp & 0xFFFE) == 0xFFFE:
            out.append("\\u{%X}" % cp)
        else:
            out.append(ch)
    return "".join(out)


def gbk_decode_icu(data):
    """Decodes bytes as GBK with ICU's uconv, failing on any illegal sequence."""
    r = subprocess.run(
        ["uconv", "-f", "GBK", "-t", "UTF-8", "--from-callback", "stop"],
        input=data, capture_output=True,
    )
    if r.returncode != 0:
        return None
    return r.stdout.decode("utf-8")


def main():
    os.makedirs(os.path.join(ROOT, "Corpora/messy"), exist_ok=True)
    rows = []
    for t in TEXTS:
        utf8 = t.encode("utf-8")
        once = sloppy_cp1252(utf8)
        rows.append(("cp1252", once, t))
        latin1 = utf8.decode("latin-1")
        if latin1 != once:
            rows.append(("latin1", latin1, t))
        rows.append(("double", sloppy_cp1252(once.encode("utf-8")), t))
    with open(os.path.join(ROOT, "Corpora/messy/mojibake-pairs.tsv"), "w", encoding="utf-8") as f:
        f.write("# kind<TAB>mojibake<TAB>original; written by scripts/gen-mojibake-pairs.py\n")
        for kind, bad, good in rows:
            f.write(f"{kind}\t{escape(bad)}\t{escape(good)}\n")

    gbk_rows = []
    for t in TEXTS:
        bad = gbk_decode_icu(t.encode("utf-8"))
        if bad is not None and bad != t:
            gbk_rows.append((bad, t))
    with open(os.path.join(ROOT, "Corpora/messy/mojibake-gbk-pairs.tsv"), "w", encoding="utf-8") as f:
        f.write("# mojibake<TAB>original: UTF-8 decoded as GBK by ICU (uconv); "
                "written by scripts/gen-mojibake-pairs.py\n")
        for bad, good in gbk_rows:
            f.write(f"{escape(bad)}\t{escape(good)}\n")
    print(f"{len(rows)} cp1252/latin1 pairs, {len(gbk_rows)} GBK pairs")


if __name__ == "__main__":
    main()
