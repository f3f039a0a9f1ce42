"""Reading results: selectors, the result workbook, the pages and the results admin."""
