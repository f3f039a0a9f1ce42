"""Plumbing that is not domain: bulk SQL, history rows, xlsx reading and writing, admin base."""
