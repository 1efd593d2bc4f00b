"""Data shipped inside the package (read with importlib.resources, so a fresh clone or a wheel works).

- country_aliases.json: newsroom names, aliases and demonyms for the ISO 3166-1 countries.
- non_entities.json: capitalised phrases that contain a country name but are not the country.
- catalogue.json: the demo people and organisations (with memberships) for the seed article.
- seed/*.txt: demo articles in the import format (see gql_news/ingest/parser.py).
"""
