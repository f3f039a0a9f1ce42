"""Scores: the one score-write service, exemptions, appeals, evidence, the grid, the score
workbook and the workflow pages."""
