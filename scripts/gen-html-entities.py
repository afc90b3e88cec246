#!/usr/bin/env python3
"""Generates Winnow's HTML5 named character reference table and its test fixtures.

Reads Python's own `html.entities.html5` (the WHATWG list, 2,231 names, stdlib: pinned by
the Python version, which is recorded in every generated file) and writes:

  Sources/Winnow/Normalize/HTMLEntities+Table.swift
      the names, sorted by their bytes, concatenated into one StaticString, with their
      end offsets and values (two Unicode scalars per name, 0 for none);
  Corpora/entities/html5-entities.tsv
      one line per name: `name<TAB>value as hex code points`;
  Corpora/entities/unescape-cases.tsv
      tricky inputs and what Python's `html.unescape` makes of them (differential fixture).

Run from the package root: `python3 scripts/gen-html-entities.py`. The output is
deterministic; re-running it on the same Python version changes nothing.
"""

import html
import html.entities
import os
import platform
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY = platform.python_version()

# Tricky inputs for the differential test (no TAB or newline inside a case).
CASES = [
    "&amp;", "&amp", "&AMP;", "&AMP", "&amp;amp;", "&ampfoo", "&ampfoo;", "&amp=", "&amp;x",
    "&notit;", "&notin;", "&not", "&noti", "&notit", "&not;it", "&no", "&n",
    "&lt&gt", "&LT", "&lt;&gt;", "&lt;script&gt;", "&LT;", "&Lt;", "&GT", "&gtx",
    "&#39;", "&#39", "&#x27;", "&#X27", "&#x27", "&#0039;", "&#x0000027;", "&#39x", "&#x27g",
    "&#x110000;", "&#1114111;", "&#1114112;", "&#x10FFFF;", "&#x10FFFE;", "&#xFFFE;",
    "&#xFFFF;", "&#x1FFFE;", "&#xFDD0;", "&#xFDEF;", "&#xFDF0;", "&#xD800;", "&#xDFFF;",
    "&#55296;", "&#xD7FF;", "&#xE000;",
    "&#150;", "&#x96;", "&#128;", "&#x80;", "&#x81;", "&#x8D;", "&#x9D;", "&#x9F;", "&#x9f",
    "&#0;", "&#x0;", "&#00;", "&#1;", "&#8;", "&#9;", "&#11;", "&#12;", "&#13;", "&#14;",
    "&#31;", "&#32;", "&#127;", "&#x7F;", "&#160;",
    "&#x1F600;", "&#128512;", "&#x1f600", "&#xFFFFFFFFFFFFFFFFFFFF;", "&#99999999999999999999;",
    "&;", "&#;", "&#x;", "&#X;", "&#", "&#x", "&", "&&", "&&amp;", "& amp;", "&\x0bamp;", "&\ramp;", "&\x0camp;",
    "AT&T", "AT&T;", "AT&amp;T", "Q&A", "a & b", "a&b&c", "fish&chips",
    "&eacute;", "&eacute", "&Eacute", "&eacutex", "&Eacute;t&eacute;", "&nbsp;", "&nbsp",
    "&nbspx", "&copy2024", "&copy;2024", "&reg", "&frac12;", "&frac12", "&frac34x",
    "&hellip;", "&hellip", "&mdash;", "&mdash", "&rsquo;", "&ldquo;&rdquo;",
    "&NotEqualTilde;", "&nvlt;", "&bne;", "&fjlig;", "&ThickSpace;", "&NewLine;", "&Tab;",
    "&CounterClockwiseContourIntegral;", "&CounterClockwiseContourIntegral",
    "&CounterClockwiseContourIntegralx;", "&" + "a" * 31 + ";", "&" + "a" * 32 + ";",
    "&" + "a" * 33 + ";", "&amp" + "x" * 40, "&ampé", "&amp中文", "&中文;", "&é;",
    "&Aacute", "&aacute;", "&Abreve;", "&Abreve", "&sup2", "&sup2;", "&sup23", "&micro",
    "&quot;", "&quot", "&QUOT", "&apos;", "&apos", "&lt;&lt;&lt;", "&amp;lt;", "&amp;#39;",
    "x&#x41;y", "&#65;&#66;&#67;", "&#x4E2D;&#x6587;", "&#20013;&#25991;",
    "&#xFF21;", "&#xFF06;lt;", "&#x26;lt;", "&#38;amp;",
    "plain text without refs", "", "&zwj;&zwnj;", "&shy;", "&#x200B;", "&#xFEFF;",
]


# Pieces for seeded random cases (the differential "fuzz" part of the fixture).
PIECES = [
    "&", "&", "&", "#", "#", "x", "X", ";", ";", "amp", "lt", "gt", "not", "it", "in", "copy",
    "eacute", "nbsp", "frac12", "sup", "1", "2", "9", "0", "00", "39", "150", "65", "a", "F",
    "FFFE", "D800", "110000", "é", "中", " ", "<", "=", "AElig", "quot", "CounterClockwise",
]


def random_cases(count, seed=20240611):
    rng = random.Random(seed)
    return [
        ("&" if rng.random() < 0.7 else "") + "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 10)))
        for _ in range(count)
    ]


def fixture_escape(s):
    """Escapes a string for the TSV fixtures: backslash, controls and noncharacters."""
    out = []
    for ch in s:
        cp = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif cp < 0x20 or 0x7F <= cp <= 0x9F or (cp & 0xFFFE) == 0xFFFE or 0xFDD0 <= cp <= 0xFDEF:
            out.append("\\u{%X}" % cp)
        else:
            out.append(ch)
    return "".join(out)


def main():
    html5 = html.entities.html5
    names = sorted(html5, key=lambda k: k.encode("ascii"))
    assert all(n.isascii() for n in names)
    assert all(1 <= len(v) <= 2 for v in html5.values())
    legacy = [n for n in names if not n.endswith(";")]
    blob = "".join(names)
    assert len(blob) < 65536

    ends, values, pos = [], [], 0
    for n in names:
        pos += len(n)
        ends.append(pos)
        v = [ord(c) for c in html5[n]]
        values.extend(v + [0] * (2 - len(v)))

    def rows(items, per_line, fmt):
        lines = []
        for i in range(0, len(items), per_line):
            lines.append("    " + ", ".join(fmt % x for x in items[i : i + per_line]) + ",")
        return "\n".join(lines)

    # The names blob as a multi-line literal whose line breaks are escaped away.
    chunks = [blob[i : i + 96] for i in range(0, len(blob), 96)]
    literal = "\\\n".join(chunks)

    swift = f"""// GENERATED by scripts/gen-html-entities.py from Python {PY}'s html.entities.html5
// ({len(names)} names, {len(legacy)} of them legacy names accepted without ';'). Do not edit.

/// The HTML5 named character references, as Python {PY}'s `html.entities.html5` lists them.
enum HTMLEntityTable {{
  /// The Python version the table was generated from.
  static let pythonVersion = "{PY}"
  /// How many names there are.
  static let count = {len(names)}
  /// The longest legacy name (accepted without a trailing ';').
  static let maxLegacyNameLength = {max(len(n) for n in legacy)}
  /// The longest name, ';' included.
  static let maxNameLength = {max(len(n) for n in names)}

  /// All names concatenated, sorted by their bytes (ASCII).
  static let names: StaticString = \"\"\"
{literal}
\"\"\"

  /// `nameEnds[i]` is the end offset of name `i` in ``names``; it starts where name
  /// `i - 1` ends (name 0 at offset 0).
  static let nameEnds: [UInt16] = [
{rows(ends, 12, "%d")}
  ]

  /// The value of name `i`: scalars `values[2 * i]` and `values[2 * i + 1]` (0: none).
  static let values: [UInt32] = [
{rows(values, 8, "0x%X")}
  ]
}}
"""
    with open(os.path.join(ROOT, "Sources/Winnow/Normalize/HTMLEntities+Table.swift"), "w") as f:
        f.write(swift)

    os.makedirs(os.path.join(ROOT, "Corpora/entities"), exist_ok=True)
    with open(os.path.join(ROOT, "Corpora/entities/html5-entities.tsv"), "w", encoding="utf-8") as f:
        f.write(f"# html.entities.html5 of Python {PY}: name<TAB>value as hex code points\n")
        for n in names:
            f.write(n + "\t" + " ".join("%X" % ord(c) for c in html5[n]) + "\n")

    with open(os.path.join(ROOT, "Corpora/entities/unescape-cases.tsv"), "w", encoding="utf-8") as f:
        f.write(f"# input<TAB>html.unescape(input) with Python {PY}; escapes: \\\\ and \\u{{HEX}}\n")
        for c in CASES + random_cases(500):
            assert "\t" not in c and "\n" not in c
            f.write(fixture_escape(c) + "\t" + fixture_escape(html.unescape(c)) + "\n")
    print(f"{len(names)} names, {len(CASES)} + 500 cases, Python {PY}", file=sys.stderr)


if __name__ == "__main__":
    main()
