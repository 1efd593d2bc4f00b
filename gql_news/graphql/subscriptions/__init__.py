"""Live updates: the Subscription type and the graphql-transport-ws endpoint on /graphql."""
