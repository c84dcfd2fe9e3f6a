"""The result cache of ``mathml prove``: unchanged theorems are not run again.

A result is stored under a key made of the theorem file's text (and its sibling ``.py`` files), the theorem's
name, the mathml version, a hash of mathml's own source files, and the versions
of Python and of the numerical dependencies.  Any change to any of them is a
miss, so the cache never changes a verdict: it only replays one computed from
identical inputs.  Failed runs (errors, timeouts) are never stored.  Entries
are JSON files (no pickle: a cache directory is not trusted code).

The directory is ``$MATHML_CACHE_DIR``, else ``$XDG_CACHE_HOME/mathml``, else
``~/.cache/mathml``; ``mathml prove --no-cache`` bypasses it.

Examples
--------
>>> import pathlib, tempfile, textwrap
>>> from mathml.core.cache import ResultCache
>>> from mathml.core.theorems import collect_theorems, run_theorems
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp, "t.py")
...     _ = path.write_text(textwrap.dedent('''
...         import sympy as sp, mathml as mm
...         @mm.theorem("two")
...         def two():
...             return mm.verify(sp.Integer(1) + 1, 2)
...     '''))
...     cache = ResultCache(pathlib.Path(tmp, "cache"))
...     (info,) = collect_theorems([path])
...     miss = cache.get(info)
...     stored = cache.put(info, run_theorems([info])[0])
...     hit = cache.get(info)
>>> miss is None, stored, hit.status.value, hit.cached
(True, True, 'proved', True)
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import platform
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from .derivation import TheoremInfo
from .errors import InvalidInputError
from .verdict import Status

__all__ = ["ResultCache", "default_cache_dir", "environment_fingerprint"]

_DEPENDENCIES = ("sympy", "mpmath", "numpy", "scipy", "python-flint", "networkx", "galgebra")
_FORMAT = 1


def default_cache_dir() -> Path:
    """``$MATHML_CACHE_DIR``, else ``$XDG_CACHE_HOME/mathml``, else ``~/.cache/mathml``.

    Examples
    --------
    >>> default_cache_dir().name in ("mathml",) or bool(__import__("os").environ.get("MATHML_CACHE_DIR"))
    True
    """
    env = os.environ.get("MATHML_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mathml"


@lru_cache(maxsize=1)
def environment_fingerprint() -> str:
    """A hash of the mathml version, mathml's source files, Python and dependency versions.

    Examples
    --------
    >>> len(environment_fingerprint())
    64
    """
    from .._version import __version__

    h = hashlib.sha256(f"format {_FORMAT}; mathml {__version__}; python {platform.python_version()}".encode())
    for dist in _DEPENDENCIES:
        try:
            h.update(f"; {dist} {metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"; {dist} absent".encode())
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        h.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


class ResultCache:
    """Theorem results keyed by source hash, library and dependency versions.

    Parameters
    ----------
    directory : path, optional
        Where entries live (default `default_cache_dir`).
    """

    def __init__(self, directory: str | os.PathLike | None = None):
        self.directory = Path(directory) if directory else default_cache_dir()
        if self.directory.exists() and not self.directory.is_dir():
            raise InvalidInputError(f"the cache directory {self.directory} is a file")

    def key(self, info: TheoremInfo) -> str | None:
        """The cache key of a located theorem (None when its file is unknown)."""
        source = getattr(info, "source", "")
        if not source:
            return None
        try:  # the file and its siblings (helpers a theorem file may import)
            text = Path(source).read_bytes() + b"".join(
                f.name.encode() + f.read_bytes() for f in sorted(Path(source).parent.glob("*.py")))
        except OSError:
            return None
        h = hashlib.sha256(environment_fingerprint().encode())
        for part in (text, info.name.encode(), info.expect.encode(), repr(info.tags).encode(),
                     str(getattr(info, "citation", None)).encode()):
            h.update(b"\0" + part)
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, info: TheoremInfo):
        """The cached `TheoremResult` of ``info`` or None (a damaged entry is a miss)."""
        from .theorems import TheoremResult

        key = self.key(info)
        if key is None:
            return None
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            data["status"] = Status(data["status"])
            data["methods"] = tuple(data.get("methods", ()))
            data["cached"] = True
            return TheoremResult(**data)
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def put(self, info: TheoremInfo, result: Any) -> bool:
        """Store a successful result (errors and timeouts are not cached); True if stored."""
        key = self.key(info)
        if key is None or result.error is not None:
            return False
        data = dataclasses.asdict(result)
        data["status"] = result.status.value
        data.pop("cached", None)
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(data), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            return False  # an unwritable cache slows runs down but never fails them
        return True
