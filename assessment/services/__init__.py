"""Writes (`<noun>_<verb>`): every change to a score passes through here, whatever the entry point."""
