"""Errors the user sees: each carries a one-line message naming the file or paper and what to do."""


class UserError(Exception):
    """A failure caused by input or environment; shown as one line, never as a traceback.

    `exit_code` is what the CLI exits with (2 for bad input, 1 for a failed operation).
    """

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message
