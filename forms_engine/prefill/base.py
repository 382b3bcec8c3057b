from django.utils.functional import Promise


class PrefillPlugin:
    """Contract of a prefill plugin.

    `get_available_attributes()` lists (attribute, Dutch label) pairs editors pick from.
    `get_prefill_values(*, resident, attributes, loa="")` returns {attribute: value} for the attributes it
    knows a value of, with at most one registry call; it raises RegistryUnavailable when its registry cannot
    answer, so the form can say so and let the resident type the data. `loa` is the level of assurance of the
    resident's current login, for plugins that report it. `registries` names the base registries the plugin
    asks about the resident (e.g. ("BRP",)): each form start that uses the plugin is recorded as a lookup on the
    resident's behalf, which they read back under "Wie heeft mijn gegevens bekeken".
    """

    identifier: str
    verbose_name: str | Promise = ""
    registries: tuple[str, ...] = ()

    def get_available_attributes(self) -> list[tuple[str, str | Promise]]:
        raise NotImplementedError

    def get_prefill_values(self, *, resident, attributes: list[str], loa: str = "") -> dict[str, object]:
        raise NotImplementedError
