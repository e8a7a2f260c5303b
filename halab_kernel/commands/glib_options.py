"""Command lines read as GLib's option parser reads them, for Pacemaker 2.1.5's C tools.

Each tool's table lists every option the real tool takes (its `--help-all`), so that a
student's command line gets the real tool's answer when it is malformed ("Unknown option
--foo", "Missing argument for -r"), and a clear refusal naming the option when the real tool
takes it but the simulator does not model it (`not_simulated`): never "not recognized" for a
real option, never an option silently ignored.

GLib's rules, as the tools use them: options and other arguments mix in any order; `--`
ends the options; a long option takes its value as `--name=VALUE` or as the next word; a
short option takes the next word (`-r d1`, even one that starts with a dash), and short
options cluster (`-1rf`, `-Wr d1`); Pacemaker's preprocessing first splits clusters and lets
some letters carry their value (`-xFILE`, `preprocess`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Literal

from halab_kernel.command_result import CommandResult

USAGE = 64
NOT_SIMULATED = 69
VERSION = "Pacemaker 2.1.5\nWritten by Andrew Beekhof and the Pacemaker project contributors\n"


@dataclass(frozen=True)
class Option:
    """One option of a tool: its long name, its letter (if any), and whether it takes a value."""

    name: str
    letter: str = ""
    value: Literal["none", "required", "optional"] = "none"


@dataclass(frozen=True)
class CommandLine:
    """A parsed command line: the options in the order given (by long name), and the other words;
    `spellings` has each option as typed (`-o`, `--operations`)."""

    options: tuple[tuple[str, str | None], ...]
    arguments: tuple[str, ...]
    spellings: tuple[str, ...] = ()

    def has(self, *names: str) -> bool:
        return any(name in names for name, _ in self.options)

    def value(self, *names: str) -> str | None:
        """The value of the last of these options given (None when none was)."""
        return next((value for name, value in reversed(self.options) if name in names), None)

    def names(self) -> list[str]:
        return [name for name, _ in self.options]


class OptionError(Exception):
    """A command line the real tool refuses before doing anything (GLib's own message)."""


# the letters whose value each tool lets follow them in the same word (its pcmk__cmdline_preproc call)
ATTACHED = {"crm_resource": "GHINSTdginpstuvx", "crm_mon": "ehimpxEILU", "crm_attribute": "NPUdilnpstv",
            "stonith_admin": "adehilorstvyBCDFHQRTU", "crm_node": "NR", "crm_simulate": "bdefgiqrtuwxDFGINOP",
            "crm_ticket": "dintvxCDGS"}


def _table(words: str) -> tuple[Option, ...]:
    """`L:list g:get-parameter= m:fence-history? text-fancy`: letter, name, `=` a value, `?` an optional one."""
    options = []
    for word in words.split():
        letter, _, name = word.rpartition(":")
        value: Literal["none", "required", "optional"] = "none"
        if name.endswith("="):
            name, value = name[:-1], "required"
        elif name.endswith("?"):
            name, value = name[:-1], "optional"
        options.append(Option(name, letter, value))
    return tuple(options)


TOOLS: Mapping[str, tuple[Option, ...]] = {
    "crm_ticket": _table(
        "h:help help-all help-queries help-commands help-advanced help-additional help-deprecated l:info "
        "L:details w:raw q:query-xml c:constraints g:grant r:revoke s:standby a:activate G:get-attr= "
        "S:set-attr= D:delete-attr= C:cleanup v:attr-value= d:default= f:force t:ticket= n:set-name= "
        "i:nvpair= Q:quiet $:version V:verbose "
    ),
    "crm_simulate": _table(
        "h:help help-all help-output help-operations help-synthetic help-artifact help-source output-as= "
        "output-to= text-fancy R:run S:simulate X:in-place A:show-attrs c:show-failcounts s:show-scores "
        "U:show-utilization P:profile= N:repeat= u:node-up= d:node-down= f:node-fail= i:op-inject= F:op-fail= "
        "t:set-datetime= q:quorum= w:watchdog= g:ticket-grant= r:ticket-revoke= b:ticket-standby= "
        "e:ticket-activate= I:save-input= O:save-output= G:save-graph= D:save-dotfile= a:all-actions "
        "L:live-check x:xml-file= p:xml-pipe $:version V:verbose Q:quiet "
    ),
    "crm_resource": _table(
        "h:help help-all help-output help-queries help-commands help-locations help-advanced help-additional "
        "output-as= output-to= text-fancy L:list l:list-raw O:list-operations r:resource= "
        "o:list-all-operations list-standards list-ocf-providers list-agents= list-ocf-alternatives= "
        "show-metadata= q:query-xml w:query-xml-raw g:get-parameter= W:locate a:constraints A:stack Y:why "
        "validate? option= C:cleanup R:refresh p:set-parameter= d:delete-parameter= M:move B:ban U:clear "
        "N:node= e:expired u:lifetime= promoted master D:delete F:fail restart wait digests force-demote "
        "force-stop force-start force-promote force-check? recursive t:resource-type= v:parameter-value= "
        "m:meta z:utilization n:operation= I:interval= class= agent= provider= s:set-name= i:nvpair= "
        "T:timeout= f:force $:version V:verbose Q:quiet "
    ),
    "stonith_admin": _table(
        "?:help help-all help-output help-definition help-queries help-fence help-additional output-as= "
        "output-to= html-cgi html-stylesheet= html-title= text-fancy R:register= D:deregister= "
        "r:register-level= d:deregister-level= l:list= L:list-registered I:list-installed s:list-targets= "
        "M:metadata Q:query= H:history= q:quiet V:verbose b:broadcast h:last= K:validate F:fence= U:unfence= "
        "B:reboot= C:confirm= c:cleanup a:agent= o:option= e:env-option= T:tag= v:device= i:index= t:timeout= "
        "y:delay= n:as-node-id tolerance= $:version "
    ),
    "crm_attribute": _table(
        "h:help help-all help-output help-selections help-command help-additional output-as= output-to= "
        "text-fancy i:id= n:name= P:pattern= p:promotion= s:set-name= D:delete G:query v:update= d:default= "
        "l:lifetime= N:node= t:type= z:utilization $:version V:verbose q:quiet "
    ),
    "crm_node": _table(
        "h:help help-all help-commands help-additional i:cluster-id l:list n:name p:partition q:quorum "
        "N:name-for-id= R:remove= f:force $:version V:verbose Q:quiet "
    ),
    "crm_mon": _table(
        "?:help help-all help-output help-display help-additional help-deprecated output-as= output-to= "
        "html-cgi html-stylesheet= html-title= text-fancy I:include= U:exclude= node= resource= "
        "n:group-by-node r:inactive f:failcounts o:operations t:timing-details c:tickets m:fence-history? "
        "L:neg-locations A:show-node-attributes D:hide-headers R:show-detail b:brief s:simple-status "
        "i:interval= 1:one-shot d:daemonize p:pid-file= E:external-agent= e:external-recipient= "
        "W:watch-fencing h:as-html= X:as-xml N:disable-ncurses w:web-cgi $:version V:verbose Q:quiet "
    ),
}


def preprocess(argv: list[str], attached: str) -> list[str]:
    """pcmk__cmdline_preproc: each short option of a cluster becomes a word of its own, and a letter
    of `attached` followed by more takes the rest as its value (`-xFILE`, `-Nnode1`), and the word
    after one that ends a word is its value, left whole (`-v -INFINITY`); so are the words after `--`
    and a negative number."""
    words: list[str] = []
    value_next = False  # the word before ended with a letter of `attached`: this one is its value
    for index, word in enumerate(argv):
        if word == "--":
            return words + argv[index:]
        if value_next or not word.startswith("-") or word.startswith("--") or len(word) < 2 or word[1].isdigit():
            words.append(word)
            value_next = False
            continue
        for position, letter in enumerate(word[1:], start=1):
            words.append(f"-{letter}")
            value_next = letter in attached
            if value_next and position < len(word) - 1:
                words.append(word[position + 1:])
                value_next = False
                break
    return words


def parse(tool: str, argv: list[str], extra: tuple[Option, ...] = ()) -> CommandLine:
    """Read `argv` with `tool`'s real options (and `extra` ones of halab's own); OptionError with
    GLib's message on a malformed line."""
    table = TOOLS[tool] + extra
    by_name = {option.name: option for option in table}
    by_letter = {option.letter: option for option in table if option.letter}
    options: list[tuple[str, str | None]] = []
    arguments: list[str] = []
    spellings: list[str] = []
    argv = preprocess(argv, ATTACHED.get(tool, ""))
    index = 0
    while index < len(argv):
        word = argv[index]
        index += 1
        if word == "--":
            arguments.extend(argv[index:])
            break
        if word.startswith("--"):
            name, equals, attached = word[2:].partition("=")
            option = by_name.get(name)
            if option is None:
                raise OptionError(f"Unknown option {word}")
            spellings.append(f"--{name}")
            if equals:
                options.append((name, attached if option.value != "none" else None))
            elif option.value == "required":
                if index >= len(argv):
                    raise OptionError(f"Missing argument for --{name}")
                options.append((name, argv[index]))
                index += 1
            else:
                options.append((name, None))
            continue
        if len(word) < 2 or not word.startswith("-"):
            arguments.append(word)
            continue
        taken = False  # every letter of a cluster that needs a value reads the next word
        for letter in word[1:]:
            option = by_letter.get(letter)
            if option is None:
                raise OptionError(f"Unknown option -{letter}")
            spellings.append(f"-{letter}")
            if option.value != "required":
                options.append((option.name, None))
                continue
            if index >= len(argv):
                raise OptionError(f"Missing argument for -{letter}")
            options.append((option.name, argv[index]))
            taken = True
        index += taken
    return CommandLine(tuple(options), tuple(arguments), tuple(spellings))


def not_simulated(tool: str, line: CommandLine, modelled: Collection[str],
                  described: Mapping[str, str] | None = None) -> CommandResult | None:
    """A refusal naming the first option the real tool takes and the simulator does not model
    (and what it shows, when `described` says)."""
    index = next((i for i, name in enumerate(line.names()) if name not in modelled), None)
    if index is None:
        return None
    name, spelling = line.names()[index], line.spellings[index]
    what = f"{described[name]} ({spelling})" if described and name in described else f"the option {spelling}"
    return CommandResult(stderr=f"{tool}: not simulated: {what}; try it on real nodes: halab rig up\n",
                         rc=NOT_SIMULATED)


def read(tool: str, argv: list[str], modelled: Collection[str],
         described: Mapping[str, str] | None = None, extra: tuple[Option, ...] = ()) -> CommandLine | CommandResult:
    """`parse` then `not_simulated`, with `--version` answered as the real tool answers it."""
    try:
        line = parse(tool, argv, extra)
    except OptionError as error:
        return CommandResult(stderr=f"{tool}: {error}\n", rc=USAGE)
    if line.has("version"):
        return CommandResult(stdout=VERSION)
    return not_simulated(tool, line, modelled, described) or line
