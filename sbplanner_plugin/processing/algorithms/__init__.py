"""SBPlanner Processing algorithms; ids and parameter keys are a public contract."""
