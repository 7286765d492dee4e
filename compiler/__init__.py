"""printpack: compile teaching units written in YAML into print-ready PDFs."""

__version__ = "0.1.0"

# A unit id (and every other id a unit declares): lowercase letters, digits and hyphens. Here,
# not in the model, so that the manifest can check the unit names it reads without pydantic.
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
SLUG_MAX_LENGTH = 64
