"""Reading units as ``check`` reads them: loaded, validated, printable, their files named.

Also what a unit would produce: its settings (the command line over the unit's ``outputs:``)
and its targets, in build order. This is where the full build starts to need the YAML loader,
pydantic, the fonts' character sets and the label catalogues (Jinja).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from compiler import fingerprint
from compiler.build.discovery import unit_bytes
from compiler.coverage import first_printing, missing, printable
from compiler.errors import Problem, ProblemsFound
from compiler.filenames import file_name_problems
from compiler.fonts import FALLBACK as FALLBACK_FAMILY
from compiler.fonts import GENERAL
from compiler.kinds import KINDS
from compiler.markup import plain
from compiler.model import Unit, texts
from compiler.outputs import Settings, Target
from compiler.pictures import pictures_in
from compiler.profiles import PROFILES, STANDARD, profiled_filename
from compiler.report import UnitRecord
from compiler.slips import slips, text_slips
from compiler.source import Source, decode_text, load_text
from compiler.theme import Theme, load_theme, profiled, set_in
from compiler.validate import validate_unit
from compiler.wording import languages, load_labels


@dataclass(frozen=True)
class Loaded:
    file: Path
    source: Source
    unit: Unit
    digest: str  # of the bytes the unit was read from
    # each picture file it names (as written, relative to the unit file) with its content's hash
    pictures: dict[str, str] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()  # from its text (slips, nothing to print): said, never stopping a build
    themes: dict[str, Theme] = field(default_factory=dict)  # by print profile: the theme its files are drawn in


def load_units(files: Iterable[Path], settings: Settings, theme: Theme | None = None,
               contents: dict[Path, bytes] | None = None, *, strict: bool = False) -> tuple[list[Loaded], list[UnitRecord]]:
    """Load and validate every file; units that fail become records with their problems."""
    loaded: list[Loaded] = []
    failed: list[UnitRecord] = []
    for item in each_unit(files, settings, theme, contents, strict=strict):
        if isinstance(item, Loaded):
            loaded.append(item)
        else:
            failed.append(item)
    return loaded, failed


def each_unit(files: Iterable[Path], settings: Settings, theme: Theme | None = None,
              contents: dict[Path, bytes] | None = None, *, strict: bool = False) -> Iterator[Loaded | UnitRecord]:
    """Each file loaded and validated in turn, with its warnings (:func:`unit_warnings`), or the
    record of its problems. A unit whose id an earlier file already used fails, so its output
    folder is never shared. Its text must be printable with the ``theme``'s fonts (without a
    theme: with every bundled font), and no two of its files may share a name. ``strict``: a
    unit with a warning fails as with an error. ``contents`` holds the bytes of files already read."""
    known_languages = languages(settings.templates)
    contents = {} if contents is None else contents
    owners: dict[str, Path] = {}
    for file in files:
        try:
            raw = unit_bytes(file, contents)
            source, unit = validated_unit(raw, str(file), settings, theme, known_languages)
        except ProblemsFound as exc:
            yield UnitRecord(str(file), None, problems=tuple(exc.problems), warnings=tuple(exc.warnings))
            continue
        if unit.unit.id in owners:
            problem = source.problem(("unit", "id"), f"unit id '{unit.unit.id}' is also used by {owners[unit.unit.id]}",
                                     "each unit needs its own id: it names its output folder")
            yield UnitRecord(str(file), unit.unit.id, problems=(problem,))
            continue
        owners[unit.unit.id] = file
        try:
            themes, font_warnings = profile_themes(unit, source, unit_settings(unit, settings), theme)
        except ProblemsFound as exc:
            yield UnitRecord(str(file), unit.unit.id, problems=tuple(exc.problems))
            continue
        warnings = (*unit_warnings(unit, source), *font_warnings)
        if strict and warnings:
            yield UnitRecord(str(file), unit.unit.id, problems=warnings)
            continue
        yield Loaded(file, source, unit, fingerprint.digest(raw), picture_hashes(unit), warnings, themes)


def validated_unit(raw: bytes, file: str, settings: Settings, theme: Theme | None,
                   known_languages: set[str]) -> tuple[Source, Unit]:
    """The unit in ``raw`` (read from ``file``), checked as ``check`` checks it: loaded,
    validated, its text printable with the ``theme``'s fonts, its output names usable and its
    labels complete; or ProblemsFound with everything that is wrong."""
    families = (theme.fonts.body, theme.fonts.heading) if theme is not None else GENERAL
    source = load_text(decode_text(raw, file), file)
    try:
        unit = validate_unit(source, known_languages, families, tuple(KINDS))
    except ProblemsFound as exc:
        raise ProblemsFound(exc.problems, text_slips(source)) from None
    clashes = file_name_problems(unit, source, unit_settings(unit, settings))
    if clashes:
        raise ProblemsFound(clashes)
    load_labels(unit.unit.language, settings.templates)  # a catalogue missing a word fails here, located
    return source, unit


def profile_themes(unit: Unit, source: Source, settings: Settings,
                   theme: Theme | None) -> tuple[dict[str, Theme], tuple[Problem, ...]]:
    """The theme of each print profile of ``settings`` (the unit's), by name, and a warning for
    each profile whose preferred font cannot draw the unit (its text or its language's words),
    which is then set in the next font the profile lists (DejaVu Sans draws Cyrillic and
    Greek): so a Russian unit's dyslexia-friendly files lose no text. None without a theme."""
    if theme is None:
        return {}, ()
    themes: dict[str, Theme] = {}
    warnings: list[Problem] = []
    printed: str | None = None
    for name in settings.profiles or (STANDARD,):
        themes[name] = profiled(theme, name, settings.templates)
        own = themes[name].fonts
        if name == STANDARD:  # the teacher's theme: its fonts were checked with the unit
            continue
        printed = printed if printed is not None else _printed(unit, settings)
        if not missing(printed, printable((own.body, own.heading))):
            continue
        # The profile's fonts (a school's overlay may name others) cannot draw the unit: the
        # first that can, of the overlay's body font, the profile's list and DejaVu Sans.
        preferred = tuple(dict.fromkeys((own.body, *PROFILES[name].fonts, FALLBACK_FAMILY)))
        family, passed = first_printing(preferred, printed)
        themes[name] = set_in(themes[name], family)
        warnings += [source.problem(("outputs", "profiles"), f"the {name} profile's font {skipped} has no "
                                    f"'{char}' (U+{ord(char):04X}): this unit's {name} files are set in {family}",
                                    f"{skipped} draws Latin letters only; nothing is lost, only the font changes")
                     for skipped, char in passed.items()]
    return themes, tuple(warnings)


def _printed(unit: Unit, settings: Settings) -> str:
    """Every character the unit's files may print: its texts as written and as plain text writes
    their sub- and superscripts (x²: the poster's words), and its language's label catalogue."""
    labels = load_labels(unit.unit.language, settings.templates).model_dump(mode="json", warnings=False)
    return "\n".join([*(f"{text}{plain(text)}" for _, text in texts(unit)), json.dumps(labels, ensure_ascii=False)])


def picture_hashes(unit: Unit) -> dict[str, str]:
    """Each picture file ``unit`` names, as written, with the hash of its content as read."""
    return {picture.file: picture.data.sha256 for _, picture in pictures_in(unit)}


def unit_settings(unit: Unit, settings: Settings) -> Settings:
    """Command-line settings over the unit's own ``outputs:`` choices."""
    chosen = unit.outputs
    return replace(
        settings,
        paper=settings.paper or chosen.paper or "a4",
        only=settings.only or tuple(chosen.only),
        versions=settings.versions or chosen.versions,
        profiles=tuple(dict.fromkeys(settings.profiles or chosen.profiles)),
    )


def unit_targets(unit: Unit, settings: Settings) -> Iterator[Target]:
    """Every file this unit would produce, in build order: each kind's files once per print
    profile of ``settings`` (the unit's settings), named for it (:func:`profiled_filename`)."""
    for profile in settings.profiles or (STANDARD,):
        for target in _standard_targets(unit, settings):
            yield replace(target, filename=profiled_filename(target.filename, profile), profile=profile)


def _standard_targets(unit: Unit, settings: Settings) -> Iterator[Target]:
    """Every file this unit would produce in one profile, in build order. The pack is made of the other
    files: asking for the pack alone builds them all; with other kinds, it holds those; a file
    made of the others is made for an audience (the teacher's pack) only when the pack would
    hold pages for it (a unit whose only teacher file is a poster has no teacher's pack)."""
    wanted = set(settings.only)
    if wanted and all(name in KINDS and KINDS[name].assembles for name in wanted):
        wanted = set(KINDS)
    audiences: set[str] = set()
    for name, kind in KINDS.items():
        if wanted and name not in wanted:
            continue
        for target in kind.targets(unit, settings):
            if kind.assembles and target.audience not in audiences:
                continue
            if kind.pack_rank is not None:
                audiences |= {run.audience for run in kind.pack_pages(target, 1)}
            yield target


def unit_warnings(unit: Unit, source: Source) -> tuple[Problem, ...]:
    """What a valid unit's text says that its teacher may not mean: its slips
    (:mod:`compiler.slips`), or nothing to print at all."""
    return (*nothing_to_print(unit, source), *slips(unit, source))


def nothing_to_print(unit: Unit, source: Source) -> Iterator[Problem]:
    """A warning for a unit none of whose kinds has anything to print (a title alone, or
    periods without events). Not an error: a unit being drafted is valid, and one draft
    must not fail a department's nightly build."""
    if any(kind.targets(unit, Settings()) for kind in KINDS.values()):
        return
    periods = " (periods alone draw no timeline: it needs events)" if unit.periods else ""
    needs = [f"{kind.needs} ({kind.name})" for kind in KINDS.values() if kind.needs]
    choices = [", ".join(needs[:-1]), needs[-1]] if len(needs) > 1 else needs
    yield source.problem(("unit",), f"unit '{unit.unit.id}' has nothing to print yet{periods}",
                         "add " + " or ".join(choices))


def theme_and_problems(settings: Settings) -> tuple[Theme | None, list[Problem]]:
    """The theme, or the problems that keep it from loading."""
    try:
        return load_theme(settings.theme, settings.templates), []
    except ProblemsFound as exc:
        return None, list(exc.problems)
