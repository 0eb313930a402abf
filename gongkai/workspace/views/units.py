"""Placeholder: the owning helper replaces this module."""

urlpatterns: list = []
