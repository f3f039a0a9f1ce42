"""Reading and writing the Excel workbooks of WORKBOOKS.md (the plan, score and template workbooks)."""
