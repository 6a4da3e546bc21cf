"""`python -m xhprint` runs the command-line interface."""

from xhprint.cli import main

raise SystemExit(main())
