"""Pages: thin views over selectors and services."""
