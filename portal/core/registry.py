class Registry:
    """Plugins by name, registered with `@registry.register("name")` from their app's `ready()`."""

    def __init__(self):
        self._plugins: dict[str, object] = {}

    def register(self, name: str):
        def decorator(cls):
            if name in self._plugins:
                raise ValueError(f"plugin {name!r} is already registered")
            instance = cls()
            instance.identifier = name
            self._plugins[name] = instance
            return cls

        return decorator

    def __getitem__(self, name: str):
        return self._plugins[name]

    def __contains__(self, name: str) -> bool:
        return name in self._plugins

    def __iter__(self):
        return iter(self._plugins.values())
