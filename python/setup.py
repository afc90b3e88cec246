"""Records the Winnow checkout this package is installed from (winnow/_repo.py in the
built package), so the installed package finds (or builds) libWinnowC.so there. See
winnow/_library.py for the search order."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

REPO = Path(__file__).resolve().parent.parent


class BuildPy(build_py):
    def run(self):
        super().run()
        if (REPO / "Package.swift").is_file():
            target = Path(self.build_lib) / "winnow" / "_repo.py"
            target.write_text(f'"""Written at install time."""\nREPO = {str(REPO)!r}\n')


setup(cmdclass={"build_py": BuildPy})
