from django.utils.functional import Promise


class Destination:
    """Contract of a registration destination (where a submission goes after it is stored).

    `register_submission(*, submission, options, key) -> dict` does the work once and returns what to remember
    (a case number, a remote id). It may be called again for the same submission after a crash or a retry: `key`
    (stable per submission and destination) must make that harmless — the receiving side recognises it, or the
    destination looks up what it did before. Any exception means "try again later"; `PermanentError` means
    retrying cannot help. Error texts are stored and shown to staff, so they never contain personal data.
    `validate_options(options) -> list[str]` lists what is wrong with an editor's settings.
    `options_block()` returns the small form (a StructBlock) editors fill in to choose this destination, or
    None when editors do not choose it (the case follows from the form's case type).
    """

    identifier: str
    verbose_name: str | Promise = ""

    def validate_options(self, options: dict) -> list[str]:
        return []

    def options_block(self):
        return None

    def register_submission(self, *, submission, options: dict, key: str) -> dict:
        raise NotImplementedError


class PermanentError(Exception):
    """Retrying will not help (e.g. the form has no case type); the registration fails at once, visibly."""
