"""First run: choose a level, specializations, weekly time and exam goals, see the plan they
make, then store it.

The wizard only collects values and shows results. The preview and the write run as use
cases through :class:`~planner.ui.backend.Backend`, off the GUI thread; the wizard never
touches the store.

One module a job: ``wizard`` holds the pages together and stores the plan; ``choice_pages``,
``availability_page``, ``certification_page`` and ``summary_page`` are the pages in order;
``minutes_spin_box`` and ``certification_goals`` are the widget and model they edit with;
``texts`` writes what they show and ``widgets`` holds the pieces every page shares.
"""

from __future__ import annotations

from planner.ui.formatting import long_date
from planner.ui.onboarding.certification_goals import CertificationGoalsModel, GoalColumn
from planner.ui.onboarding.minutes_spin_box import MinutesSpinBox
from planner.ui.onboarding.texts import certification_status_text
from planner.ui.onboarding.wizard import OnboardingWizard

__all__ = [
    "CertificationGoalsModel",
    "GoalColumn",
    "MinutesSpinBox",
    "OnboardingWizard",
    "certification_status_text",
    "long_date",
]
