"""Cycles 考核年度 and periods, the indicator tree with per-category points, and the target decomposition tree."""
