"""Every phrase the compiler adds to a page comes from a Jinja template or a label catalogue.

Templates are looked up in the user's ``--templates`` folder first, then in the built-ins.
Each ``<kind>.j2`` exposes one macro per phrase, and a phrase missing from a user's copy falls
back to the built-in one: a school that wants to reword one phrase writes a file holding just
that macro. ``builtin/NAME`` always reaches the built-in file, so an override can
``{% import "builtin/handout.j2" as base %}`` and reuse the phrases it wraps.
Autoescaping is on (the output is ReportLab paragraph markup) and undefined names are errors.
Unit text only ever enters as values, already converted by :mod:`compiler.markup`, never as
template source (PITFALLS.md §6). Every template runs in :mod:`compiler.sandbox`, within a
budget, and a phrase may hand ReportLab only the tags it allows; a template that breaks either
rule is a problem naming its file, line and macro. A ``--templates`` folder may use only its own
files: a template, catalogue or theme that a link takes outside it is refused, and templates
include only templates (``*.j2``). Labels are plain text, escaped wherever they become markup.
The files read are recorded, so fingerprints can cover them.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Collection, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

import jinja2
import jinja2.bccache
import jinja2.exceptions
import jinja2.loaders
import jinja2.sandbox
from jinja2 import meta, nodes
from markupsafe import Markup
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetPydanticSchema,
    field_validator,
)

from compiler import l10n, markup
from compiler.alike import alike_key
from compiler.assets import (
    ABSENT,
    OUTSIDE_HINT,
    builtin_templates,
    code_hash,
    kind_template_folders,
    linked_outside,
)
from compiler.coverage import fonts_hint, lacking_message, missing, printable, unprintable
from compiler.dates import MonthNames
from compiler.errors import Problem, ProblemsFound, did_you_mean, quoted
from compiler.fields import mistake
from compiler.fonts import GENERAL
from compiler.sandbox import (
    ALLOWED_TAGS,
    MAX_DEPTH,
    MAX_FIELD_WIDTH,
    MAX_SIZE,
    MAX_STEPS,
    MAX_TEMPLATE_BYTES,
    BudgetedSandbox,
    BudgetExceeded,
    markup_problems,
)
from compiler.source import Source, decode_text, load_text
from compiler.validate import validate_model


class Plural(BaseModel):
    """A label whose words change with a count: one form per CLDR plural category the language
    uses (Russian ``{one: балл, few: балла, many: баллов, other: балла}``), chosen by
    :meth:`Labels.plural`. ``other`` is required: it stands for any category not written, and a
    label written as plain text is its ``other`` form for every count."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    zero: str | None = None
    one: str | None = None
    two: str | None = None
    few: str | None = None
    many: str | None = None
    other: str

    def form(self, category: str) -> str:
        """The words for the plural ``category``, or ``other``'s when the label has none."""
        return getattr(self, category, None) or self.other


def _all_forms(value: Any) -> Any:
    """A word written as text is its ``other`` form: every word is read as forms, so a mistake
    in one is told about the word, never about one branch of a union."""
    if isinstance(value, str):
        return {"other": value}
    if isinstance(value, dict | Plural) or value is None:  # None: pydantic's "must not be empty"
        return value
    raise mistake(f"expected text, not {'a list' if isinstance(value, list) else quoted(str(value))}",
                  "quote the words, or write their forms for a count: {one: mark, other: marks}")


def _text_if_one_form(forms: Plural) -> str | Plural:
    """Words with one form for every count, kept as the text they are."""
    return forms.other if forms.model_fields_set == {"other"} else forms


# A word of a catalogue: its text, or its forms for a count (any word may be written either way).
Word = Annotated[str | Plural, GetPydanticSchema(lambda _type, handler: handler(
    Annotated[Plural, BeforeValidator(_all_forms), AfterValidator(_text_if_one_form)]))]


class Words(BaseModel):
    """The words of a catalogue, each key a word (its text, or its forms for a count) read as an
    attribute: ``labels.glossary``. A registered kind's own catalogue holds only words."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, Word] = Field(init=False)

    def __getattr__(self, name: str) -> str:
        """The text of the word ``name``: ``labels.glossary`` is "Glossary"."""
        try:
            words = object.__getattribute__(self, "__pydantic_extra__") or {}
        except AttributeError:  # not validated yet
            words = {}
        if name not in words:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        word = words[name]
        return word.other if isinstance(word, Plural) else word


class Labels(Words):
    """The words of one language, and the few values that are not words.

    The fields are those values: the locale, month names, era word and small numbers, typed and
    checked here. Every other key is a word, declared by being in the English catalogue (and in
    a registered kind's own ``labels/en.yaml``): its placeholders are those its English text
    holds, and a key English lacks is not a label. Templates read a word as ``labels.<name>``
    (its text; a plural word's ``other`` form) and its form for a count as ``plural(count,
    name)``; a name that is no word is an error, as any undefined name is. A key a school's
    catalogue lacks is taken from the English one (with a warning from ``check``:
    :func:`label_warnings`), so adding a key to printpack never breaks a catalogue. The values
    that are no words a school's catalogue does not write come from the built-in catalogue of
    its language, if there is one, then ``locale``, the month names and ``bc`` from CLDR;
    ``small_numbers`` never from English (digits print instead). Every value is plain text,
    escaped wherever it becomes paragraph markup."""

    @field_validator("months", "months_short", mode="before")
    @classmethod
    def _a_list(cls, names: Any) -> Any:
        if isinstance(names, list | tuple):
            return names
        raise mistake(f"expected a list of 12 month names, not {'a mapping' if isinstance(names, dict) else quoted(names)}",
                      "write the names in brackets, January first: [Jan, Feb, Mar, ...]")

    @field_validator("months", "months_short")
    @classmethod
    def _twelve_or_none(cls, names: Sequence[str]) -> Sequence[str]:
        if names and len(names) != 12:
            raise ValueError(f"a year has 12 months, not {len(names)}")
        return names

    locale: str = Field(default="", description=(
        "the CLDR locale whose plural rules, month names and date patterns apply, e.g. en_GB; "
        "by default the language's code"))
    months: Sequence[str] = Field(default=(), description=(
        "month names printed instead of CLDR's, in every date; CLDR's forms by default"))
    months_short: Sequence[str] = Field(default=(), description=(
        "short month names printed instead of CLDR's (the timeline, the handout's key dates)"))
    bc: str = Field(default="", description="the era word after a year BC; CLDR's by default")
    small_numbers: list[str] = Field(default=[], description=(
        "words for 0, 1, 2 ...: 'Circle two letters'; digits for the numbers it has no word for"))

    def plural(self, count: int, key: str) -> str:
        """The form of word ``key`` that ``count`` takes by the locale's CLDR plural rule:
        ``plural(21, "marks")`` is "балл" in Russian. Templates call it as ``plural(count, key)``."""
        word = (self.model_extra or {}).get(key)
        if word is None:
            raise AttributeError(f"there is no label {key!r}")
        return word.form(l10n.plural_category(count, self.locale)) if isinstance(word, Plural) else word


_REFERENCE = re.compile(r"{%[-+]?\s*(import|from|include|extends)\b")


class _RecordingLoader(jinja2.BaseLoader):
    """A loader that remembers, for each template name it hands out, the file, the content hash,
    the names of the templates that one imports and the user's file that would take its place
    if it were created, so that each output can record exactly the files its phrases came from
    (and an override added later), however many outputs share the environment."""

    def __init__(self, inner: jinja2.BaseLoader, user_dir: Path | None) -> None:
        self.inner = inner
        self.user_dir = user_dir
        self.loaded: dict[str, tuple[dict[str, str], tuple[str, ...]]] = {}

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.inner.get_source(environment, template)
        imports: tuple[str, ...] = ()
        if _REFERENCE.search(source):  # parsing costs as much as compiling: only when it may import
            parsed = environment.parse(source, template, filename)
            imports = tuple(name for name in meta.find_referenced_templates(parsed) if name)
        files = {filename or template: hashlib.sha256(source.encode()).hexdigest()}
        if self.user_dir is not None and not template.startswith("builtin/"):
            override = self.user_dir / template
            if str(override) != filename:
                files[str(override)] = ABSENT
        self.loaded[template] = (files, imports)
        return source, filename, uptodate

    def files_of(self, template: str) -> dict[str, str]:
        """The files and hashes of ``template`` and of every template it imports, loaded so far."""
        files: dict[str, str] = {}
        pending, seen = [template], set()
        while pending:
            name = pending.pop()
            if name in seen or name not in self.loaded:
                continue
            seen.add(name)
            found, imports = self.loaded[name]
            files.update(found)
            pending.extend(imports)
        return files


class RefusedFile(jinja2.TemplateError):
    """A template that names a file it may not read: one a link takes outside its folder, or
    one that is not a template (``*.j2``)."""

    def __init__(self, message: str, file: str, hint: str) -> None:
        super().__init__(message)
        self.file = file
        self.hint = hint


class _FolderLoader(jinja2.FileSystemLoader):
    """Jinja's loader of one folder's templates, refusing, before reading it, a file that a link
    takes outside the folder, one larger than :data:`MAX_TEMPLATE_BYTES`, and any file but a template: an ``{% include %}`` of a ``.txt``, a
    ``.yaml`` or a font prints that file's bytes, and is not a template the fingerprints follow."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.folder = folder

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        path = self.folder.joinpath(*jinja2.loaders.split_template_path(template))
        if not template.endswith(".j2"):
            raise RefusedFile(f"'{template}' is not a template: a template may include, import or extend only "
                              "templates (.j2 files)", str(path), "make it a .j2 template, or write its words into "
                              "the template that includes it")
        real = linked_outside(path, self.folder) if path.exists() else None
        if real is not None:
            raise RefusedFile(f"{path} is a link to {real}, outside the templates folder {self.folder}", str(path),
                              OUTSIDE_HINT)
        if os.path.lexists(path) and not path.is_file():
            raise RefusedFile(f"{path} is {_not_a_file(path)}: printpack reads only ordinary files", str(path),
                              "save the template as an ordinary file, or delete it to use the built-in one")
        with suppress(OSError):  # a file that cannot be read is Jinja's own error
            if path.stat().st_size > MAX_TEMPLATE_BYTES:
                raise RefusedFile(f"{path} is larger than the limit of {MAX_TEMPLATE_BYTES:,} bytes for a template",
                                  str(path), "a template holds wording and markup: keep long texts in the unit")
        return super().get_source(environment, template)


def _escape_for(name: str | None) -> bool:
    return not (name or "").endswith((".yaml.j2", ".txt.j2"))


def template_dirs(user_dir: Path | None) -> list[Path]:
    """The folders searched for a template, user's first, then the built-ins and those of the
    kinds registered from outside printpack."""
    return [d for d in (user_dir, builtin_templates(), *kind_template_folders()) if d is not None]


class _BestEffortBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's own cache of compiled templates, in a private folder of the temporary directory
    (:func:`bytecode_folder`), keyed by each template's name, path and source. It saves compiling
    them in every process (about 0.07 s for all of them); it is an optimisation only, so a folder
    that cannot be read or written (full, read-only) means compiling as if it were not there."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with suppress(OSError):
            super().dump_bytecode(bucket)


def bytecode_folder() -> Path:
    """Where compiled templates are kept: a folder of the temporary directory named by the user
    and by the hash of printpack's code and Jinja's version. Jinja keys a compiled template only
    by its name, path and source, so code compiled by another printpack (one whose sandbox did not
    count the budget into every loop, say) or by another program must never be found there: any
    change to printpack's code, the code generator in :mod:`compiler.sandbox` included, is a new
    folder."""
    key = hashlib.sha256(f"{code_hash()}\0{jinja2.__version__}".encode()).hexdigest()[:32]
    user = getattr(os, "getuid", lambda: None)()
    return Path(tempfile.gettempdir()) / f"printpack-jinja-{'' if user is None else f'{user}-'}{key}"


def _private(folder: Path) -> bool:
    """Whether ``folder`` exists, or was just made, as a folder (not a link) that only this user
    can read and write: another user must not be able to put compiled code in it."""
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        status = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(status.st_mode):
        return False
    return not hasattr(os, "getuid") or (status.st_uid == os.getuid() and not status.st_mode & 0o077)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja's bytecode cache in :func:`bytecode_folder`; None (compile every time) when that
    folder is not private."""
    folder = bytecode_folder()
    return _BestEffortBytecodeCache(str(folder)) if _private(folder) else None


def _template_files(user_dir: Path | None) -> tuple[tuple[str, int, int], ...]:
    """Every template file that could be read, with its time stamp and size."""
    found = []
    for folder in template_dirs(user_dir):
        for path in sorted(folder.rglob("*.j2")):
            with suppress(OSError):
                status = path.stat()
                found.append((str(path), status.st_mtime_ns, status.st_size))
    return tuple(found)


def _environment(user_dir: Path | None, catalogue: str) -> tuple[BudgetedSandbox, _RecordingLoader]:
    """One Jinja environment per templates folder, label catalogue and state of the template
    files, kept for the life of the process, so a template is compiled once however many
    outputs use it (issue 7). A template edited, added or removed while ``watch`` runs (one
    that others import included) makes a new environment; Jinja's bytecode cache then spares
    recompiling the files that did not change. The catalogue is known by its key
    (:func:`_catalogue_key`): it must have been read by :func:`load_labels` first."""
    return _environment_for(user_dir, catalogue, _template_files(user_dir))


@lru_cache(maxsize=8)
def _environment_for(user_dir: Path | None, catalogue: str,
                     files: tuple[tuple[str, int, int], ...]) -> tuple[BudgetedSandbox, _RecordingLoader]:
    del files  # part of the cache key only
    prefixed = jinja2.PrefixLoader({"builtin": _FolderLoader(builtin_templates())}, delimiter="/")
    loader = _RecordingLoader(jinja2.ChoiceLoader([*map(_FolderLoader, template_dirs(user_dir)), prefixed]),
                              user_dir)
    env = BudgetedSandbox(
        loader=loader,
        autoescape=_escape_for,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        bytecode_cache=_bytecode_cache(),
    )
    labels = _labels_by_digest[catalogue]
    env.globals["labels"] = labels
    env.globals["plural"] = labels.plural
    return env, loader


class Wording:
    """Phrases and labels for one language, with the files they were read from."""

    def __init__(self, user_dir: Path | None = None, language: str = "en") -> None:
        self.files: dict[str, str] = {}
        self.language = language
        catalogue = _load(language, user_dir, self.files)
        self.labels = _labels_by_digest[catalogue]
        self.env, self._loader = _environment(user_dir, catalogue)

    def phrase(self, template: str, macro: str, **values: Any) -> str:
        """The macro ``macro`` of ``template`` called with ``values``, as paragraph markup."""
        name = template
        self.env.fresh_budget()  # for the template's top-level code too, run when it is first used
        try:
            function, name = self._macro(template, macro)
            result = function(**values)
            self.files.update(self._loader.files_of(name))  # templates a macro imports load as it runs
        except jinja2.TemplateSyntaxError as exc:
            raise ProblemsFound([_syntax_problem(exc, template)]) from None
        except _RUNTIME_ERRORS as exc:
            raise ProblemsFound([self._runtime_problem(name, macro, exc)]) from None
        text = markup.collapse_spaces(str(result)) if isinstance(result, Markup) else str(result).strip()
        if _escape_for(name):
            self._check_markup(name, macro, text)
            self._check_characters(name, macro, text, values)
        return text

    def _runtime_problem(self, name: str, macro: str | None, exc: BaseException) -> Problem:
        """``exc``, raised while ``macro`` of template ``name`` (or the whole template) ran,
        located at the innermost template line it came through (else the macro's own line)."""
        loaded = {file for files, _ in self._loader.loaded.values() for file in files}
        file, line = _template_line(exc, loaded) or (
            exc.file if isinstance(exc, RefusedFile) else self._filename(name),
            self._macro_line(name, macro) if macro else 0)
        if isinstance(exc, RefusedFile):
            message, hint = str(exc), exc.hint
        elif isinstance(exc, BudgetExceeded | RecursionError):
            message = str(exc) if isinstance(exc, BudgetExceeded) else "macros call each other without end"
            hint = (f"a phrase must be small and quick: printpack stops a template after {MAX_STEPS:,} steps, "
                    f"{MAX_SIZE:,} characters, a field wider than {MAX_FIELD_WIDTH:,} or {MAX_DEPTH} nested "
                    "macro calls")
        elif isinstance(exc, jinja2.exceptions.SecurityError):
            message, hint = str(exc), "templates run in a sandbox: they may read the values they are given and `labels`"
        else:
            message, hint = str(exc), "a macro must use only the names it is given and `labels`"
        where = f"template error in macro {macro}" if macro else "template error"
        return Problem(file, line, 1 if line else 0, "", f"{where}: {message}", hint)

    def _check_markup(self, name: str, macro: str, text: str) -> None:
        """Refuse a phrase holding markup other than :data:`ALLOWED_TAGS` (PITFALLS.md §4)."""
        found = markup_problems(text)
        if found:
            file, line = self._filename(name), self._macro_line(name, macro)
            allowed = ", ".join(f"<{tag}>" for tag in ALLOWED_TAGS)
            raise ProblemsFound([Problem(file, line, 1 if line else 0, "", f"macro {macro} writes markup printpack "
                                         f"does not allow: {problem}", f"a phrase may use only {allowed} "
                                         "(<font> with color and size); write other characters as &lt; &gt; &amp;")
                                 for problem in found])

    def _check_characters(self, name: str, macro: str, text: str, values: dict[str, Any]) -> None:
        """Refuse a phrase whose template writes a character no bundled font can print (it would
        print as a box). Characters of the values are left out: unit text is checked against the
        theme's fonts when the unit loads, and labels when their catalogue loads."""
        if text.isascii():
            return
        given = "".join(map(str, values.values()))
        lacking = [c for c in missing(markup.from_markup(text), printable(_BUNDLED)) if c not in given]
        if lacking:
            file, line = self._filename(name), self._macro_line(name, macro)
            raise ProblemsFound([Problem(file, line, 1 if line else 0, "", f"macro {macro} writes text that cannot "
                                         f"be printed: {lacking_message(lacking)}", fonts_hint(_BUNDLED))])

    def _macro_line(self, name: str, macro: str) -> int:
        """The line of template ``name`` where ``macro`` is defined, or 0."""
        try:
            source, filename, _ = self._loader.get_source(self.env, name)
            parsed = self.env.parse(source, name, filename)
        except jinja2.TemplateError:
            return 0
        return next((node.lineno for node in parsed.find_all(nodes.Macro) if node.name == macro), 0)

    def _macro(self, template: str, macro: str) -> Any:
        """The macro from the first template (user's, then built-in) that defines it."""
        for name in (template, f"builtin/{template}"):
            module = self.env.get_template(name).module
            self.files.update(self._loader.files_of(name))
            if hasattr(module, macro):
                return getattr(module, macro), name
        raise AttributeError(f"no macro '{macro}' in {template}")

    def _filename(self, template: str) -> str:
        try:
            return self.env.get_template(template).filename or template
        except jinja2.TemplateError:
            return template

    def render(self, template: str, **values: Any) -> str:
        """A whole template (index page, starter unit) rendered with ``values``. Its budget
        grows with the values, since a page lists them all."""
        try:
            self.env.fresh_budget(scale=1 + len(repr(values)) // 1000)
            text = self.env.get_template(template).render(**values)
        except jinja2.TemplateSyntaxError as exc:
            raise ProblemsFound([_syntax_problem(exc, template)]) from None
        except _RUNTIME_ERRORS as exc:
            raise ProblemsFound([self._runtime_problem(template, None, exc)]) from None
        self.files.update(self._loader.files_of(template))
        return text


# The bundled font families that draw every script: labels and the templates' own words must
# print in each of them, whichever the theme picks (a profile's Latin-only face is replaced).
_BUNDLED = tuple(sorted(GENERAL))

# What a template can raise while it runs: Jinja's errors (undefined names, the sandbox's
# refusals, the budget) and Python's own for a value of the wrong kind.
_RUNTIME_ERRORS = (jinja2.TemplateError, ArithmeticError, LookupError, ValueError, TypeError, AttributeError,
                   RecursionError)


def _syntax_problem(exc: jinja2.TemplateSyntaxError, template: str) -> Problem:
    return Problem(exc.filename or template, exc.lineno or 1, 1, "", f"template error: {exc.message}",
                   "fix the template's Jinja syntax")


def _template_line(exc: BaseException, files: set[str]) -> tuple[str, int] | None:
    """The file and line of the innermost template the exception passed through, or None.
    A macro called from Python runs the template's compiled code, whose lines Jinja maps back;
    ``Template.render`` has already rewritten the traceback to frames in the template ``files``."""
    found = None
    trace = exc.__traceback__
    while trace is not None:
        template = trace.tb_frame.f_globals.get("__jinja_template__")
        if template is not None:
            found = (template.filename or template.name, template.get_corresponding_lineno(trace.tb_lineno))
        elif trace.tb_frame.f_code.co_filename in files:
            found = (trace.tb_frame.f_code.co_filename, trace.tb_lineno)
        trace = trace.tb_next
    return found


@dataclass(frozen=True)
class _File:
    """A label catalogue as read: its path, its bytes and their hash."""

    path: str
    data: bytes
    digest: str

    def source(self) -> Source:
        return load_text(self.text(), self.path)

    def text(self) -> str:
        try:
            return decode_text(self.data, self.path)
        except ProblemsFound as exc:  # an empty catalogue starts from English's, not from a unit
            raise ProblemsFound([replace(problem, hint=_START_HINT) if problem.message == "the file is empty"
                                 else problem for problem in exc.problems]) from None


def _read(folder: Path, path: Path) -> _File:
    """The catalogue ``path`` of the templates folder ``folder``, refused if a link takes it outside."""
    real = linked_outside(path, folder)
    if real is not None:
        raise ProblemsFound([Problem(str(path), 1, 1, "", f"the label catalogue is a link to {real}, outside "
                                     f"the templates folder {folder}", OUTSIDE_HINT)])
    data = _regular_bytes(path)
    return _File(str(path), data, hashlib.sha256(data).hexdigest())


def _regular_bytes(path: Path) -> bytes:
    """The bytes of the label catalogue ``path``, or a problem when it is no ordinary file: a
    named pipe would wait for a writer for ever, and skipping it would print other words than
    the school wrote. Opened without waiting, and checked once open."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ProblemsFound([_catalogue_problem(path, _not_a_file(path) if path.is_symlink() else
                                                f"unreadable ({exc.strerror or exc})")]) from None
    with os.fdopen(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise ProblemsFound([_catalogue_problem(path, _not_a_file(path))])
        return file.read()


def _catalogue_problem(path: Path, what: str) -> Problem:
    return Problem(str(path), 0, 0, "", f"the label catalogue is {what}: printpack reads only ordinary files",
                   "save the catalogue as an ordinary file, or delete it to use the built-in words")


_KINDS_OF_FILE = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFSOCK: "a socket",
                  stat.S_IFCHR: "a device", stat.S_IFBLK: "a device"}


def _not_a_file(path: Path) -> str:
    """What ``path``, which is no regular file, is: "a named pipe (FIFO)", "a symbolic link to
    x.yaml, which does not exist"."""
    try:
        return _KINDS_OF_FILE.get(stat.S_IFMT(path.stat().st_mode), "not an ordinary file")
    except OSError:
        return f"a symbolic link to {path.readlink()}, which does not exist" if path.is_symlink() else "unreadable"


def _catalogue_files(language: str, user_dir: Path | None) -> list[_File]:
    """The files of the catalogue of ``language``: ``labels/<language>.yaml``, the user's copy
    first, else the built-in one; then the words of each registered kind's own catalogue."""
    found = [(folder, folder / "labels" / f"{language}.yaml") for folder in template_dirs(user_dir)]
    found = [(folder, path) for folder, path in found if os.path.lexists(path)]  # refused by _read if no file
    if not found:
        raise ProblemsFound([Problem(f"labels/{language}.yaml", 1, 1, "", f"no labels for language '{language}'",
                                     None)])
    (folder, path), *others = found
    kinds = kind_template_folders()
    return [_read(folder, path), *(_read(other, file) for other, file in others if other in kinds)]


def _builtin_catalogue(language: str, main: _File) -> _File | None:
    """The built-in catalogue of ``language`` when a school's copy (``main``) takes its place:
    what the school's copy does not write comes from it (:func:`_inherited`, :func:`_builtin_words`)."""
    path = builtin_templates() / "labels" / f"{language}.yaml"
    return _read(builtin_templates(), path) if path.is_file() and str(path) != main.path else None


def _english_files() -> list[_File]:
    """The files that declare the words: the built-in English catalogue, then each registered
    kind's own ``labels/en.yaml``."""
    folders = (builtin_templates(), *kind_template_folders())
    return [_read(folder, folder / "labels" / "en.yaml") for folder in folders
            if (folder / "labels" / "en.yaml").is_file()]


def load_labels(language: str, user_dir: Path | None, record: dict[str, str] | None = None) -> Labels:
    """The label catalogue ``labels/<language>.yaml``, user's copy first, with the words of the
    registered kinds' own catalogues, the English words for the keys it lacks and CLDR's for its
    locale."""
    return _labels_by_digest[_load(language, user_dir, record)]


def _load(language: str, user_dir: Path | None, record: dict[str, str] | None) -> str:
    """Read and check the catalogue of ``language`` (once for the same bytes), recording its
    files in ``record``, and say how it is known (:func:`_catalogue_key`)."""
    files, english = _catalogue_files(language, user_dir), _english_files()
    builtin = _builtin_catalogue(language, files[0])
    if record is not None:
        record.update((file.path, file.digest) for file in (*files, *([builtin] if builtin else [])))
        override = user_dir / "labels" / f"{language}.yaml" if user_dir is not None else None
        if override is not None and str(override) != files[0].path:  # a school's catalogue added later counts
            record[str(override)] = ABSENT
    key = _catalogue_key(language, [file.digest for file in (*files, *english)] + [builtin.digest if builtin else ""])
    if key not in _labels_by_digest:
        declared = _declared(english)
        kinds_words = frozenset(declared) - frozenset(_declared(english[:1]))
        builtin_data = builtin.source().data if builtin else {}
        _labels_by_digest[key], _warnings_by_digest[key] = _catalogue(files, declared, kinds_words, language,
                                                                      _inherited(builtin_data),
                                                                      _builtin_words(builtin_data, declared))
    if record is not None and _warnings_by_digest[key]:  # English words print: English is an input
        for file in english:
            record.setdefault(file.path, file.digest)
    return key


def label_warnings(language: str, user_dir: Path | None) -> list[Problem]:
    """What ``check`` says about the catalogue of ``language``: each key it lacks (printed in
    English) and a language CLDR does not know (dates and plurals then follow English)."""
    return [*_warnings_by_digest[_load(language, user_dir, None)]]


def _catalogue_key(language: str, digests: Sequence[str]) -> str:
    """How a read catalogue is known: by its language, whose code is its locale when it names
    none, and the hashes of its files and of the English ones that declare its words."""
    return ":".join((language, *digests))


def _declared(english: Sequence[_File]) -> dict[str, Any]:
    """The English catalogue as data, with the words of each registered kind's own English
    catalogue: every word there is, its placeholders and the words a catalogue lacking it prints.
    A kind's catalogue adds words of its own, never one printpack has."""
    key = tuple(file.digest for file in english)
    if key not in _declared_by_digest:
        words: dict[str, Any] = {}
        problems = []
        for file in english:
            source = file.source()
            if not isinstance(source.data, dict):
                raise ProblemsFound([_no_mapping(source)])
            taken = (set(words) | set(Labels.model_fields)) if words else set()  # the built-in file comes first
            problems += [source.problem((name,), f"'{name}' is a label of printpack's own", "a kind's catalogue "
                                        "adds words of its own: give the word a name of its own", key=True)
                         for name in source.data if name in taken]
            words.update(source.data)
        if problems:
            raise ProblemsFound(problems)
        _declared_by_digest[key] = words
    return _declared_by_digest[key]


def _inherited(builtin: dict[str, Any]) -> dict[str, Any]:
    """The values that are no words (the locale, month names, era word, small numbers) of the
    built-in catalogue of a language, which a school's copy of that language takes unless it
    writes them."""
    return {key: value for key, value in builtin.items() if key in Labels.model_fields}


def _builtin_words(builtin: Any, declared: dict[str, Any]) -> dict[str, Any]:
    """The words of the built-in catalogue of a language, which a school's copy of that language
    takes for the words it does not write: a school that rewords one Russian label keeps the
    other Russian words, and only a word printpack's own catalogue lacks too prints in English."""
    if not isinstance(builtin, dict):
        return {}
    return {key: value for key, value in builtin.items() if key in declared and key not in Labels.model_fields}


def _catalogue(files: Sequence[_File], declared: dict[str, Any], kinds_words: frozenset[str],
               language: str, inherited: dict[str, Any],
               builtin_words: dict[str, Any]) -> tuple[Labels, list[Problem]]:
    """The catalogue read from ``files`` (a language's, then the registered kinds' own, which
    hold only the ``kinds_words``), checked, completed from the built-in catalogue of its
    language (its ``inherited`` values and its ``builtin_words``), from English (its words only)
    and from CLDR, and the warnings about what was completed from English; or ProblemsFound."""
    main, *kinds = files
    source, text = main.source(), main.text()
    if not isinstance(source.data, dict):
        raise ProblemsFound([_no_mapping(source)])
    data = _mark_and_marks_as_forms(source.data)
    kind_words, problems = _kinds_words(kinds, declared, kinds_words)
    problems[:0] = _unknown_key_problems(source, [*Labels.model_fields, *declared], mark="mark" not in data)
    written = {key: value for key, value in data.items() if key in declared or key in Labels.model_fields}
    kept_words = {key: value for key, value in builtin_words.items() if key not in written}
    fallback = {key: value for key, value in declared.items()
                if key not in written and key not in kept_words and key not in kind_words
                and key not in Labels.model_fields}
    try:
        labels = validate_model(Labels, replace(source, data={**fallback, **kind_words, **kept_words,
                                                              **_kept(inherited, written), **written}))
    except ProblemsFound as exc:
        raise ProblemsFound([*problems, *exc.problems]) from None
    problems += [*_placeholder_problems(source, text, declared), *_repeated_month_problems(source),
                 *_dateless_circa(source), *(problem for problem in unprintable(labels, source, _BUNDLED)
                   if re.split(r"[.\[]", problem.path)[0] in source.data)]
    locale, locale_warnings = _locale_of(labels, source, language, str(declared["locale"]))
    if locale is None:
        problems.append(source.problem(("locale",), f"CLDR has no locale {quoted(labels.locale)}",
                                       "name one Babel knows, such as en_GB, de or ru"))
    if problems:
        raise ProblemsFound(problems)
    assert locale is not None
    resolved = _resolved(labels, locale)
    lacking = missing(_cldr_text(resolved), printable(_BUNDLED))
    if lacking:
        raise ProblemsFound([source.problem(("locale",), f"CLDR's dates for the locale '{locale}' hold text that cannot "
                                            f"be printed: {lacking_message(lacking)}", fonts_hint(_BUNDLED))])
    missing_keys = [Problem(main.path, 0, 0, key, "this catalogue has no such label, so its English words print",
                            f"add `{key}:` in this language; the English catalogue shows its words")
                    for key in fallback]
    digits = [Problem(main.path, 0, 0, "small_numbers", "this catalogue has no small_numbers, so counts print as "
                      "digits ('Circle 2 letters')", "add `small_numbers: [...]`: the words for zero to ten in this "
                      "language, in the form an instruction takes")] if not resolved.small_numbers else []
    return resolved, [*locale_warnings, *missing_keys, *digits, *_plural_form_problems(source, resolved, declared)]


def _kept(inherited: dict[str, Any], written: dict[str, Any]) -> dict[str, Any]:
    """The ``inherited`` values a school's catalogue that ``written`` keeps: all it does not
    write, but month names and era word only for the locale they belong to, and no short month
    names once it writes its own month names."""
    same_locale = written.get("locale", inherited.get("locale")) == inherited.get("locale")
    return {key: value for key, value in inherited.items() if key not in written
            and (same_locale or key in ("small_numbers",)) and not (key == "months_short" and "months" in written)}


def _plural_form_problems(source: Source, labels: Labels, declared: dict[str, Any]) -> list[Problem]:
    """A warning for each word with forms for a count (a plural word in English) that the
    catalogue writes without a form its locale's CLDR plural rule needs: ``marks`` written
    ``{one: балл, other: баллов}`` in Russian prints "2 баллов"."""
    needed = l10n.plural_categories(labels.locale)
    problems = []
    for key in source.data:
        word = (labels.model_extra or {}).get(key)
        if not isinstance(declared.get(key), dict) or word is None:
            continue
        forms = word.model_fields_set if isinstance(word, Plural) else {"other"}
        lacking = [category for category in l10n.PLURAL_CATEGORIES if category in needed - forms]
        if lacking:
            categories = ", ".join(category for category in l10n.PLURAL_CATEGORIES if category in needed)
            problems.append(source.problem((key,), f"this word has no form for CLDR's plural "
                                           f"{'category' if len(lacking) == 1 else 'categories'} "
                                           f"{', '.join(lacking)} of the locale {labels.locale}, so a count in "
                                           f"{'it' if len(lacking) == 1 else 'them'} prints its other form",
                                           f"write a form for each of {categories}"))
    return problems


def _no_mapping(source: Source) -> Problem:
    """The problem of a catalogue that is no mapping (a list, a text)."""
    return source.problem((), "a label catalogue maps each label's name to its words", _START_HINT)


_START_HINT = ("start from a copy of printpack's templates/labels/en.yaml, named labels/<language>.yaml, and "
               "translate its words")


def _mark_and_marks_as_forms(data: dict[str, Any]) -> dict[str, Any]:
    """A catalogue written before plurals, with ``mark`` and ``marks``, keeps working."""
    if isinstance(data.get("mark"), str) and isinstance(data.get("marks"), str):
        data = {**data, "marks": {"one": data["mark"], "other": data["marks"]}}
        del data["mark"]
    return data


def _kinds_words(files: Sequence[_File], declared: dict[str, Any],
                 kinds_words: frozenset[str]) -> tuple[dict[str, Word], list[Problem]]:
    """The words of the registered kinds' own catalogues of a language, and the problems in them."""
    found: dict[str, Word] = {}
    problems = []
    for file in files:
        source, words = _kind_words(file, kinds_words)
        problems += [*_unknown_key_problems(source, kinds_words), *_placeholder_problems(source, file.text(), declared),
                     *unprintable(words, source, _BUNDLED)]
        found.update(words.model_extra or {})
    return found, problems


def _kind_words(file: _File, kinds_words: frozenset[str]) -> tuple[Source, Words]:
    """A registered kind's own catalogue of a language, and the kinds' words it holds."""
    source = file.source()
    if not isinstance(source.data, dict):
        raise ProblemsFound([_no_mapping(source)])
    known = {key: value for key, value in source.data.items() if key in kinds_words}
    return source, validate_model(Words, replace(source, data=known))


def _unknown_key_problems(source: Source, allowed: Collection[str], *, mark: bool = False) -> list[Problem]:
    """A problem for each key of the catalogue ``source`` that is not ``allowed``: a word the
    English catalogue (printpack's, or a registered kind's own) does not declare, or in a kind's
    catalogue, which translates only the kinds' words, any other. ``mark`` is allowed when
    :func:`_mark_and_marks_as_forms` made it a form of ``marks`` (a lone ``mark`` is no label)."""
    return [source.problem((key,), f"unknown key {quoted(key)}", did_you_mean(key, allowed) or (
                "every label is declared by the English catalogue (labels/en.yaml, or a registered kind's own), "
                "which has no such key"), key=True)
            for key in source.data if key not in allowed and not (key == "mark" and mark)]


def _cldr_text(labels: Labels) -> str:
    """Every character the dates of ``labels`` can print besides digits."""
    months = (names for names in (labels.months, labels.months_short) if isinstance(names, MonthNames))
    return labels.bc + "".join(names.words() for names in months)


def _locale_of(labels: Labels, source: Source, language: str, english: str) -> tuple[str | None, list[Problem]]:
    """The CLDR locale the catalogue names (None if CLDR has no such locale), else its
    language's, else English's (``english``) with a warning."""
    if labels.locale:
        return (labels.locale if l10n.locale(labels.locale) else None), []
    if l10n.locale(language):
        return language, []
    return english, [Problem(source.file, 0, 0, "", f"CLDR has no locale '{language}', so plurals and dates follow "
                             f"{english}", "name the language's CLDR locale with `locale:`, e.g. locale: fr")]


def _resolved(labels: Labels, locale: str) -> Labels:
    """``labels`` with its locale and with CLDR's month names and era word where it wrote none
    (names it wrote print in every form, in the locale's order), the dates marking an
    approximate year with its word ``circa``."""
    def months(given: Sequence[str], short: bool) -> MonthNames:
        names = replace(l10n.month_names(locale, short=short), circa=labels.circa)
        return replace(names, names=tuple(given), standalone=tuple(given)) if given else names

    full = months(labels.months, short=False)
    short = months(labels.months_short or labels.months, short=True)  # never a name cut short
    return labels.model_copy(update={"locale": locale, "months": full, "months_short": short,
                                     "bc": labels.bc or l10n.era(locale, bc=True)})


_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def placeholders(english: Any) -> frozenset[str]:
    """The placeholders a word may hold: those its English text holds (``english``), in any of
    its forms for a plural word. A value that is no word (``bc``, the months) holds none."""
    texts = english.values() if isinstance(english, dict) else [english] if isinstance(english, str) else []
    return frozenset(name for words in texts for name in _PLACEHOLDER.findall(str(words)))


def _placeholder_problems(source: Source, text: str, declared: dict[str, Any]) -> list[Problem]:
    """A problem for each ``{name}`` in a label that the label does not have, such as the typo
    ``{cnt}`` for ``{count}``, located at the placeholder itself when it is on the label's line."""
    lines = text.splitlines()
    problems = []
    for field, value in source.data.items():
        if field not in declared and field not in Labels.model_fields:  # no label: a problem of its own
            continue
        allowed = frozenset() if field in Labels.model_fields else placeholders(declared[field])
        for path, words in _label_texts(field, value):
            for match in _PLACEHOLDER.finditer(str(words)):
                if match.group(1) in allowed:
                    continue
                known = ", ".join(f"{{{name}}}" for name in sorted(allowed))
                hint = did_you_mean(match.group(0), [f"{{{name}}}" for name in allowed]) or (
                    f"this label's placeholders are {known}" if allowed
                    else "this label has no placeholders: write the words without braces")
                problem = source.problem(path, f"the placeholder {match.group(0)} is not one this label has", hint)
                line = lines[problem.line - 1] if 0 < problem.line <= len(lines) else ""
                found = line.find(match.group(0), problem.column - 1)
                problems.append(replace(problem, column=found + 1) if found >= 0 else problem)
    return problems


def _dateless_circa(source: Source) -> list[Problem]:
    """A problem when the word ``circa`` has no ``{date}``: every approximate year would print
    as the word alone."""
    circa = source.data.get("circa")
    if not isinstance(circa, str) or "{date}" in circa:
        return []
    return [source.problem(("circa",), "this word has no {date}, so an approximate year would print without its year",
                           'write {date} where the year goes, e.g. "c. {date}"')]


def _label_texts(field: str, value: Any) -> list[tuple[tuple[str | int, ...], Any]]:
    """Each text of a label as written, with its path: a list's items, a plural's forms."""
    if isinstance(value, list):
        return [((field, i), words) for i, words in enumerate(value)]
    if isinstance(value, dict):
        return [((field, category), words) for category, words in value.items()]
    return [((field,), value)]


def _repeated_month_problems(source: Source) -> list[Problem]:
    """A problem for each label that prints like an earlier one of a group a reader must tell
    apart (:func:`alike_key`: case, emphasis, invisible and blank-looking characters do not
    show): the months, the short months, and true/false, where ``True\u200b`` for false would
    print "○ True ○ True"."""
    problems = []
    for field in ("months", "months_short"):
        names = source.data.get(field) or []
        for index, name in enumerate(names):
            earlier = [i for i, other in enumerate(names[:index]) if alike_key(str(other)) == alike_key(str(name))]
            if earlier:
                problems.append(source.problem((field, index), f"month {index + 1} is written '{name}', which prints "
                                               f"as month {earlier[0] + 1} does", "each month needs a name of its "
                                               "own, or the dates of the two months print alike"))
    true, false = (str(source.data.get(key, "")) for key in ("true", "false"))
    if true and false and alike_key(true) == alike_key(false):
        problems.append(source.problem(("false",), f"'{false}' prints as true's '{true}' does",
                                       "true and false need words a student can tell apart"))
    return problems


# Catalogues already parsed and validated, by language and the hash of their bytes (a few
# kilobytes each: :func:`_catalogue_key`), and what check says about each.
_labels_by_digest: dict[str, Labels] = {}
_warnings_by_digest: dict[str, list[Problem]] = {}
_declared_by_digest: dict[tuple[str, ...], dict[str, Any]] = {}


def languages(user_dir: Path | None) -> set[str]:
    """The languages with a label catalogue."""
    return {p.stem for folder in template_dirs(user_dir) for p in (folder / "labels").glob("*.yaml")}
