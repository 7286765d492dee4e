"""The commented starter unit behind ``printpack new NAME``."""

from __future__ import annotations

import json
import re

from compiler.wording import Wording


def slug(name: str) -> str:
    """An id for ``name``: lowercase letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:64].strip("-")


SCHEMA_FILE = "printpack.schema.json"


def starter_unit(unit_id: str, title: str) -> str:
    """The YAML text of a small, valid, commented unit, pointing editors at the schema beside it."""
    quoted = json.dumps(title.strip() or unit_id, ensure_ascii=False)  # a JSON string is valid YAML
    return Wording().render("starter.yaml.j2", id=unit_id, title=quoted, schema=SCHEMA_FILE)
