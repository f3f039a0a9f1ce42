"""The fictional demo district 示范区: its data, its plan and score workbooks, its users and the seed service.

Everything here is deterministic (fixed tables and a fixed random seed), so `manage.py seed_demo` builds the
same district every time and the committed example workbooks in `demo/` never drift from the generator.
All names of places and people are invented.
"""
