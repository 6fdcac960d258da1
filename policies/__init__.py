"""The policy engine: city rules as cited data, and one person's year simulated.

Pure Python, no Django. The CLI, the JSON API and the web pages all call `estimate`
(contract JSON) or `run` (the typed Estimate, for pages).
"""
from .contract import estimate
from .engine import Estimate, run
from .loader import PolicyDataError, load_cities
from .scenario import Scenario, ScenarioError, parse_scenario

__all__ = ["Estimate", "PolicyDataError", "Scenario", "ScenarioError", "estimate", "load_cities",
           "parse_scenario", "run"]
