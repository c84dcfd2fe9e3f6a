"""``python -m mathml`` runs the ``mathml`` command."""
from mathml.cli import main

raise SystemExit(main())
