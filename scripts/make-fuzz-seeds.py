#!/usr/bin/env python3
"""Writes the committed fuzz seed corpus, Corpora/fuzz/<target>/, from small snippets.

Sources: the sample page and messy-text files already in Corpora/, a few sentences of
UD Chinese GSD/GSDSimp (CC BY-SA 4.0, from ../shared/data/segmentation when present), and
hand-written edge cases. Every seed is < 4 KB. Re-run after changing it; libFuzzer adds
its own finds to a scratch copy (see scripts/fuzz.sh), not to these folders.
"""
import os, sys, pathlib

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "Corpora" / "fuzz"
shared = root.parent / "shared" / "data" / "segmentation"

def read(p):
    try:
        return pathlib.Path(p).read_bytes()
    except OSError:
        return b""

page = read(root / "Corpora/pages/cgtn-coalition-2025-03-20.txt")
page_lines = [l for l in page.split(b"\n") if l.strip()]
messy = [read(root / "Corpora/messy" / n) for n in ["gb18030-sample.txt", "invalid-utf8.txt", "mojibake-lookalikes.txt"]]
mojibake_pairs = read(root / "Corpora/messy/mojibake-pairs.tsv").split(b"\n")[:40]
gbk_pairs = read(root / "Corpora/messy/mojibake-gbk-pairs.tsv").split(b"\n")[:20]
ud = []
for name in ["ud-zh-gsdsimp-dev.raw.txt", "ud-zh-gsd-dev.raw.txt"]:
    ud += read(shared / name).split(b"\n")[:6]
ud = [l for l in ud if l]

text_edge = [
    "", " ", "\n", "\r\n", "\r\r\n\n", "a", "ＡＢＣ１２３，ｄｅｆ\n中文，英文", "ｶﾞｷﾞｸﾞ ﾊﾟﾋﾟ｡",
    "e\u0301 A\u030A \u0301\u0301\u0301 \u1100\u1161\u11A8", "\ufeffBOM text", "a\u200bb\u2060c\u00adde\ufeff",
    "\u200d\u200c 👩\u200d💻 👍🏽 🇬🇧 #\ufe0f\u20e3 🏳\ufe0f\u200d🌈",
    "&amp; &lt;b&gt; &#x41; &#65; &nbsp; &notit; &#150; &#0; &#x2028; &Atilde;&copy; &amp;amp;",
    "Ã© â€™ â€œquotedâ€\u009d Ã¼ber ä¸\u00adæ–‡", "\u0001\u0007\u007f\u0085\u009f\u2028\u2029",
    "U.S. President Donald Trump, Britain's can't e.g. 1,234.56 3.14 v2.0 010-85061466",
    "我们是中国人。中华人民共和国成立于1949年10月1日！", "臺灣的資訊科技產業", "ひらがなとカタカナー、漢字。ｶﾀｶﾅ",
    "한국어 텍스트입니다.", "العربية عَ ٣ עברית ״ ׳", "ภาษาไทยไม่มีช่องว่าง ພາສາລາວ ភាសាខ្មែរ မြန်မာ",
    "\u0378\U000E0080\U0010FFFF\U0002FFFF\ufffd\ue000\U000E0041", "ﬁ Ⅻ ẞ İ ǅ ½ x² “”–…",
    "\u3000\u3000全角空格\u00a0\u2003em", "   lots   of   spaces   \t\t\n\n\n\nblank lines",
    "line one\r\nline two\rline three\u0085four\u2028five",
]
bad_utf8 = [
    b"\x80", b"\xff\xfe", b"\xfe\xff", b"\xc0\xaf", b"\xed\xa0\x80\xed\xb0\x80", b"\xe4\xb8",
    b"\xf4\x90\x80\x80", b"\xf0\x9f\x98", b"a\xc2", b"\xe0\x80\xafx", b"\xef\xbb\xbf\xef\xbb",
    b"\xff\xfeh\x00i\x00 \x00-N\x87e", b"\xfe\xff\x00h\x00i\x4e\x2d", b"\x00\x00\x00\x00",
    "中文".encode("gb18030") + b" mislabelled GB18030", "ascii then ".encode() + "latin-1 é".encode("latin-1"),
]

def texts():
    t = [s.encode() for s in text_edge] + bad_utf8 + page_lines[:12] + [page[:3900]] + ud + messy
    t += [l for l in mojibake_pairs if l][:10] + [l for l in gbk_pairs if l][:6]
    return [x[:3900] for x in t]

json_seeds = [
    b'{"id":"1","text":"Hello, \\u4e16\\u754c!","url":"https://example.com/a?b=c"}',
    b'{"id":2,"text":"a\\nb\\r\\n\\t\\"q\\" \\\\ \\u00e9 \\ud83d\\ude00 \\ud800 lone","lang":"en"}\n{"id":3,"text":""}\n\n   \n[1,2]',
    b'{"text":"\xe4\xb8\xad\xe6\x96\x87","annotations":[{"kind":"GPE","start":0,"end":3,"value":{"x":[1,2.5e-3,-0,true,false,null]}}],"results":{"k":1},"metadata":{"source":"s","line":4,"fields":{"a":"b"}}}',
    b'{"text":"abc","annotations":[{"kind":"X","start":1,"end":2},{"kind":"Y","start":0,"end":0,"id":"q","source":"ext"}]}',
    b'[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
    b'{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{}}}}}}}}}}',
    b'0\n-0.0e+10\n1E400\n123456789012345678901234567890\n"\\u0000\\u001f\\u007f"\ntrue\nnull\nfalse',
    b'{"a":1,"a":2,"":"empty key","\\u2028":"\xe2\x80\xa8"}',
    b'{"text":"bad \xff utf8","id":"keep"}\r\n{"text": "ok" }\r\n',
    b'{"id":"x","text":1}\n{"no_text":true}\n"just a string"\n{',
    b'{"text":"' + "中文 text ".encode() * 40 + b'"}',
]
for l in page_lines[:4]:
    import json
    json_seeds.append(json.dumps({"id": "page", "text": l.decode("utf-8", "replace")}, ensure_ascii=False).encode())
json_seeds.append(b"\n".join(json.dumps({"id": i, "text": s.decode("utf-8", "replace")}, ensure_ascii=(i % 2 == 0)).encode() for i, s in enumerate(ud[:5])))

config_seeds = [
    b"stages: [normalize]", b"stages:\n  - normalize\n  - segment\n",
    b"version: 1\nname: demo\ndescription: x\nstages:\n  - stage: normalize\n    profile: search\n    steps: [width, form]\n  - {stage: external, command: \"python3 my_stage.py\", timeout: 2.5}\n",
    b'{"stages":[{"stage":"normalize","profile":"default"},"segment",{"stage":"x","n":null,"b":true,"f":1e3,"h":0x1F,"o":.5}]}',
    b"stages:\n  - stage: a\n    nested: {k: [1, 2, {z: ~}]}\n    multi: |\n      line one\n      line two\n    folded: >\n      a\n      b\n",
    b"stages: []\n", b"stages: normalize\n", b"stagez: [a]\n", b"- a\n- b\n", b"stages:\n  - stage: ''\n",
    b"stages:\n  - &anchor {stage: a, k: v}\n  - *anchor\n", b"stages: [!!str 1, '2', \"\\u4e2d\"]\n",
    "stages:\n  - stage: 中文\n    键: 值\n".encode(), b"stages: [a, [b]]\n", b"stages:\n  - stage: [x]\n",
    b"stages:\n  - stage: a\n    yes: no\n    on: off\n    1: 2\n", b"%YAML 1.1\n---\nstages: [a]\n...\n",
    b"stages: [a]\n\tbad: tab\n", b"stages: [{stage: a, k: .inf, m: -.Inf, n: .nan}]\n",
    b"stages: [{stage: a, k: 1_000, m: 0o17, d: 2025-03-20, t: 12:30:00}]\n",
]

ent_seeds = []
def ent(flags, keys, text, corruption=None):
    b = bytes([flags]) + b"\n".join(k.encode() for k in keys) + b"\x00" + text.encode()
    if corruption is not None:
        b += b"\x00" + corruption
    return b
ent_seeds += [
    ent(0, ["new", "new york", "york"], "I love new york city"),
    ent(1, ["new", "new york", "york"], "new york new yorker"),
    ent(2, ["europe", "don", "iran", "u.s."], "european don the don river irani iran's russia-u.s. talks"),
    ent(3, ["北京", "欢迎", "你", "北京欢迎你"], "北京欢迎你，london北京"),
    ent(2, ["london", "zürich", "москва"], "北京london上海 xzürich zürich москва"),
    ent(6, ["a", "aa", "aaa", "b"], "aaaaabaaab"),
    ent(0x1C, ["he", "she", "his", "hers"], "ushers she his hers"),
    ent(0x0A, ["中华人民共和国", "人民", "共和国", "中华"], "中华人民共和国成立"),
    ent(2, ["keir starmer", "donald trump", "u.s. president"], "after u.s. president donald trump met keir starmer."),
    ent(0, ["é", "e\u0301", "\U0001F600"], "café cafe\u0301 😀"),
    ent(1, ["ab", "b", "abc"], "abcabc", b"\x10\x00\x01\x20\x00\xff"),
    ent(3, ["x", "xy"], "xyxy", b"\x09\x00\x05\x30\x00\x02\x48\x00\x80"),
    b"\x02iran\nirani text: irani iran iran's",
    b"\x01\xff\x80\n\xc0\xaf\x00\xff\x80\xc0\xaf\xed\xa0\x80",
]
for l in page_lines[6:9]:
    ent_seeds.append(b"\x02china\nbeijing\nus\ncgtn\n" + "中国\n北京".encode() + b"\x00" + l.lower()[:1500])

# Boilerplate pages: flags byte, then pages separated by 0x00 (BoilerplateFuzzCheck).
health = read(root / "Corpora/boilerplate/people-health-page.txt")
health_lines = [l for l in health.split(b"\n") if l.strip()]
def bp(flags, *pages):
    return bytes([flags]) + b"\x00".join(pages)
def chunk(lines, limit=1800):
    out, size = [], 0
    for l in lines:
        if size + len(l) + 1 > limit:
            break
        out.append(l)
        size += len(l) + 1
    return b"\n".join(out)
chrome = "\n".join([
    "We use cookies to improve your experience. By continuing to browse you accept our cookie policy.",
    "CHOOSE YOUR LANGUAGE", "English | 中文 | Français", "Home > News > World", "Share on Facebook Share on Twitter",
    "互联网新闻信息许可证10120180008", "京ICP备12345678号-1", "违法和不良信息举报电话：010-85061466",
    "Copyright © 2025 Example. All rights reserved.",
]).encode()
article = "\n".join([
    "Military chiefs from around 30 countries met in London on Thursday to discuss a peacekeeping force for Ukraine.",
    "A soldier stands guard near the venue on March 20, 2025. /VCG",
    "Short line.",
    "The meeting, hosted at a military base, followed talks between the leaders earlier this month, officials said.",
    "记者从会上获悉，今年以来全市新增就业岗位12万个，同比增长百分之八，城镇登记失业率保持在较低水平。",
    "责任编辑：张三", "来源：新华社", "Editor: Jane Doe", "Photo: Reuters",
]).encode()
forum = "\n".join([
    "Re: best way to parse logs?", "user123", "2024-03-01 12:34",
    "I usually split on whitespace first, then handle the quoted fields with a small state machine.",
    "admin", "3 days ago", "Thanks, that worked for me too.", "Reply Quote", "Reply Quote",
    "Related articles", "How to parse CSV", "How to parse JSON", "How to parse XML",
]).encode()
table = "\n".join(["Rank\tName\tScore", "1\tAlice\t98", "2\tBob\t95", "3", "4", "2024年5月20日", "By Sam Haysom", "12 hours ago"]).encode()
bp_seeds = [
    bp(0, chunk(page_lines)), bp(1, chunk(page_lines[3:])), bp(0x20, chrome + b"\n" + article, chrome + b"\nOther text on page two.", chrome),
    bp(0x24, chunk(health_lines)), bp(0x12, forum), bp(0x48, article + b"\n" + table), bp(0x40, chrome + b"\n" + article),
    bp(0x3F, article, article, forum), bp(0, b""), bp(0, b"\n\n\r\n \t\n"), bp(0x10, "第1章 林轩\n第2章 你，过来！\n第3章 剑型吊坠".encode()),
    bp(2, b"\xff\xfe bad \xc0\xaf bytes\n\xed\xa0\x80 surrogate\nMenu\nMenu\nMenu"),
    bp(0, "Photo taken on May 2, 2024 shows a view of the city. (Xinhua/Li Ming)\n图为北京街景。（新华社记者 王某 摄）".encode()),
    bp(0x80, '{"version":1,"sites":{"example.com":{"pages":3,"lines":["CHOOSE YOUR LANGUAGE","Share on Facebook Share on Twitter","Short line.","e\u0301"]}}}'.encode(),
       chrome + b"\n" + article + "\n\u00e9\ne\u0301".encode()),
    bp(0x80, b'{"version":1,"sites":{"a":{"pages":"x","lines":[]}}}', article),
    # Page 0's lines as the site's learned lines (no corpus pass, no state file).
    bp(0, "Caf\u00e9 menu\nShare this story\n\u4e2d\u6587\u5bfc\u822a\nA\u030a ring".encode(),
       "Cafe\u0301 menu\nShare this story\n\u4e2d\u6587\u5bfc\u822a\n\u00c5 ring\n".encode() + article),
    bp(2, chrome, chrome + b"\n" + article + b"\n" + forum),
]

targets = {
    "FuzzNormalize": texts(),
    "FuzzTokenize": texts(),
    "FuzzJSONL": json_seeds,
    "FuzzPipelineConfig": config_seeds,
    "FuzzEntities": ent_seeds,
    "FuzzBoilerplate": bp_seeds,
}
for name, seeds in targets.items():
    d = out / name
    d.mkdir(parents=True, exist_ok=True)
    for old in d.glob("seed-*"):
        old.unlink()
    n = 0
    for s in dict.fromkeys(seeds):  # unique, in order
        assert len(s) < 4096, (name, len(s))
        (d / f"seed-{n:03d}").write_bytes(s)
        n += 1
    print(f"{name}: {n} seeds")
