#!/usr/bin/env python
"""Kept for habit; `gongkai` (the console script) is the same command."""

from gongkai.cli import main

if __name__ == "__main__":
    main()
