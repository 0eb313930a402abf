"""The same command under the name `gongkai library-import` (Django takes the file name)."""

from gongkai.library.management.commands.library_import import Command  # noqa: F401
