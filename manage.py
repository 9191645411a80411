#!/usr/bin/env python
"""Django's command-line utility; `councilplan` is the same with a friendlier name."""

from councilplan.cli import main

if __name__ == "__main__":
    main()
