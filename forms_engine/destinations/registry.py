from forms_engine.registry import Registry

registry = Registry()
