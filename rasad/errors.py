"""The one documented input error: every reader raises it with the source and a reason."""


class InputError(Exception):
    """Input that cannot become an article: `source` names it, `reason` says why in one line."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelError(Exception):
    """A model file shipped with the package is missing or unreadable: the message names the file
    and the command that rebuilds it."""
