"""The entity graph: facets of article lists, mention counts, co-mentions, related articles and
timelines, each answered by one aggregate statement per batch of parents."""
