"""What a template may do: run in Jinja's immutable sandbox, within a budget, and emit only a few tags.

A ``--templates`` folder is code from outside printpack, so every template (the built-in ones
too: one kind of environment) runs in :class:`BudgetedSandbox`. Jinja's sandbox blocks
``__globals__`` and friends and caps ``range()``, but it is no resource limit (PITFALLS.md §6).
The budget is counted, not timed, so it needs no signal, thread or clock and stops the same
template at the same place in every process:

* **steps**: every call, attribute or item lookup, intercepted operator, loop iteration and
  output counts one step (and one more per kilobyte it produces); a phrase may take
  :data:`MAX_STEPS`. Every ``{% for %}`` loop is compiled to count its iterations, so nested
  loops cannot hide work.
* **sizes**: no text, list or mapping a template makes may hold more than :data:`MAX_SIZE`
  characters or items. The operations that multiply a size (``*``, ``+``, ``%``, ``~``,
  ``str.center``, ``replace``, ``join``, the ``indent``, ``wordwrap``, ``format`` filters...)
  are checked *before* they run, so nothing large is ever built; every other result is
  checked after. Numbers are capped at :data:`MAX_INT_BITS` bits.
* **depth**: macros (and recursive loops) may nest :data:`MAX_DEPTH` calls deep.

A template that exceeds the budget raises :class:`BudgetExceeded`, which :mod:`compiler.wording`
turns into a located problem. Its output is then checked by :func:`markup_problems`: the tags a
phrase may hand to ReportLab are a fixed set (:data:`ALLOWED_TAGS`), so a template can never
make ReportLab open a file (``<img src>``), link (``<a href>``), number (``<seq>``) or run a
callback (``<onDraw>``). A phrase that passes is then read by ReportLab's own parser, so markup
it cannot read is a problem too, never an error stopping the build.
"""

from __future__ import annotations

import inspect
import math
import re
import string
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import cache, wraps
from html.parser import HTMLParser
from typing import Any, Protocol

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel

MAX_STEPS = 100_000
MAX_SIZE = 100_000
MAX_INT_BITS = 4_096
MAX_DEPTH = 64


class BudgetExceeded(jinja2.TemplateRuntimeError):
    """A template went over its budget of steps, size or depth."""


class _Budget:
    """What one phrase has spent so far."""

    __slots__ = ("depth", "max_steps", "max_written", "steps", "written")

    def __init__(self, scale: int = 1) -> None:
        self.steps = self.depth = self.written = 0
        self.max_steps = MAX_STEPS * scale
        self.max_written = MAX_SIZE * scale

    def spend(self, steps: int = 1) -> None:
        self.steps += steps
        if self.steps > self.max_steps:
            raise BudgetExceeded(f"the template takes more than {self.max_steps:,} steps (a loop too long or nested "
                                 "too deep?)")

    def write(self, characters: int) -> None:
        self.written += characters
        self.spend(1 + characters // 1024)
        if self.written > self.max_written:
            raise BudgetExceeded(f"the template writes more than {self.max_written:,} characters")


def _size(value: Any) -> int:
    """How much room ``value`` takes, in characters or items (0 for what has no length)."""
    if isinstance(value, str | list | tuple | dict | set | frozenset | bytes):
        return len(value)
    return 0


def _check_size(value: Any, what: str = "a value") -> Any:
    """``value`` itself, if it is within the size limits."""
    if _size(value) > MAX_SIZE:
        raise BudgetExceeded(f"{what} of {_size(value):,} characters or items is larger than the limit of "
                             f"{MAX_SIZE:,}")
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise BudgetExceeded(f"a number of {value.bit_length():,} bits is larger than the limit of {MAX_INT_BITS:,}")
    return value


def _check_estimate(size: float, what: str) -> None:
    if size > MAX_SIZE:
        raise BudgetExceeded(f"{what} would make {size:,.0f} characters or items, more than the limit of "
                             f"{MAX_SIZE:,}")


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\d+)?(?:\.(\d+))?")


def _percent_format_size(text: str) -> int:
    """The widest field ``text % values`` pads to: the largest width or precision it names."""
    return max((int(number) for match in _PERCENT_SPEC.finditer(text) for number in match.groups() if number),
               default=0)


def _format_spec_size(text: str) -> int:
    """The widest field ``text.format(...)`` pads to: the largest width or precision it names."""
    return max((int(number) for _, _, spec, _ in string.Formatter().parse(text)
                for number in re.findall(r"\d+", spec or "")), default=0)


def _check_numbers(args: Iterable[Any], what: str) -> None:
    """Numbers given to a filter or a text method are widths and counts: each must be within the limit."""
    for value in args:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
            raise BudgetExceeded(f"{what} was given the number {value:,}, larger than the limit of {MAX_SIZE:,}")


def _lines(text: Any) -> int:
    return str(text).count("\n") + 1


def _replaced_size(text: str, old: Any, new: Any, count: Any) -> int:
    occurrences = len(text) + 1 if str(old) == "" else text.count(str(old))
    if isinstance(count, int) and count >= 0:
        occurrences = min(occurrences, count)
    return len(text) + occurrences * len(str(new))


def _joined_size(items: list[Any], separator: Any) -> int:
    return sum(len(str(item)) for item in items) + len(str(separator)) * max(len(items) - 1, 0)


# What each size-multiplying filter or text method would make, from its arguments named as its
# parameters are (``self`` is the text of a method), before it runs.
_ESTIMATES: dict[str, Callable[[dict[str, Any]], float]] = {
    "center": lambda a: max(len(str(a.get("value", a.get("self", "")))), a.get("width", 80)),
    "ljust": lambda a: max(len(a["self"]), a["width"]),
    "rjust": lambda a: max(len(a["self"]), a["width"]),
    "zfill": lambda a: max(len(a["self"]), a["width"]),
    "expandtabs": lambda a: len(a["self"]) + a["self"].count("\t") * a.get("tabsize", 8),
    "replace": lambda a: _replaced_size(str(a.get("s", a.get("self", ""))), a["old"], a["new"], a.get("count")),
    "indent": lambda a: len(str(a["s"])) + _lines(a["s"]) * _size_or_number(a.get("width", 4)),
    "wordwrap": lambda a: len(str(a["s"])) * (1 + len(str(a.get("wrapstring") or "\n"))
                                              / max(1, a.get("width", 79))) + _lines(a["s"]),
    "join": lambda a: _joined_size(a.get("iterable", a.get("value", ())), a.get("d", a.get("self", ""))),
    "sum": lambda a: sum(_size(item) for item in a["iterable"]),
    "format": lambda a: _percent_format_size(str(a["value"])) if "value" in a else _format_spec_size(a["self"]),
    "format_map": lambda a: _format_spec_size(a["self"]),
}
# The ones that read an iterable, which must then be read into a list first.
_READS_ITEMS = frozenset({"join", "sum"})


def _estimate(name: str, function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a call of the size-multiplying ``function`` whose result would be over the limit.
    Arguments that do not fit its parameters are left for the call itself to report."""
    try:
        size = _ESTIMATES[name](_named(function, args, kwargs))
    except (KeyError, TypeError, ValueError):
        return
    _check_estimate(size, f"{name}()")


def _size_or_number(value: Any) -> int:
    return value if isinstance(value, int) else len(str(value))


@cache
def _parameter_names(function: Callable[..., Any]) -> tuple[str, ...]:
    try:
        return tuple(inspect.signature(function).parameters)
    except ValueError:  # a built-in without a signature, such as str.format: it takes (self, *args)
        return ("self",)


def _named(function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
    """The arguments as the function's parameters name them (what ``Signature.bind`` gives, at a
    fraction of its cost; arguments that do not fit make the call itself fail afterwards)."""
    return {**dict(zip(_parameter_names(function), args, strict=False)), **kwargs}


def _materialised(args: tuple[Any, ...], index: int, step: Callable[[], None]) -> tuple[Any, ...]:
    """``args`` with the iterable at ``index`` read into a list (counting one step an item), so
    its size is known before a join or sum and it can still be read afterwards."""
    if len(args) <= index or isinstance(args[index], str):
        return args
    items = []
    for item in args[index]:
        step()
        items.append(item)
    return (*args[:index], items, *args[index + 1:])


class _CountingCodeGenerator(CodeGenerator):
    """Jinja's code generator with two hooks of the budget compiled in: every ``{% for %}``
    iterates through :meth:`BudgetedSandbox.counted`, and every ``~`` concatenation is checked
    for size (it is not an operator the sandbox intercepts)."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        literal = sum(len(data.data) for part in node.body for data in part.find_all(nodes.TemplateData))
        node.iter = nodes.Call(nodes.EnvironmentAttribute("counted"), [node.iter, nodes.Const(literal)], [], None,
                               None, lineno=node.iter.lineno)
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.concatenated(")
        super().visit_Concat(node, frame)
        self.write(")")


class BudgetedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with a budget of steps, sizes and depth for each phrase."""

    code_generator_class = _CountingCodeGenerator
    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, **options: Any) -> None:
        super().__init__(finalize=self._output, **options)
        self.budget = _Budget()
        self.globals["range"] = self._range
        del self.globals["lipsum"]  # placeholder paragraphs: no phrase needs them, and they can be long
        self.filters = {name: self._budgeted_filter(name, function) for name, function in self.filters.items()}

    def fresh_budget(self, scale: int = 1) -> None:
        """Start the budget of a new phrase (``scale`` times the usual one for a whole page)."""
        self.budget = _Budget(scale)

    # Hooks compiled into every template by _CountingCodeGenerator

    def counted(self, iterable: Any, literal: int) -> Iterator[Any]:
        """``iterable``, counting a step for each item a loop takes and the ``literal``
        characters of template text its body writes each time."""
        for item in iterable:
            self.budget.write(literal)
            yield item

    def concatenated(self, text: Any) -> Any:
        self.budget.spend(1 + _size(text) // 1024)
        return _check_size(text, "a text joined with ~")

    # The sandbox's own hooks

    def _output(self, value: Any) -> Any:
        """Every ``{{ value }}`` written out, counted against the phrase's size."""
        self.budget.write(len(str(value)))
        return value

    def _range(self, *args: int) -> range:
        self.budget.spend()
        result = range(*args)
        _check_estimate(len(result), "range()")
        return result

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja's rules, and of a pydantic model (``labels``) only its fields: its methods
        include ``parse_file``, which reads (and can unpickle) any file."""
        if isinstance(obj, BaseModel) and attr not in type(obj).model_fields:
            return False
        return super().is_safe_attribute(obj, attr, value)

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.budget.spend()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.budget.spend()
        return super().getitem(obj, argument)

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        self.budget.spend()
        _check_binop(operator, left, right)
        return _check_size(super().call_binop(context, operator, left, right), f"the result of {operator}")

    def call(self, context: jinja2.runtime.Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        budget = self.budget
        budget.spend()
        if budget.depth >= MAX_DEPTH:
            raise BudgetExceeded(f"macros call each other more than {MAX_DEPTH} deep (a macro that calls itself "
                                 "without end?)")
        method = getattr(obj, "__wrapped__", obj)
        if isinstance(getattr(method, "__self__", None), str):
            args = self._checked_text_method(method, args, kwargs)
        budget.depth += 1
        try:
            result = super().call(context, obj, *args, **kwargs)
        finally:
            budget.depth -= 1
        return _check_size(result, f"the result of {getattr(method, '__name__', 'a call')}()")

    def _checked_text_method(self, method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
        """The arguments of a text method such as ``'x'.center(n)``, checked before it runs."""
        name = method.__name__
        _check_numbers([*args, *kwargs.values()], f"{name}()")
        if name in _READS_ITEMS:
            args = _materialised(args, 0, self.budget.spend)
        if name in _ESTIMATES:
            _estimate(name, getattr(str, name), (method.__self__, *args), kwargs)
        return args

    def _budgeted_filter(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """``function`` (the filter ``name``) counting a step, with its arguments checked before it
        runs and its result after."""
        first = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0  # the filtered value

        @wraps(function)
        def budgeted(*args: Any, **kwargs: Any) -> Any:
            self.budget.spend()
            _check_numbers([*args[first + 1:], *kwargs.values()], f"the filter {name}")
            if name in _READS_ITEMS:
                args = _materialised(args, first, self.budget.spend)
            if name in _ESTIMATES:
                _estimate(name, function, args, kwargs)
            return _check_size(function(*args, **kwargs), f"the result of the filter {name}")

        return budgeted


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``*``, ``**``, ``+`` and ``%`` whose result would be over the limits, before computing it."""
    if operator == "*":
        for sized, count in ((left, right), (right, left)):
            if _size(sized) and isinstance(count, int):
                _check_estimate(_size(sized) * max(count, 0), "the repetition *")
        if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise BudgetExceeded(f"a product of more than {MAX_INT_BITS:,} bits is larger than the limit")
    elif operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
        if right * math.log2(abs(left)) > MAX_INT_BITS:
            raise BudgetExceeded(f"a power of more than {MAX_INT_BITS:,} bits is larger than the limit")
    elif operator == "+" and _size(left) and _size(right):
        _check_estimate(_size(left) + _size(right), "the sum +")
    elif operator == "%" and isinstance(left, str):
        _check_estimate(_percent_format_size(left), "the format %")
        _check_numbers(right if isinstance(right, tuple) else (right,), "the format %")


class _Value(Protocol):
    def fullmatch(self, value: str) -> object: ...


@cache
def _named_colours() -> frozenset[str]:
    """The colour names ReportLab knows (it reads them in any case). Imported only when a phrase
    names a colour, so checking a unit does not load ReportLab."""
    from reportlab.lib.colors import getAllNamedColors

    return frozenset(name for name in getAllNamedColors() if name.isalpha() and name.islower())


class _Colour:
    """``#rgb``, ``#rrggbb`` or a colour name ReportLab knows: any other word (``javascript``)
    would stop ReportLab with "Invalid color value"."""

    _HEX = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?")

    def fullmatch(self, value: str) -> bool:
        return bool(self._HEX.fullmatch(value)) or value.lower() in _named_colours()


# ReportLab paragraph markup a phrase may contain: the tags the built-in templates and unit text
# use, and simple styling a school may want. Each tag lists the attributes it may carry and what
# their values may look like.
_COLOUR = _Colour()
_POINTS = re.compile(r"\d{1,2}(?:\.\d{1,2})?")
ALLOWED_TAGS: dict[str, dict[str, _Value]] = {
    "b": {}, "i": {}, "u": {}, "strike": {}, "sub": {}, "super": {}, "sup": {}, "br": {},
    "font": {"color": _COLOUR, "size": _POINTS},
}
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_VOID = frozenset({"br"})


class _MarkupChecker(HTMLParser):
    """Reads a phrase the way ReportLab's paragraph parser does (it is an ``HTMLParser`` too, with
    the same settings), collecting what is not allowed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.problems: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:  # ReportLab reads <br> as opening a tag that holds nothing
            self.problems.append(f"write <{tag}/>, with the slash")
        elif self._start(tag, attrs):
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        """Whether ``tag`` is allowed (its attributes may still not be)."""
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"the tag <{tag}> is not allowed")
            return False
        for name, value in attrs:
            pattern = ALLOWED_TAGS[tag].get(name)
            if pattern is None:
                self.problems.append(f"the attribute '{name}' of <{tag}> is not allowed")
            elif value is None or not pattern.fullmatch(value):
                self.problems.append(f"<{tag} {name}=\"{value}\"> is not a value printpack accepts")
        return True

    def handle_endtag(self, tag: str) -> None:
        """An end tag is checked as a start tag is: ReportLab fails on ``</para>``, ``</a>``,
        ``</img>`` or ``</br>`` even where it has no start."""
        if tag in _VOID:
            self.problems.append(f"</{tag}> is not a tag ReportLab reads: write <{tag}/>")
        elif tag not in ALLOWED_TAGS:
            self.problems.append(f"the tag </{tag}> is not allowed")
        elif not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes a tag that is not open")
        else:
            self.open.pop()

    def handle_entityref(self, name: str) -> None:
        if name not in _XML_ENTITIES:
            self.problems.append(f"the entity &{name}; is not allowed")

    def handle_charref(self, name: str) -> None:
        try:
            character = chr(int(name[1:], 16) if name[:1] in "xX" else int(name))
        except (ValueError, OverflowError):
            character = "\x00"
        if unicodedata.category(character) in ("Cc", "Cs", "Co", "Cn"):  # control, surrogate, private, unassigned
            self.problems.append(f"the character reference &#{name}; is not a printable character")

    def handle_comment(self, data: str) -> None:
        self.problems.append("comments (<!-- -->) are not allowed")

    def handle_decl(self, decl: str) -> None:
        self.problems.append(f"the declaration <!{decl}> is not allowed")

    def unknown_decl(self, data: str) -> None:
        self.problems.append(f"<![{data}]]> is not allowed")

    def handle_pi(self, data: str) -> None:
        self.problems.append(f"the processing instruction <?{data}> is not allowed")


def markup_problems(text: str) -> list[str]:
    """What in ``text``, a phrase about to become ReportLab paragraph markup, is not allowed:
    a tag or attribute outside :data:`ALLOWED_TAGS`, an entity other than XML's five, a tag left
    open or closed twice. Unit text arrives escaped (``&lt;img&gt;``), so it is never a tag."""
    if "<" not in text and "&" not in text:
        return []
    checker = _MarkupChecker()
    checker.feed(text)
    if checker.rawdata:  # what the parser holds back: the start of a tag that never ends
        checker.problems.append(f"'{checker.rawdata[:40]}' is unfinished (a tag or an entity without its end)")
    checker.problems.extend(f"<{tag}> is never closed" for tag in reversed(checker.open))
    return checker.problems or _reportlab_problems(text)


@cache
def _reportlab_parse() -> Callable[[str], object]:
    """ReportLab's own paragraph parser, reading a text as a paragraph would (imported on first
    use: a unit checked without drawing does not load ReportLab)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus.paraparser import ParaParser

    style = ParagraphStyle("check")
    return lambda text: ParaParser().parse(text, style)


def _reportlab_problems(text: str) -> list[str]:
    """What ReportLab's parser says of a phrase that passed the allow-list, if it fails on it:
    the last guard, so a gap in the allow-list is still a problem naming the template, never an
    error stopping every unit. About 0.3 ms a phrase, only for phrases with markup."""
    try:
        parsed = _reportlab_parse()(text)
    except Exception as exc:  # noqa: BLE001 - ReportLab raises IndexError, AttributeError... for bad markup
        reason = str(exc).rpartition("caused exception ")[2].strip() or type(exc).__name__
        return [f"ReportLab cannot read it ({reason[:160]})"]
    if not isinstance(parsed, tuple) or parsed[0] is None:
        return ["ReportLab cannot read it"]
    return []
