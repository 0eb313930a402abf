"""Shared kernel: calendar, audit trail, duties, jobs, text and files. No domain knowledge."""
