"""Gongkai (公开): a county government's openness platform."""
