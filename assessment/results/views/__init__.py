"""Pages: thin views over the selectors."""
