"""The domain-independent core: verdicts, sampling, verification, derivations, LaTeX, parsing."""
from __future__ import annotations

__all__: list[str] = []
