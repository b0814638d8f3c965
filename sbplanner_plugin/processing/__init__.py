"""Processing provider ``sbplanner`` and its algorithms (one per module)."""
