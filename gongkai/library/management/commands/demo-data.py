"""The same command under the name `gongkai demo-data` (Django takes the file name)."""

from gongkai.library.management.commands.demo_data import Command  # noqa: F401
