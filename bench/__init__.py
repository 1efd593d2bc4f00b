"""The benchmark of issue 3: gql_news against PostGraphile 4 on one synthetic dataset. `make bench`."""
