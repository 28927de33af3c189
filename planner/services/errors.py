"""Errors a learner can cause; their messages are shown as they are, on one line."""


class ServiceError(ValueError):
    pass


class NoProfileError(ServiceError):
    def __init__(self) -> None:
        super().__init__(
            "no study plan yet: create one with `study-planner init` (see `study-planner "
            "init --help`) or by opening the app"
        )


class PlanExistsError(ServiceError):
    pass


class UnknownItemError(ServiceError):
    pass
