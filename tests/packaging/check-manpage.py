#!/usr/bin/env python3
"""runlog(1) says what runlog --help says: the same usage line, description, options with their
descriptions, and version. The man page is generated from --help at build time; this catches a
stale or hand-edited page and a help2man that misreads the help.
Usage: check-manpage.py RUNLOG_BINARY MANPAGE(.gz)"""
import difflib
import os
import re
import subprocess
import sys

runlog, manpage = sys.argv[1:3]
environment = dict(os.environ, LC_ALL='C', MANWIDTH='1000', ASAN_OPTIONS='detect_leaks=0')


def run(command):
    return subprocess.run(command, env=environment, check=True, capture_output=True, text=True).stdout


def words(text):
    return text.split()


help_text = run([runlog, '--help'])
version = run([runlog, '--version']).strip()
# One line per paragraph at 1000 columns; no hyphenation or justification to undo.
man_text = run(['man', '--no-hyphenation', '--no-justification', '--local-file', manpage])

help_lines = help_text.splitlines()
usage = help_lines[0]
options_at = help_lines.index('Options:')
help_description = '\n'.join(help_lines[1:options_at])
help_options = '\n'.join(help_lines[options_at + 1:])


def section(name):
    match = re.search(rf'^{name}\n(.*?)(?=^\S)', man_text, re.M | re.S)
    if not match:
        sys.exit(f'FAIL: the man page has no {name} section')
    return match.group(1)


def option_names(text):
    return sorted(set(re.findall(r'(?:^|\s|,)(--?[A-Za-z0-9][A-Za-z0-9-]*)', text)))


problems = []


def expect_same(what, from_help, from_man):
    if words(from_help) != words(from_man):
        diff = '\n'.join(difflib.unified_diff(words(from_help), words(from_man), '--help', 'man page', lineterm=''))
        problems.append(f'{what}: --help and the man page differ:\n{diff}')


expect_same('the usage line', usage.removeprefix('Usage: '), section('SYNOPSIS'))
man_description = ' '.join(words(section('DESCRIPTION')))
if not man_description.startswith(' '.join(words(help_description))):
    problems.append(f'DESCRIPTION does not begin with the help\'s description:\n  help: '
                    f'{" ".join(words(help_description))}\n  man:  {man_description}')
if option_names(help_options) != option_names(section('OPTIONS')):
    problems.append(f'options in --help {option_names(help_options)} '
                    f'but in the man page {option_names(section("OPTIONS"))}')
expect_same('the options', help_options, section('OPTIONS'))
footer = man_text.rstrip().splitlines()[-1]
if not footer.startswith(version + ' '):
    problems.append(f'the man page is for "{footer.split("  ")[0]}", the program says "{version}"')

for problem in problems:
    print('FAIL:', problem)
if problems:
    sys.exit(1)
print(f'PASS: the man page shows --help: {len(option_names(help_options))} options, {version}')
