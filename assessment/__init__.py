"""Score entries, exemptions, appeals and results; the scoring engine; recompute; workbook imports and exports."""
