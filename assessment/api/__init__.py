"""The HTTP API of ../shared/API.md (`/api/v1/`): tokens, endpoints, schemas and the serialisers of results.

The top of the import graph beside the pages: it calls the services, selectors and permissions of the other
subsystems, and nothing imports it but `config.urls` and the demo (which issues its token).
"""
