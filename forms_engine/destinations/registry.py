from portal.core.registry import Registry

registry = Registry()
