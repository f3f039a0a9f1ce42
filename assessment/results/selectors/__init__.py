"""Reads (`<noun>_<verb>` selectors): constant query counts, no writes."""
