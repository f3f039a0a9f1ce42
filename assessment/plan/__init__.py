"""The year's plan: cycles and their lifecycle, indicators, targets, cadres; the plan workbook and their admin."""
