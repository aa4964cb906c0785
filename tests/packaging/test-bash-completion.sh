#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# packaging/runlog.bash-completion, driven as bash drives it on TAB, against the program's own
# --help: "runlog --" offers every option --help lists, an option that takes a value offers no
# file names, --format offers the formats --help names, --export and a plain argument offer the
# files Runlog writes and reads.
# Usage: test-bash-completion.sh RUNLOG_BINARY COMPLETION_FILE
set -uo pipefail
runlog=$(realpath "$1") completion=$(realpath "$2")

# bash-completion's own framework, as an interactive shell loads it.
source /usr/share/bash-completion/bash_completion || exit 1
source "$completion" || exit 1
export ASAN_OPTIONS=detect_leaks=0

failures=0

# What TAB offers after the words given; the last word is the one being completed. Words are split
# as bash splits them: "--format=js" arrives as "--format" "=" "js".
complete_words() {
    COMP_WORDS=("$runlog" "$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="$runlog"
    local word previous=
    for word in "$@"; do
        if [[ $word == = || $previous == = ]]; then COMP_LINE+="$word"; else COMP_LINE+=" $word"; fi
        previous=$word
    done
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _runlog "$runlog" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" 2>/dev/null
    printf '%s\n' "${COMPREPLY[@]}" | sort
}

expect() {
    local what=$1 expected=$2 actual=$3
    if [[ $expected == "$actual" ]]; then
        echo "PASS: $what"
    else
        echo "FAIL: $what"
        diff <(echo "$expected") <(echo "$actual") | sed 's/^/    /'
        failures=$((failures + 1))
    fi
}

help=$(LC_ALL=C "$runlog" --help) || { echo "FAIL: $runlog --help"; exit 1; }
# Read from --help here independently of the completion: the option lines start with "-".
long_options=$(sed -nE 's/^ +(-[[:alnum:]], )?(--[[:alnum:]-]+).*/\2/p' <<<"$help" | sort)
options_with_values=$(sed -nE 's/^ +(-[[:alnum:]], )?(--[[:alnum:]-]+) <.*/\2/p' <<<"$help")
formats=$(awk '/^ +--format /,/\)/' <<<"$help" | tr -s ' \n' ' ' | sed -E 's/.*format: ([^(]*) \(.*/\1/; s/ or /, /g; s/, /\n/g' | sort)
[[ -n $long_options && -n $options_with_values && $(wc -l <<<"$formats") -ge 2 ]] ||
    { echo "FAIL: could not read the options and formats from --help"; exit 1; }

cd "$(mktemp -d)" || exit 1
trap 'rm -rf "$PWD"' EXIT
touch run.json run.jsonl notes.txt out.csv out.md out.html session.traj log.eval
mkdir folder

expect "runlog -- offers every option of --help" "$long_options" "$(complete_words --)"
expect "runlog --re offers the options starting so" \
    "$(grep -- '^--re' <<<"$long_options")" "$(complete_words --re)"
expect "runlog --format offers the formats --help names" "$formats" "$(complete_words --format '')"
expect "runlog --format=js completes the value" "$(grep '^js' <<<"$formats")" "$(complete_words --format = js)"
expect "runlog --export offers folders and files of the export formats" \
    "$(printf '%s\n' folder out.csv out.html out.md run.json run.jsonl)" "$(complete_words --export '')"
expect "runlog --csv-bom offers yes and no" "$(printf '%s\n' no yes)" "$(complete_words --csv-bom '')"
for option in $options_with_values; do
    [[ $option == --format || $option == --export || $option == --csv-bom ]] && continue
    expect "runlog $option offers no file names" "" "$(complete_words "$option" '')"
done
expect "runlog FILE offers folders, .json/.jsonl files and other agents' logs" \
    "$(printf '%s\n' folder log.eval run.json run.jsonl session.traj)" "$(complete_words '')"
expect "runlog --org 7 --run 1 --reverse FILE still offers files" \
    "$(printf '%s\n' folder log.eval run.json run.jsonl session.traj)" "$(complete_words --org 7 --run 1 --reverse '')"

if ((failures)); then
    echo "$failures check(s) failed"
    exit 1
fi
echo "PASS: bash completion agrees with --help"
