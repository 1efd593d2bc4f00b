"""`python -m gql_news` runs the `gql-news` command."""

from gql_news.cli import app

app()
