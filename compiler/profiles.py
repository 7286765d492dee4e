"""Print profiles: the same unit printed for different readers (large print, dyslexia-friendly,
high contrast), each file once per chosen profile.

A profile is one :class:`Profile` in :data:`PROFILES`: its name (what ``--profile`` and the
unit's ``outputs.profiles`` call it), the suffix its files carry, the theme overlay
``templates/profiles/<name>.yaml`` merged over whichever theme the teacher chose (as a theme's
``extends:`` is), and the font families it prefers, in order. Adding a profile is one entry here
and one YAML file. This module is pure (no ReportLab, no pydantic): the model, the validation and
the build's target expansion all read it.
"""

from __future__ import annotations

from dataclasses import dataclass

STANDARD = "standard"
KEY_ENDING = "-key.pdf"  # a teacher's file keeps ending so: no answer is in a file named otherwise


@dataclass(frozen=True)
class Profile:
    name: str
    suffix: str  # before ".pdf" (and before "-key.pdf"); empty for the standard files
    overlay: bool = True  # whether templates/profiles/<name>.yaml is merged over the theme
    # The families the profile's text is set in, most preferred first: the first whose faces draw
    # every character of the unit is used. Empty: the theme's (and the overlay's) own fonts.
    fonts: tuple[str, ...] = ()


PROFILES: dict[str, Profile] = {
    profile.name: profile for profile in (
        Profile(STANDARD, "", overlay=False),
        Profile("large-print", "large-print"),
        # Atkinson Hyperlegible Next has no Cyrillic or Greek: a unit it cannot draw is set in
        # DejaVu Sans (with a warning), never printed with boxes for letters.
        Profile("dyslexia", "dyslexia", fonts=("AtkinsonHyperlegibleNext", "DejaVuSans")),
        Profile("high-contrast", "high-contrast"),
    )
}


def profiled_filename(filename: str, profile: str) -> str:
    """The name of ``filename``'s version in ``profile``: the suffix before ``.pdf``, and before
    ``-key.pdf`` in a teacher's file (``worksheet-quiz-A-large-print-key.pdf``)."""
    suffix = PROFILES[profile].suffix
    if not suffix:
        return filename
    ending = KEY_ENDING if filename.endswith(KEY_ENDING) else ".pdf"
    return f"{filename.removesuffix(ending)}-{suffix}{ending}"


def standard_filename(filename: str, profile: str) -> str:
    """The name of the standard file whose version in ``profile`` is ``filename``: the inverse
    of :func:`profiled_filename` (the index page lists a file's versions beside it)."""
    suffix = PROFILES[profile].suffix
    ending = KEY_ENDING if filename.endswith(f"-{suffix}{KEY_ENDING}") else ".pdf"
    return filename.removesuffix(f"-{suffix}{ending}") + ending if suffix else filename
