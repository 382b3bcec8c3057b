"""Editors choose a form's extra destinations from a list, each with its own small form (the plugin's
`options_block`), instead of typing JSON. What is stored stays the plain list the delivery reads:
[{"type": "email", "to": "...", "mode": "link"}, ...]."""

from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from forms_engine.destinations.registry import registry


class DestinationsBlock(blocks.StreamBlock):
    def clean(self, value):
        value = super().clean(value)
        errors = {
            index: StructBlockValidationError(non_block_errors=problems)
            for index, child in enumerate(value)
            if (problems := registry[child.block_type].validate_options(_options(child)))
        }
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value


def _options(child) -> dict:
    return dict(child.block.get_prep_value(child.value))


def destinations_block() -> DestinationsBlock:
    children = []
    for plugin in registry:
        block = plugin.options_block()
        if block is not None:
            children.append((plugin.identifier, block))
    return DestinationsBlock(children, required=False)


def to_stream(block: DestinationsBlock, destinations) -> blocks.StreamValue:
    """The stored list as the editor's blocks. Only kinds an editor can choose are stored (FormDefinition.clean
    refuses any other), so nothing is left out here unless its plugin was removed from the installation."""
    return block.to_python(
        [
            {"type": item["type"], "value": {key: value for key, value in item.items() if key != "type"}}
            for item in destinations
            if isinstance(item, dict) and item.get("type") in block.child_blocks
        ]
    )


def from_stream(value) -> list[dict]:
    return [{"type": child.block_type, **_options(child)} for child in value]
