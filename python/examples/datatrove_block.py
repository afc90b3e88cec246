"""A datatrove-style pipeline block that cleans documents with Winnow.

With datatrove installed, ``WinnowCleaner`` is a real ``datatrove.pipeline.base.PipelineStep``
and drops into a datatrove pipeline:

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from datatrove_block import WinnowCleaner

    LocalPipelineExecutor(pipeline=[
        JsonlReader("pages/"),
        WinnowCleaner(),            # or WinnowCleaner(config="my-pipeline.yaml")
        JsonlWriter("clean/"),
    ], tasks=4).run()

Without datatrove it runs on its own over any objects with ``text``, ``id`` and
``metadata`` (``SimpleDocument`` below), which is how the tests use it:

    python3 datatrove_block.py < pages.txt    # one document per line in, clean text out

Each document's text is replaced by Winnow's clean text; ``metadata["winnow"]`` gets
Winnow's results (annotations, dropped pieces with reason codes). Documents are processed in
batches on several threads (Winnow's C calls run without the GIL).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from itertools import islice
from typing import Iterable, Iterator, Optional

import winnow

try:  # the real base class when datatrove is available
    from datatrove.pipeline.base import PipelineStep as _Base

    HAVE_DATATROVE = True
except ImportError:
    HAVE_DATATROVE = False

    class _Base:  # the parts of datatrove's PipelineStep this block uses
        name = "step"
        type = "step"

        def __init__(self) -> None:
            self.stats: dict = {}

        def stat_update(self, *labels: str, value: int = 1, unit: Optional[str] = None) -> None:
            for label in labels:
                self.stats[label] = self.stats.get(label, 0) + value


@dataclass
class SimpleDocument:
    """A stand-in for ``datatrove.data.Document`` (text, id, metadata)."""

    text: str
    id: str
    metadata: dict = field(default_factory=dict)


class WinnowCleaner(_Base):
    """Replaces each document's text with Winnow's clean text.

    Args:
        config: a pipeline configuration (YAML/JSON text or a file path); None for
            ``winnow run``'s default pipeline (normalize → boilerplate → segment →
            entities).
        batch_size: documents per batch handed to Winnow's threads.
        threads: worker threads (default: all cores).
        drop_empty: drop documents left with only whitespace.
        keep_results: store Winnow's results under ``metadata["winnow"]``.
    """

    name = "🧹 Winnow"
    type = "✂️ - FORMAT"

    def __init__(self, config: Optional[str] = None, batch_size: int = 256, threads: Optional[int] = None,
                 drop_empty: bool = True, keep_results: bool = True) -> None:
        super().__init__()
        self.config = config
        self.batch_size = batch_size
        self.threads = threads
        self.drop_empty = drop_empty
        self.keep_results = keep_results
        self._pipeline: Optional[winnow.Pipeline] = None

    @property
    def pipeline(self) -> winnow.Pipeline:
        # Built lazily, in the worker process (datatrove pickles steps to send them).
        if self._pipeline is None:
            self._pipeline = winnow.Pipeline.from_config(self.config)
        return self._pipeline

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_pipeline"] = None
        return state

    def run(self, data: Iterable, rank: int = 0, world_size: int = 1) -> Iterator:
        """Cleans the documents of `data`, in order, and yields those kept."""
        it = iter(data)
        while batch := list(islice(it, self.batch_size)):
            results = self.pipeline.process_batch([d.text for d in batch], threads=self.threads, errors="keep")
            for doc, result in zip(batch, results):
                self.stat_update("documents")
                if isinstance(result, winnow.WinnowError):
                    self.stat_update("winnow_error")
                    doc.metadata["winnow_error"] = result.message
                    yield doc
                    continue
                for drop in result["winnow"]["dropped"]:
                    self.stat_update(f"dropped_{drop['reason']}")
                doc.text = result["text"]
                if self.keep_results:
                    doc.metadata["winnow"] = result["winnow"]
                if self.drop_empty and not doc.text.strip():
                    self.stat_update("dropped_empty")
                    continue
                yield doc


if __name__ == "__main__":
    cleaner = WinnowCleaner(drop_empty=False, keep_results=False)
    docs = (SimpleDocument(text=line.rstrip("\n"), id=str(i)) for i, line in enumerate(sys.stdin))
    for d in cleaner.run(docs):
        print(d.text.replace("\n", " "))
    if not HAVE_DATATROVE:
        print(f"stats: {cleaner.stats}", file=sys.stderr)
