"""A form definition as the Wagtail editor posts it (StreamField blocks as form fields)."""

import json

from auth import loa


def _list_block(values) -> dict:
    data = {str(i): {"value": value, "deleted": "", "order": str(i), "id": ""} for i, value in enumerate(values)}
    data["count"] = str(len(values))
    return data


def _stream(items) -> dict:
    """(kind, value) or (kind, value, block id) items; a block without an id is new."""
    data = {
        str(i): {
            "type": item[0],
            "value": item[1],
            "deleted": "",
            "order": str(i),
            "id": item[2] if len(item) > 2 else "",
        }
        for i, item in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def _field_value(kind: str, value: dict) -> dict:
    """The block's form values, with the defaults the editor's screen starts with."""
    out = {"range": "any"} if kind == "date" else {}
    for key, item in value.items():
        if key == "options":
            out[key] = _list_block(item)
        elif isinstance(item, bool):
            if item:
                out[key] = "on"
        else:
            out[key] = item
    out.setdefault("help_text", "")
    out.setdefault("prefill", "")
    out.setdefault("prefill_mode", "editable")
    return out


def _flatten(prefix: str, value, into: dict) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(f"{prefix}-{key}" if prefix else key, item, into)
    else:
        into[prefix] = value


def admin_post_data(*, name: str, slug: str, steps: list[dict], rules: list, publish=True, **options) -> dict:
    """`steps` as in forms_engine.demo (step()/field() dicts, or a stored form's with their block "id"s)."""
    stream = [
        (
            "step",
            {
                "key": s["value"]["key"],
                "title": s["value"]["title"],
                "fields": _stream(
                    [(f["type"], _field_value(f["type"], f["value"]), f.get("id", "")) for f in s["value"]["fields"]]
                ),
            },
            s.get("id", ""),
        )
        for s in steps
    ]
    form = {
        "name": name,
        "slug": slug,
        "intro": options.get("intro", ""),
        "required_loa": options.get("required_loa", loa.MIDDEN),
        "logins": options.get("logins", "digid"),
        "eherkenning_loa": options.get("eherkenning_loa", loa.EH3),
        "privacy_url": "",
        "confirmation_text": options.get("confirmation_text", ""),
        "case_type": "",
        "max_submissions_per_day": "0",
        "submission_retention_years": "1",
        "steps": _stream(stream),
        "rules": json.dumps(rules),
        # as the editor's destination blocks: [{"type": "email", "to": ...}] → one block per destination
        "destinations": _stream(
            [(item["type"], {k: v for k, v in item.items() if k != "type"}) for item in options.get("destinations", [])]
        ),
    }
    for checkbox in ("login_required", "standalone"):
        if options.get(checkbox, True):
            form[checkbox] = "on"
    data: dict = {}
    _flatten("", form, data)
    if publish:
        data["action-publish"] = "action-publish"
    return data
