"""Inline LaTeX maths ($...$) → ReportLab paragraph markup.

Covers what abstracts use: super- and subscripts (nested), Greek letters,
common operators and relations, \\text/\\mathrm/\\mathbf/\\mathit, \\frac and
\\sqrt written inline, \\left/\\right, spacing commands. Latin letters are set
in italics as in print; digits, \\text and function names (\\log) upright,
the names a thin space from their operands as TeX sets them. An unknown command prints
as its source and is reported, never crashes the build.
"""
from __future__ import annotations

import re

from .escape import esc

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
    "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ",
    "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
    "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}
SYMBOLS = {
    "times": "×", "cdot": "·", "pm": "±", "mp": "∓", "div": "÷", "ast": "∗", "star": "⋆", "circ": "∘",
    "bullet": "•", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈",
    "sim": "∼", "simeq": "≃", "cong": "≅", "equiv": "≡", "propto": "∝", "ll": "≪", "gg": "≫",
    "infty": "∞", "partial": "∂", "nabla": "∇", "sum": "∑", "prod": "∏", "int": "∫", "oint": "∮",
    "rightarrow": "→", "to": "→", "leftarrow": "←", "gets": "←", "leftrightarrow": "↔", "Rightarrow": "⇒",
    "Leftarrow": "⇐", "Leftrightarrow": "⇔", "mapsto": "↦", "uparrow": "↑", "downarrow": "↓",
    "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "subseteq": "⊆", "supset": "⊃", "supseteq": "⊇",
    "cup": "∪", "cap": "∩", "emptyset": "∅", "varnothing": "∅", "forall": "∀", "exists": "∃", "neg": "¬",
    "land": "∧", "lor": "∨", "wedge": "∧", "vee": "∨", "oplus": "⊕", "otimes": "⊗", "perp": "⊥",
    "parallel": "∥", "angle": "∠", "degree": "°", "prime": "′", "ldots": "…", "dots": "…", "cdots": "⋯",
    "vdots": "⋮", "ell": "ℓ", "hbar": "ℏ", "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ", "AA": "Å", "langle": "⟨",
    "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "sqrt": "√",
    "%": "%", "$": "$", "&": "&", "#": "#", "_": "_", "{": "{", "}": "}", "|": "‖", "\\": " ",
    ",": "\u2009", ";": "\u2005", ":": "\u2005", "!": "", " ": " ", "quad": "\u2003", "qquad": "\u2003\u2003",
}
FUNCTIONS = {"sin", "cos", "tan", "log", "ln", "exp", "min", "max", "lim", "det", "arg", "sup", "inf",
             "sinh", "cosh", "tanh", "arcsin", "arccos", "arctan", "mod", "dim", "ker", "deg", "Pr"}
UPRIGHT = {"text", "mathrm", "textrm", "rm", "operatorname", "mbox", "textup", "mathsf", "textsf"}
BOLD = {"mathbf", "textbf", "bf", "boldsymbol", "bm"}
ITALIC = {"mathit", "textit", "emph", "it"}
IGNORED = {"left", "right", "big", "Big", "bigg", "Bigg", "displaystyle", "limits", "nolimits", "mathcal"}

# Set with space around them, as TeX does, except inside super- and subscripts.
SPACED = set("=<>≤≥≈≠∼≃≅≡∝≪≫→←↔⇒⇐⇔↦∈∉⊂⊆⊃⊇+−×·±∓÷")
BINARY = set("+−×·±∓÷")
SPACE = "\u2005"  # a four-per-em space: TeX's medium/thick maths spaces, roughly
THIN = "\u2009"   # TeX's thin space (\,): between a function name such as log and its operand
# What kind of atom a command or character is, for spacing as TeX does it (The TeXbook, ch. 18):
# "ord" (letters, digits, closing brackets, groups), "op" (log, sin), "open", "bin" (binary
# operators and relations), "punct", "space" (written spacing). None: nothing before, in this list.
_OPENING_COMMANDS = {"langle", "lfloor", "lceil", "{"}
_SPACING_COMMANDS = {",", ";", ":", "!", " ", "\\", "quad", "qquad"}

_TOKEN = re.compile(r"\\([A-Za-z]+|.)|([{}^_])|(\s+)|(.)", re.S)


class MathConverter:
    """One conversion; `unknown` collects the commands it did not know."""

    def __init__(self):
        self.unknown: list[str] = []
        self.script_depth = 0
        self.last: str | None = None   # the kind of the atom before, in the list being read

    def convert(self, source: str) -> str:
        self.tokens = [m for m in _TOKEN.finditer(source)]
        self.pos = 0
        return self._sequence(until=None, upright=False)

    # -- parsing --------------------------------------------------------------
    def _peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _sequence(self, until, upright: bool) -> str:
        out = []
        while (token := self._peek()) is not None:
            if until and token.group(2) == until:
                self.pos += 1
                return "".join(out)
            out.append(self._atom(upright))
        return "".join(out)

    def _argument(self, upright: bool) -> str:
        """A {group} or a single token, converted."""
        token = self._peek()
        while token is not None and token.group(3):  # spaces before an argument
            self.pos += 1
            token = self._peek()
        if token is None:
            return ""
        if token.group(2) == "{":
            self.pos += 1
            return self._group(upright)
        return self._atom(upright)

    def _group(self, upright: bool) -> str:
        """A {group} whose { is read: a list of its own, an ordinary atom to what is around it."""
        self.last = None
        out = self._sequence("}", upright)
        self.last = "ord"
        return out

    def _raw_argument(self) -> str:
        """The source text of a {group}, for \\text{...}."""
        token = self._peek()
        if token is None or token.group(2) != "{":
            return ""
        depth, start = 0, token.end()
        while (token := self._peek()) is not None:
            self.pos += 1
            if token.group(2) == "{":
                depth += 1
            elif token.group(2) == "}":
                depth -= 1
                if depth == 0:
                    return token.string[start:token.start()]
        return token.string[start:] if token else ""

    def _atom(self, upright: bool) -> str:
        token = self._peek()
        self.pos += 1
        command, brace, space, char = token.groups()
        if space is not None:
            return ""  # TeX ignores spaces in maths
        if brace == "{":
            return self._group(upright)
        if brace == "}":
            return ""
        if brace in ("^", "_"):
            base = self.last    # a script belongs to the atom before it
            self.script_depth += 1
            argument = self._argument(upright)
            self.script_depth -= 1
            self.last = base
            tag = "super" if brace == "^" else "sub"
            return f"<{tag}>{argument}</{tag}>"
        if command in FUNCTIONS:
            return self._function(command, upright)
        if command is not None:
            out = self._spaced(self._command(command, upright))
            if command not in IGNORED:
                self.last = _command_kind(command)
            return out
        if char.isalpha() and not upright:
            out = f"<i>{esc(char)}</i>"
        elif char == "'":
            out = "′"
        else:
            out = self._spaced("−" if char == "-" else char)
        self.last = _char_kind(char)
        return out

    def _spaced(self, out: str) -> str:
        """A relation or operator with space around it; anything else escaped as it is."""
        if out in SPACED:
            if self.script_depth or not self._has_left(out):
                # a sign after a comma: TeX's thin space after punctuation, "f(x, −y)"
                return f"{THIN}{esc(out)}" if self.last == "punct" and not self.script_depth else esc(out)
            return f"{SPACE}{esc(out)}{SPACE}"
        return out if out.startswith("<") or len(out) != 1 else esc(out)

    def _has_left(self, out: str) -> bool:
        """A leading sign (-x, (-1), a = -b, log -x) takes no space; a binary one (a - b) does, and
        so does a relation but at the start."""
        if out not in BINARY:
            return self.last is not None
        return self.last not in (None, "open", "bin", "punct", "op")

    def _function(self, name: str, upright: bool) -> str:
        """An operator name set upright, with its scripts (\\max_i), a thin space from an operand
        either side (N log N, x sin y, log log n), none before a bracket: sin(x)."""
        before = THIN if self.last == "ord" else ""
        self.last = "op"
        out = before + name + self._scripts(upright)
        return out + THIN if self._operand_next() else out

    def _scripts(self, upright: bool) -> str:
        """The super- and subscripts that follow, converted."""
        out = []
        while (token := self._peek()) is not None:
            if token.group(3) or token.group(1) in ("limits", "nolimits"):
                self.pos += 1
            elif token.group(2) in ("^", "_"):
                out.append(self._atom(upright))
            else:
                break
        return "".join(out)

    def _operand_next(self) -> bool:
        """Whether the next atom is an operand: something ordinary, another function name, or a
        sign (log −x); not a bracket, relation, punctuation or written space."""
        for token in self.tokens[self.pos:]:
            command, brace, space, char = token.groups()
            if space is not None or command in IGNORED:
                continue
            if brace is not None:
                return brace == "{"
            if command is not None:
                return command in FUNCTIONS or _command_kind(command) == "ord"
            return char in "+-" or _char_kind(char) == "ord"
        return False

    def _command(self, name: str, upright: bool) -> str:
        if name in GREEK:
            return GREEK[name]
        if name in SYMBOLS:
            return SYMBOLS[name] if name != "sqrt" else self._sqrt(upright)
        if name in UPRIGHT:
            if name in ("text", "mbox", "textrm", "textup", "textsf"):
                return esc(self._raw_argument().replace("~", "\u00a0"))
            return self._argument(upright=True)
        if name in BOLD:
            return f"<b>{self._argument(upright=True)}</b>"
        if name in ITALIC:
            return f"<i>{self._argument(upright=True)}</i>"
        if name in ("frac", "dfrac", "tfrac"):
            return self._fraction(upright)
        if name in IGNORED:
            return ""
        self.unknown.append("\\" + name)
        return esc("\\" + name)

    def _fraction(self, upright: bool) -> str:
        top, bottom = self._argument(upright), self._argument(upright)
        return f"{_parenthesised(top)}/{_parenthesised(bottom)}"

    def _sqrt(self, upright: bool) -> str:
        return f"√{_parenthesised(self._argument(upright))}"


def _command_kind(name: str) -> str:
    if name in SYMBOLS and SYMBOLS[name] in SPACED:
        return "bin"
    if name in _SPACING_COMMANDS:
        return "space"
    if name in _OPENING_COMMANDS:
        return "open"
    return "op" if name in FUNCTIONS else "ord"


def _char_kind(char: str) -> str:
    if char in "([":
        return "open"
    if char in SPACED or char == "-":
        return "bin"
    return "punct" if char in ",;:" else "ord"


def _parenthesised(markup: str) -> str:
    """Parenthesise a fraction part or radicand unless it is a single symbol or number."""
    plain = re.sub(r"<[^>]+>", "", markup)
    return markup if len(plain) <= 1 or plain.replace(".", "").isdigit() else f"({markup})"


def to_markup(source: str) -> tuple[str, list[str]]:
    """(markup, unknown commands) for the maths between a pair of $."""
    converter = MathConverter()
    return converter.convert(source), converter.unknown
