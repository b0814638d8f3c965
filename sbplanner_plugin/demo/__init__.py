"""Headless demo of SBPlanner on the bundled Youwuzhen watershed (``make demo``)."""
