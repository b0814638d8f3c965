"""SBPlanner user interface: the main dock, its workflow steps, map tools and the task runner."""
