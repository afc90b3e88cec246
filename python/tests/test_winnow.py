"""Tests of the Python package over libWinnowC.so (run by scripts/test-python.sh).

The `winnow` command used for comparisons is $WINNOW_BIN, else the checkout's
.build/{debug,release}/winnow.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import winnow

REPO = Path(__file__).resolve().parents[2]
PAGE = REPO / "Corpora" / "pages" / "cgtn-coalition-2025-03-20.txt"
# A page that is only a copyright footer, in full-width letters: the default pipeline drops it.
FOOTER = "Ｃｏｐｙｒｉｇｈｔ © 2025 Ｘｉｎｈｕａ. All rights reserved."
FAILING_STAGE = "stages:\n  - {stage: external, command: \"while read l; do echo '{}'; done\"}\n"


def winnow_bin() -> Path:
    env = os.environ.get("WINNOW_BIN")
    if env:
        return Path(env)
    for config in ("debug", "release"):
        p = REPO / ".build" / config / "winnow"
        if p.is_file():
            return p
    pytest.skip("no winnow binary (set WINNOW_BIN)")


def cli(data: bytes, *args: str) -> str:
    """`winnow run ARGS` on stdin `data`; its stdout."""
    run = subprocess.run([str(winnow_bin()), "run", "--quiet", *args], input=data, capture_output=True, check=True)
    return run.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def default():
    with winnow.Pipeline.from_config() as p:
        yield p


@pytest.fixture(scope="module")
def normalize():
    with winnow.Pipeline.from_config("stages: [normalize]") as p:
        yield p


# Same output as the CLI


def test_sample_page_gives_the_same_json_as_winnow_run(default):
    data = PAGE.read_bytes()
    expected = cli(data, "--format", "jsonl")
    assert expected.endswith("\n") and expected.count("\n") == 1
    # Byte for byte, and as parsed objects; from bytes and from str (newlines kept as is).
    assert default.process_json(data) == expected[:-1]
    assert default.process(data) == json.loads(expected)
    assert default.process(PAGE.read_bytes().decode("utf-8")) == json.loads(expected)
    result = default.process(data)
    assert result["winnow"]["dropped"], "the default pipeline drops the page's boilerplate"
    assert len(result["text"].encode()) < len(data)


def test_sentences_and_tokens_match_winnow_run(default, tmp_path):
    data = PAGE.read_bytes()
    expected = json.loads(cli(data, "--format", "jsonl", "--sentences", "--tokens"))
    assert default.process(data, sentences=True, tokens=True) == expected
    # The default pipeline's boilerplate stage runs after segment and its removals clear
    # the segmentation, so check non-empty lists on normalize → segment.
    config = tmp_path / "seg.yaml"
    config.write_text("stages: [normalize, segment]\n")
    expected = json.loads(cli(data, "--format", "jsonl", "--sentences", "--tokens", "--pipeline", str(config)))
    with winnow.Pipeline.from_config(config) as p:
        assert p.process(data, sentences=True, tokens=True) == expected
    assert expected["winnow"]["sentences"] and expected["winnow"]["tokens"]


def test_clean_gives_winnow_run_text_output(default):
    data = PAGE.read_bytes()
    expected = cli(data, "--format", "text")
    clean = default.clean(data)
    assert clean == expected or clean + "\n" == expected


# A page whose URL's slug names its headline, with another story above it.
STORY = (REPO / "Corpora" / "boilerplate" / "url-headline-page.txt").read_text(encoding="utf-8")
STORY_URL = (REPO / "Corpora" / "boilerplate" / "url-headline-page.url").read_text(encoding="utf-8").strip()


def test_url_names_the_headline_as_winnow_run_reads_it(default):
    line = json.dumps({"text": STORY, "url": STORY_URL}).encode("utf-8") + b"\n"
    expected = cli(line, "--input-format", "jsonl", "--format", "text")
    clean = default.clean(STORY, url=STORY_URL)
    assert clean == expected or clean + "\n" == expected
    assert clean.startswith("Harbor Town opened")
    reasons = [d["reason"] for d in default.process(STORY, url=STORY_URL)["winnow"]["dropped"]]
    assert "title" in reasons and "above-title" in reasons
    # Without the URL the other story stays; a URL without a slug changes nothing.
    assert default.clean(STORY).startswith("The town council said")
    assert default.clean(STORY, url="https://detroit.example/") == default.clean(STORY)
    with pytest.raises(TypeError):
        default.clean(STORY, url=b"https://detroit.example/")
    with pytest.raises(ValueError):
        default.clean(STORY, url="https://a\0b")


def test_pipeline_file_same_as_cli(tmp_path):
    config = tmp_path / "p.yaml"
    config.write_text("stages:\n  - stage: normalize\n    profile: search\n  - segment\n")
    data = "Ｈｅｌｌｏ, WORLD! 測試。".encode()
    expected = json.loads(cli(data, "--format", "jsonl", "--pipeline", str(config)))
    with winnow.Pipeline.from_config(config) as p:  # a PathLike
        assert p.process(data) == expected
    with winnow.Pipeline.from_config(str(config)) as p:  # a one-line string naming a file
        assert p.process(data) == expected


# Configurations and errors


@pytest.mark.parametrize(
    "config, text, clean",
    [
        ("stages: [normalize]", "ＡＢＣ　１２３", "ABC 123"),
        ('{"stages": ["normalize"]}', "ＡＢＣ", "ABC"),
        ("stages:\n  - stage: normalize\n    profile: none\n", "ＡＢＣ", "ＡＢＣ"),
    ],
    ids=["yaml", "json", "profile-none"],
)
def test_configuration_text(config, text, clean):
    with winnow.Pipeline.from_config(config) as p:
        assert p.clean(text) == clean


@pytest.mark.parametrize(
    "config, words",
    [
        ("stages: [normalize, nope]", ["nope"]),
        ("stages: [normalize", ["line"]),
        ("stages:\n  - stage: normalize\n    bogus_option: 1\n", ["bogus_option"]),
        ("nothing: here", ["stages"]),
    ],
    ids=["unknown-stage", "yaml-syntax", "unknown-option", "no-stages"],
)
def test_bad_configuration_raises_with_the_message(config, words):
    with pytest.raises(winnow.WinnowError) as info:
        winnow.Pipeline.from_config(config)
    assert info.value.code == "usage"
    for w in words:
        assert w in str(info.value), str(info.value)


def test_bad_configuration_file_is_named(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("stages:\n  - nope\n")
    with pytest.raises(winnow.WinnowError, match="bad.yaml"):
        winnow.Pipeline.from_config(bad)


def test_failing_stage_raises_with_the_stage_named():
    with winnow.Pipeline.from_config(FAILING_STAGE) as p:
        with pytest.raises(winnow.WinnowError, match="external") as info:
            p.process("text")
        assert info.value.code == "invalidData"
        with pytest.raises(winnow.WinnowError):
            p.clean("text")


def test_ill_formed_input_becomes_replacement_characters(normalize):
    r = normalize.process(b"ok \xff!")
    assert r["text"] == "ok \ufffd!"
    assert r["winnow"]["decoding"] == {"replacements": 1, "first_offset": 3}
    assert normalize.clean("a\ud800b") == "a\ufffd\ufffd\ufffdb"  # a lone surrogate: 3 bad bytes


def test_original_flag(normalize):
    assert normalize.process("ＡＢＣ", original=True)["winnow"]["original"] == "ＡＢＣ"
    assert "original" not in normalize.process("ABC", original=True)["winnow"]  # unchanged text
    assert "original" not in normalize.process("ＡＢＣ")["winnow"]


def test_empty_and_non_text(normalize):
    assert normalize.process("") == {"text": "", "winnow": {"annotations": [], "dropped": []}}
    with pytest.raises(TypeError):
        normalize.process(42)


def test_close_and_context_manager():
    p = winnow.Pipeline.from_config("stages: [normalize]")
    assert "open" in repr(p)
    p.close()
    p.close()
    assert "closed" in repr(p)
    with pytest.raises(ValueError, match="closed"):
        p.clean("x")
    with winnow.Pipeline.from_config() as q:
        assert q.process(FOOTER)["winnow"]["dropped"][0]["reason"] == "copyright"
    with pytest.raises(ValueError):
        q.clean("x")


def test_version():
    v = winnow.version()
    assert v and v[0].isdigit()


# Many documents


def documents(n: int) -> list:
    page = PAGE.read_bytes().decode("utf-8")
    return [f"Ｄｏｃ {i}：第{i}页。\n" + page[(i * 97) % 3000:(i * 97) % 3000 + 600] for i in range(n)]


@pytest.mark.parametrize("threads", [1, 2, 4])
def test_batch_equals_one_by_one(default, threads):
    docs = documents(40)
    one_by_one = [default.process(d) for d in docs]
    assert default.process_batch(docs, threads=threads) == one_by_one
    assert default.clean_batch(docs, threads=threads) == [r["text"] for r in one_by_one]
    assert default.process_batch([], threads=threads) == []


def test_batch_errors():
    with winnow.Pipeline.from_config(FAILING_STAGE) as p:
        with pytest.raises(winnow.WinnowError):
            p.process_batch(["a", "b"], threads=2)
        kept = p.process_batch(["a", "b"], threads=2, errors="keep")
        assert all(isinstance(k, winnow.WinnowError) for k in kept)
    with pytest.raises(ValueError):
        winnow.Pipeline.from_config().process_batch(["a"], errors="ignore")


def test_threads_share_one_pipeline(default):
    docs = documents(24)
    expected = [default.process_json(d) for d in docs]
    mismatches = []

    def work(k: int) -> None:
        for _ in range(3):
            for i in range(k, len(docs), 2):
                if default.process_json(docs[i]) != expected[i]:
                    mismatches.append(i)

    threads = [threading.Thread(target=work, args=(k % 2,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert mismatches == []


# Finding the library, and the example


def test_library_found_without_winnow_lib():
    if not any((REPO / ".build" / c / winnow._library.LIBRARY_NAME).is_file() for c in ("release", "debug")):
        pytest.skip("no library in the checkout's .build")
    env = {k: v for k, v in os.environ.items() if k != "WINNOW_LIB"}
    code = "import winnow; print(winnow.find_library(build=False)); print(winnow.Pipeline.from_config('stages: [normalize]').clean('ｘ'))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    path, clean = out.splitlines()
    assert Path(path).parent.parent == REPO / ".build" and clean == "x"


def test_winnow_lib_must_exist(monkeypatch, tmp_path):
    monkeypatch.setenv("WINNOW_LIB", str(tmp_path / "missing.so"))
    with pytest.raises(winnow.LibraryNotFound, match="WINNOW_LIB"):
        winnow.find_library()


def test_datatrove_style_block():
    sys.path.insert(0, str(REPO / "python" / "examples"))
    try:
        import datatrove_block
    finally:
        sys.path.pop(0)
    page = PAGE.read_bytes().decode("utf-8")
    docs = [datatrove_block.SimpleDocument(text=t, id=str(i)) for i, t in enumerate([FOOTER, "   ", page])]
    out = list(datatrove_block.WinnowCleaner(config="stages: [normalize]").run(iter(docs)))
    # "   " dropped; the full-width footer folded to ASCII.
    assert [(d.id, d.text) for d in out] == [("0", "Copyright © 2025 Xinhua. All rights reserved."), ("2", out[1].text)]
    block = datatrove_block.WinnowCleaner(batch_size=2, threads=2)  # the default pipeline
    out = list(block.run(iter(docs)))
    assert [d.id for d in out] == ["2"]  # a page that is only a footer is boilerplate, "   " is empty
    assert out[0].metadata["winnow"]["dropped"]
    with winnow.Pipeline.from_config() as p:
        assert out[0].text == p.clean(page)
    assert block.stats["documents"] == 3 and block.stats["dropped_empty"] == 2
