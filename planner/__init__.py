"""Study Planner: a dated study plan for learning Machine Learning Engineering."""

__version__ = "0.1.0"
