"""The read side: the relation registry (from the models), the planner, and the statement it runs."""
