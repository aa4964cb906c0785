#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Fills the English plural forms of runlog_en.ts.

Every count in Runlog's text is a tr() with %n (or %Ln), its source written in the plural
("%Ln entries"). English then needs two forms, singular and plural, which lupdate leaves empty:
this writes them, the singular by turning the noun after the count into its singular ("%Ln
entries" -> "%Ln entry"). Run it after `cmake --build <dir> --target update_translations`;
tst_catalogue fails while a form is empty.
"""
import re
import sys
from html import unescape
from xml.sax.saxutils import escape

SINGULAR = {
    'entries': 'entry', 'errors': 'error', 'matches': 'match', 'runs': 'run', 'requests': 'request',
    'keys': 'key', 'items': 'item', 'pages': 'page', 'loops': 'loop', 'failures': 'failure',
    'commands': 'command', 'files': 'file', 'notes': 'note', 'steps': 'step', 'bytes': 'byte',
    'tools': 'tool', 'types': 'type', 'lines': 'line', 'repeats': 'repeat', 'seconds': 'second',
    'minutes': 'minute', 'hours': 'hour', 'days': 'day', 'windows': 'window', 'marks': 'mark',
    'findings': 'finding', 'differences': 'difference', 'hits': 'hit', 'times': 'time',
    'samples': 'sample', 'places': 'place', 'records': 'record', 'warnings': 'warning',
}
COUNTED = re.compile(r'(%L?n) (\w+)(?: (\w+))?')


def singular(source):
    source = source.replace('(s)', '')  # "%n record(s)": the plural form writes the "s"
    def one(match):
        first, second = match.group(2), match.group(3)
        if first in SINGULAR:  # "%n entries"
            return f'{match.group(1)} {SINGULAR[first]}' + (f' {second}' if second else '')
        if second in SINGULAR:  # "%n identical entries"
            return f'{match.group(1)} {first} {SINGULAR[second]}'
        return match.group(0)
    text = COUNTED.sub(one, source, count=1)
    # "%n entries were" -> "%n entry was"
    return re.sub(r'(%L?n \w+(?: \w+)?) were\b', r'\1 was', text)


def main(path):
    catalogue = open(path, encoding='utf-8').read()
    message = re.compile(r'(<message numerus="yes">\s*<source>(.*?)</source>\s*)<translation[^>]*>(.*?)</translation>',
                         re.S)

    def fill(match):
        source = unescape(match.group(2))
        indent = '\n            '
        written = [unescape(form) for form in re.findall(r'<numerusform>(.*?)</numerusform>', match.group(3), re.S)]
        if len(written) == 2 and all(written) and written[0] != written[1]:
            return match.group(0)  # filled before, or by hand ("this log holds %n sample"): kept
        plural = source.replace('(s)', 's')
        forms = [singular(source), plural]
        body = ''.join(f'{indent}<numerusform>{escape(form, {chr(34): "&quot;", chr(39): "&apos;"})}</numerusform>'
                       for form in forms)
        return f'{match.group(1)}<translation>{body}\n        </translation>'

    filled = message.sub(fill, catalogue)
    if filled != catalogue:
        open(path, 'w', encoding='utf-8').write(filled)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'resources/i18n/runlog_en.ts')
