"""Regions, units, people, roles, and the one permission policy."""
