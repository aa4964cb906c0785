<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AboutBox</name>
    <message>
        <source>Runlog %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A fast, exact viewer for Codegen agent run logs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built with Qt %1, running on Qt %2; JSON parsed by simdjson %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free software under the MIT licence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API tokens are kept in the system keychain, never in these files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Runlog</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgentLogConversion</name>
    <message>
        <source>%1 log: the conversion was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgentLogFormats</name>
    <message>
        <source>Claude Code transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claude Code transcripts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: it could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codegen exports (.json, .jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runlog reads %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>this log holds %n samples; the first (id %1) is shown</source>
        <translation>
            <numerusform>this log holds %n sample; the first (id %1) is shown</numerusform>
            <numerusform>this log holds %n samples; the first (id %1) is shown</numerusform>
        </translation>
    </message>
    <message>
        <source>Codex CLI rollout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codex CLI rollouts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SWE-agent trajectory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SWE-agent trajectories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenHands event stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenHands event streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspect eval log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspect eval logs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApiReply</name>
    <message>
        <source>no data for %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no complete answer after %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the network layer gave up on the request (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection closed before the whole answer arrived</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApiRunSource</name>
    <message>
        <source>Opening run %1 of organization %2 at %3…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading run %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 (organization %2) — Runlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 of organization %2 could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run %1 of organization %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limit reached, retrying in %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Retrying in %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The server sent %Ln entries of run %1 among this run&apos;s (from entry %2). They are kept in place and marked ⚠.</source>
        <translation>
            <numerusform>The server sent %Ln entry of run %1 among this run&apos;s (from entry %2). They are kept in place and marked ⚠.</numerusform>
            <numerusform>The server sent %Ln entries of run %1 among this run&apos;s (from entry %2). They are kept in place and marked ⚠.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClaudeCodeTranscript</name>
    <message>
        <source>not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: cut short (%2); skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: not a JSON object (%2); skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claude Code transcript, line %1: not JSON (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: a tool result (id %2) without its call; skipped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CodexRollout</name>
    <message>
        <source>line %1: the output of call %2 without its call; kept as an entry of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the call %1 (%2) has no output</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) of type %1 not mapped</source>
        <translation>
            <numerusform>%n record of type %1 not mapped</numerusform>
            <numerusform>%n records of type %1 not mapped</numerusform>
        </translation>
    </message>
    <message>
        <source>not JSON (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a rollout record (no type and payload)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codex CLI rollout, line %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: %2; skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codex CLI rollout: the file holds no records.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Runlog: a fast viewer for Codegen agent run logs.
The API token is read from CODEGEN_API_TOKEN (never from the command line).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the built-in demo backend on 127.0.0.1 and open its sample run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organization ID (default: $CODEGEN_ORG_ID).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run ID, or the run&apos;s web URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API base URL (default: $CODEGEN_API_BASE_URL or %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the whole run to OUT and exit, without a window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the run&apos;s statistics (counts, time per tool, errors, gaps) and exit, without a window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the newest entries first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests allowed per window, as N/SECONDS (default 60/60).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--export needs a file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--rate-limit must look like 60/60 (requests per seconds), not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The base URL &quot;%1&quot; is not an http(s) URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only one file can be opened at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--run must be a run ID or a run&apos;s URL, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--org must be a positive organization ID, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CODEGEN_ORG_ID must be a positive organization ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which organization? Give --org ORG or set CODEGEN_ORG_ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--org needs --run RUN as well.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open one thing at a time: --demo, --run, or a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--export needs something to export: --org ORG --run RUN, --demo, or a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--stats needs a run: --org ORG --run RUN, --demo, or a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print every run of the organization, newest first (--format tsv or json), and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --list-runs: only runs started from this source (e.g. GITHUB, SLACK, API).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --list-runs: only runs started by this user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never use the network: show and export only what the library holds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep nothing on disk: neither read nor write the library of runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--source-type and --user-id go with --list-runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--list-runs lists an organization&apos;s runs: it does not go with --run, a file, --export or --search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--list-runs asks the server, which --offline forbids.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--source-type needs a source, e.g. GITHUB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--user-id must be a positive user ID, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--search looks through the library, which --no-store leaves alone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--format must be tsv or json with --list-runs and --search, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export format: json, jsonl, csv, md or html (default: from OUT&apos;s extension); with --stats, --insights, --list-runs or --search: tsv or json (default tsv).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print what went wrong in the run (loops, repeated failures, the first failure, commands, files) and exit, without a window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--insights needs a run: --org ORG --run RUN, --demo, or a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--compare needs two runs: LEFT RIGHT, each a file, a run ID or a run&apos;s URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--format must be tsv or json with --compare, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a file nor a run&apos;s ID or URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which organization is run &quot;%1&quot; of? Give --org ORG or set CODEGEN_ORG_ID (a positive ID).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --run: open the run at this entry (1 = the oldest).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A link names its run: it does not go with --org or --run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link names the server %1, --base-url another (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The entry in &quot;%1&quot; must be a positive number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--entry must be a positive entry number, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--entry needs a run: --org ORG --run RUN, or a link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--entry %1 and the entry %2 the run&apos;s address names differ: give one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: %1 [options] [FILE|LINK]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An exported run (.json or .jsonl) to open without any network, or a link to a run or an entry (runlog://run?org=7&amp;run=42&amp;entry=1412); with --compare, the two runs LEFT RIGHT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--compare names its two runs itself: it does not go with --run, --entry, --demo, --list-runs or --search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare two runs, given as LEFT RIGHT (each a file, a run ID or a run&apos;s URL), step by step, in a window; with --format tsv or json, print where they part and what changed and exit, without a window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --export to .csv: start the file with a UTF-8 byte order mark, so that spreadsheets read it as UTF-8 (yes, the default) or not (no, for scripts).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--csv-bom must be yes or no, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--csv-bom goes with --export to a .csv file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a Runlog of its own, even when one is running: a link, a file or a run is otherwise opened in a new window of the Runlog already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the entries that match QUERY (--format tsv or json), and exit: of the run a file, --demo or --org/--run names, else of every run in the library. QUERY is the search bar&apos;s language: words (all must match), &quot;a phrase&quot;, /regex/ or /regex/i, -word to leave out, a OR b (AND binds tighter), type:error, tool:bash,grep (prefix, any case), field:observation, entry:100..200, gap:&gt;30s, time:12:00..13:30, is:failure, is:loop, is:marked, has:note; across runs also run:42, org:7, status:failed, source:github, after:2025-06-01, before:2025-07-01. See README.md, &quot;Searching&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--search needs a query.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--entry opens the window at an entry: it does not go with --export, --stats, --insights, --list-runs or --search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--search prints what it finds: it does not go with --export, --stats or --insights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the notes and marks kept for the run (--format json) and exit, without a window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give one of --stats, --insights, --notes, --compare or --export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--notes needs a run: --org ORG --run RUN, --demo, or a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--format must be json with --notes, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--epoch goes with --sample ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--sample needs a sample&apos;s id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--epoch must be a positive number, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--sample names a sample of a file: give the file too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --sample: the sample&apos;s epoch (default: its first); once for each --sample.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--compare takes --sample once per side, at most twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--sample names one sample.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give --epoch once for each --sample, or not at all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--sample names a sample of a file; &quot;%1&quot; is a run of the API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With a log that holds several runs (an Inspect eval log, a run per sample): read the sample of this id. Without it the window lets you choose, and a command without a window names the samples and fails. Once per side of a comparison, in the sides&apos; order, or once for both.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareDetail</name>
    <message>
        <source>Thought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… %1 more characters not shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the left run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the right run.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareRunsDialog</name>
    <message>
        <source>Compare Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Left run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Right run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file, a run&apos;s web address, or a run ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a Run File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the left run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the right run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a file nor a run&apos;s ID or web address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; names no run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which organization is run &quot;%1&quot; of? Give its web address, or open a run of that organization first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse for the left run&apos;s file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse for the right run&apos;s file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs and agent logs (*.json *.jsonl *.traj *.eval);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareSourcesLoad</name>
    <message>
        <source>The left run (%1) could not be loaded: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The right run (%1) could not be loaded: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the left run (%1)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the right run (%1)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the left run (%1): %2 entries…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the right run (%1): %2 entries…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareStepsModel</name>
    <message>
        <source>The same in both runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same step, with a different thought, observation or output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only in the left run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only in the right run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>… %Ln identical entries … (Enter or click to open)</source>
        <translation>
            <numerusform>… %Ln identical entry … (Enter or click to open)</numerusform>
            <numerusform>… %Ln identical entries … (Enter or click to open)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <source>no duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min %3 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to First Divergence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the first step where the runs differ (Ctrl+Shift+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next Difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous Difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First Divergence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare %1 with %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aligning…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2
%3 entries, %4 errors, %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 same · %2 changed · %3 only left · %4 only right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First divergence: entry %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The runs are the same, step for step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools used differently: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Types counted differently: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every tool and message type is counted the same in both runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Step as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, status %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 #%2:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the Comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a tool or message type to show only the steps with it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show every step again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2
%3 entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Aligning… The first %Ln entries are the same in both runs; the rest is being aligned.</source>
        <translation>
            <numerusform>Aligning… The first %Ln entry are the same in both runs; the rest is being aligned.</numerusform>
            <numerusform>Aligning… The first %Ln entries are the same in both runs; the rest is being aligned.</numerusform>
        </translation>
    </message>
    <message>
        <source>Finding the steps with the tool %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding the steps of type %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 matching entry in 1 step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2 matching entries in 1 step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 matching entries in %2 steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML (*.html *.htm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Showing the %Ln steps with the tool %1</source>
        <translation>
            <numerusform>Showing the %Ln step with the tool %1</numerusform>
            <numerusform>Showing the %Ln steps with the tool %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing the %Ln steps of type %1</source>
        <translation>
            <numerusform>Showing the %Ln step of type %1</numerusform>
            <numerusform>Showing the %Ln steps of type %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Aligned steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right entry</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversionWarnings</name>
    <message numerus="yes">
        <source>… and %n more warning(s)</source>
        <translation>
            <numerusform>… and %n more warning</numerusform>
            <numerusform>… and %n more warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CopyLinkController</name>
    <message>
        <source>Copy a link to the selected entry, which opens it in Runlog (in the table)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run opened from a file has no link: only runs from the API can be linked to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run&apos;s API address has a path, which a link cannot hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied a link to entry %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied a link to the run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1, entry %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · web: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Credentials</name>
    <message>
        <source>this session</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CurrentEntryController</name>
    <message>
        <source>Entry %1 is loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied entry %1 as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to Entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry number (1 to %1):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 was hidden by the filter; filters cleared.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoService</name>
    <message>
        <source>the demo backend could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Readable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strings with their real line breaks, nested values indented</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The entry exactly as the server sent it, indented</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The entry as a collapsible tree: copy any value or its path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the entry as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an entry to read it in full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rendering %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your note (N to edit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry detail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Open an agent run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runlog shows every thought and tool call of a Codegen agent run, however long,
with each tool input, output and observation in full.

Open a run by its ID or web URL (you need your organization ID and an API token),
open an exported .json or .jsonl file (or drop it here),
or look around in the demo run: it needs no token and no network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Run…  (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open File…  (Ctrl+Shift+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the Demo Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 of organization %2 at %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntryLink</name>
    <message>
        <source>The link&apos;s base must be an http(s) address, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link&apos;s base &quot;%1&quot; names no host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link&apos;s base must not hold a user name or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link&apos;s base must be an origin (scheme, host and port) only, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link&apos;s base &quot;%1&quot; is plain http to another machine: only https is allowed there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link is too long (%1 characters; a link has at most %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Runlog link begins with runlog://, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Runlog link looks like runlog://run?org=7&amp;run=42&amp;entry=1412, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link has a parameter Runlog does not know: &quot;%1&quot; (it knows org, run, entry and base).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link gives &quot;%1&quot; twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the link, %1 must be a positive number, not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link names no organization (org=…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The link names no run (run=…).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntryRenderer</name>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This entry could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This entry has no thought, tool input, tool output or observation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observation (text)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>Could not reach the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer in time. Check your connection and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer was larger than the limit of %1 and was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server redirected to another address (%1). Runlog does not follow it, so that your API token is never sent anywhere else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refusing to send the API token over plain http:// to %1. Use https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several large answers were arriving at once and together would have passed the limit of %1, so this one was stopped. Try again when the others have arrived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working offline, and this part of run %1 of organization %2 is not in the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server has no run list for organization %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working offline: the list of runs needs the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 The server said: “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API token was rejected: check that it is current (tokens come from the Codegen web app&apos;s settings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You do not have access to organization %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 was not found in organization %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the request as invalid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limit reached: the API allows a limited number of requests per minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server had a problem (HTTP %1). Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with HTTP %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <source>Writing %1 of %2 entries to %3…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching the pages not loaded yet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export stopped, nothing was written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a few seconds left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 min left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching the run: %1 of %2 entries (page %3 of %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching the run: %1 entries so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the rate limit: next request in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export stopped, nothing was written: %1 of the %2 entries are not loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing %1 entries to %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another export is still being written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 entries to %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDoneNotice</name>
    <message>
        <source>Export Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in &amp;Folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportFormat</name>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported runs (*.json *.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportJob</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to %1 cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2 changed while it was being exported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: the disk holding %2 is full. Nothing was written; free some space or export elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: the file grew larger than the disk holding %2 (or a limit on file sizes) allows. Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportScope</name>
    <message>
        <source>A filter shows %1 of the %2 entries. What should be exported?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of the %2 entries are marked. What should be exported?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 &amp;Shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 &amp;Marked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The &amp;Whole Run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportSink</name>
    <message>
        <source>the file could not be written</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportText</name>
    <message>
        <source>Run log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ entry of run %1, not of run %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportWriter</name>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileRunSource</name>
    <message>
        <source>Reading %1 of %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start reading %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1 entries from %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 The %2 entries before the problem are shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Runlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Opened %1 entries from %2; %n places of the file were read over, the first: %3.</source>
        <translation>
            <numerusform>Opened %1 entries from %2; %n place of the file was read over, the first: %3.</numerusform>
            <numerusform>Opened %1 entries from %2; %n places of the file were read over, the first: %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 from the file %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2, from the file %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converting the %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converting the %1: %2 records read…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is gone: opening the library&apos;s copy of it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is gone, and the library holds none of its entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is gone: this is the library&apos;s copy of its %2 entries, as they were read.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FoldController</name>
    <message>
        <source>%1 ×%2, entries %3–%4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandOver</name>
    <message>
        <source>This command line is not one a running Runlog opens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The start&apos;s folder is not an absolute path.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandOverMessage</name>
    <message>
        <source>The message is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is not Runlog&apos;s hand-over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is of another version of Runlog (%1; this one speaks %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message lacks its arguments, folder or environment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message&apos;s arguments must be strings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer does not say whether it was accepted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeadlessCompare</name>
    <message>
        <source>unknown comparison format &quot;%1&quot;: use tsv or json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--compare needs two runs: LEFT RIGHT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>fetched %Ln entries</source>
        <translation>
            <numerusform>fetched %Ln entry</numerusform>
            <numerusform>fetched %Ln entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HeadlessExport</name>
    <message>
        <source>unknown export format &quot;%1&quot;: use json, jsonl, csv, md or html.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot tell the format of %1 from its extension: give --format json, jsonl, csv, md or html.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--export needs something to export: --org ORG --run RUN, --demo, or a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry %1 (run %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n entries of another run than run %1, kept in place (marked in csv, md and html): %2</source>
        <translation>
            <numerusform>%n entry of another run than run %1, kept in place (marked in csv, md and html): %2</numerusform>
            <numerusform>%n entries of another run than run %1, kept in place (marked in csv, md and html): %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>read %Ln entries (%1 %)</source>
        <translation>
            <numerusform>read %Ln entry (%1 %)</numerusform>
            <numerusform>read %Ln entries (%1 %)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>fetched %1 of %Ln entries</source>
        <translation>
            <numerusform>fetched %1 of %Ln entry</numerusform>
            <numerusform>fetched %1 of %Ln entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>fetched %Ln entries</source>
        <translation>
            <numerusform>fetched %Ln entry</numerusform>
            <numerusform>fetched %Ln entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>wrote %1 of %Ln entries to %2</source>
        <translation>
            <numerusform>wrote %1 of %Ln entry to %2</numerusform>
            <numerusform>wrote %1 of %Ln entries to %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>wrote %Ln entries to %1 (%2)</source>
        <translation>
            <numerusform>wrote %Ln entry to %1 (%2)</numerusform>
            <numerusform>wrote %Ln entries to %1 (%2)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HeadlessInsights</name>
    <message>
        <source>unknown insights format &quot;%1&quot;: use tsv or json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--insights needs a run: --org ORG --run RUN, --demo, or a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>fetched %Ln entries</source>
        <translation>
            <numerusform>fetched %Ln entry</numerusform>
            <numerusform>fetched %Ln entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HeadlessListRuns</name>
    <message>
        <source>listed %1 of %2 runs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeadlessNotes</name>
    <message>
        <source>unknown notes format &quot;%1&quot;: use json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--notes needs a run: --org ORG --run RUN, --demo, or a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n notes whose entry is no longer in the run.</source>
        <translation>
            <numerusform>%n note whose entry is no longer in the run.</numerusform>
            <numerusform>%n notes whose entry is no longer in the run.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HeadlessRunSearch</name>
    <message>
        <source>the query does not parse: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--search needs a run (--org ORG --run RUN, --demo, or a file), or none to search the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fetched %1 entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>matches: %1 of %2 entries</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeadlessSearch</name>
    <message>
        <source>the library is switched off (Preferences), so there is nothing to search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the library cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the library %1 could not be used (%2); it was renamed to %3 and a new one was started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the search failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>matches: %1; runs searched: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the query does not parse: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeadlessStats</name>
    <message>
        <source>unknown statistics format &quot;%1&quot;: use tsv or json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--stats needs a run: --org ORG --run RUN, --demo, or a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>fetched %Ln entries</source>
        <translation>
            <numerusform>fetched %Ln entry</numerusform>
            <numerusform>fetched %Ln entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HtmlExportWriter</name>
    <message>
        <source>(no type)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note on entry %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InsightsModel</name>
    <message>
        <source>Loops (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeated failures (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First failure (none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands (%1, %2 failed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files (%1, %2 written)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ×%2 · entries %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>×%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · exit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 read, %3 written</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InsightsPanel</name>
    <message>
        <source>Show Only These</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search All Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the selected finding&apos;s entries in the table (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look for this failure in every run of the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No run is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for loops and failures…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to look at yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found among the entries loaded so far; the rest of the run may change them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show All Entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 of this finding&apos;s %2: click again for the next.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to Entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Only These Entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search All Runs for This Failure</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InsightsVerdict</name>
    <message>
        <source>no loops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 loops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no repeated failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 repeated failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 repeated failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first failure at #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no commands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 commands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, none failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, none written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of the %1 entries loaded: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InspectLog</name>
    <message>
        <source>%1, line %2: not JSON (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspect eval log: the log holds no samples (it was written without them, or is still running).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspect eval log (.eval archive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not a readable ZIP archive (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no header.json or _journal/start.json (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2: no &quot;eval&quot; object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspect eval log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspect eval log, line 1: no &quot;eval&quot; object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1event %2: not an event; skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1event %2, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>message %1: not a message; skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>message %1: the result of call %2 without its call; kept as an entry of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the call %1 (%2) has no result</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Inspect eval log: there is no sample %1 (the log holds %n sample(s)).</source>
        <translation>
            <numerusform>Inspect eval log: there is no sample %1 (the log holds %n sample).</numerusform>
            <numerusform>Inspect eval log: there is no sample %1 (the log holds %n samples).</numerusform>
        </translation>
    </message>
    <message>
        <source>Inspect eval log, sample %1: not a sample.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InstanceClient</name>
    <message>
        <source>The running Runlog closed the connection without an answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The socket&apos;s path is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The running Runlog does not take connections.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The running Runlog does not read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The running Runlog&apos;s answer is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The running Runlog did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InstanceServer</name>
    <message>
        <source>Another Runlog is starting at the same moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another Runlog listens on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another Runlog holds %1 but does not answer (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot listen on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The socket %1 vanished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This Runlog takes no requests.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InstanceSocket</name>
    <message>
        <source>The folder %1 could not be made: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 cannot be read: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 belongs to another user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 is open to other users (mode %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The socket&apos;s path %1 is too long for a local socket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a socket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The socket %1 belongs to another user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The socket %1 is open to other users (mode %2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonTreeModel</name>
    <message>
        <source>(not JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{%Ln keys}</source>
        <translation>
            <numerusform>{%Ln key}</numerusform>
            <numerusform>{%Ln keys}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%Ln items]</source>
        <translation>
            <numerusform>[%Ln item]</numerusform>
            <numerusform>[%Ln items]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JsonTreeView</name>
    <message>
        <source>Copy Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expanded the first %1 rows; expand deeper levels one by one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expand All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collapse All</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibraryController</name>
    <message>
        <source>&amp;Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Library…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Organization&apos;s &amp;Runs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search All Runs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library &amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every run kept on this computer: opens at once, also offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The organization&apos;s runs, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search every run in the library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library is off (--no-store, or Library Preferences)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library %1 could not be used (%2). It was renamed to %3 and a new, empty library was started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove every run from the library? Runs open again from the API, one page request at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which organization? Type its ID above and press Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No API token is known yet: open a run with Ctrl+O (the token is asked there) or set CODEGEN_API_TOKEN, then press Refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Trying again in %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compacting the library, once, so that it can give space back…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library was compacted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The runs to remove hold %Ln items of yours (notes or marks). Remove them with the runs?</source>
        <translation>
            <numerusform>The runs to remove hold %Ln item of yours (notes or marks). Remove them with the runs?</numerusform>
            <numerusform>The runs to remove hold %Ln items of yours (notes or marks). Remove them with the runs?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryDatabase</name>
    <message>
        <source>cannot create the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot make the folder %1 private</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is damaged or not a database (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not Runlog&apos;s library (another program&apos;s database)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it was made by a newer Runlog (library version %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is damaged (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the library&apos;s tables: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no known library version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is unusable (%2) and cannot be renamed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot add the notes table: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibraryPreferencesDialog</name>
    <message>
        <source>&amp;Keep the runs I open in the library (takes effect at the next start)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logs can hold secrets: the library is readable by you alone. When it outgrows the limit, the runs opened longest ago go first. Your API token is never kept there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size &amp;limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibraryRunsModel</name>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every entry is here: the run opens with no request, also offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries not here yet are fetched when the run is opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary / result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibraryRunsPanel</name>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove from Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear Library…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 of entries (limit %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 of entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;mpare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare the two selected runs step by step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the stored runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by run, organization, status, summary, source…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibrarySearchModel</name>
    <message>
        <source>Run %1 of organization %2 (%3), %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your note on this entry: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibrarySearchPanel</name>
    <message>
        <source>Match case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type to search every stored run; Enter opens a result at its entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (stopped at the first %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search every stored run: words, &quot;a phrase&quot;, /regex/, type:error, status:failed, after:2025-06-01…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every word must match, in any field. The language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With .* on, the whole text is one regular expression.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2, %3 ms</source>
        <comment>hits in runs, time</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln matches</source>
        <translation>
            <numerusform>%Ln match</numerusform>
            <numerusform>%Ln matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln runs searched</source>
        <translation>
            <numerusform>%Ln run searched</numerusform>
            <numerusform>%Ln runs searched</numerusform>
        </translation>
    </message>
    <message>
        <source>Search every stored run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matches in stored runs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibraryWindow</name>
    <message>
        <source>Library — Runlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Runs in the Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search All Runs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibraryWorker</name>
    <message>
        <source>The disk holding the library (%1) is full: Runlog goes on without the library until it is started again. Runs already kept are intact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library (%1) could not be written (%2): Runlog goes on without the library until it is started again. Runs already kept are intact.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LinkedEntryController</name>
    <message>
        <source>Run %1 has %2 entries: entry %3 is past its end.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LiveToggle</name>
    <message>
        <source>Follow the run while it is going: check for new entries and keep the newest in view (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live: paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Live · next check in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Live · checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow live run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogTableModel</name>
    <message>
        <source>Time (local time zone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ entry of run %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load this page. Retry with F5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not loaded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subagent · %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>F&amp;ilter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgot the token saved for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Following the run while it is going.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not following the run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped loading. Press F5 to resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token for %1 is saved in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System Keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could Not Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run has finished (%1): no longer following it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo backend could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a run with Ctrl+O, or try the demo run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Exported Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No failure in this run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No failure among the entries loaded so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library is off: there are no stored runs to search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent logs (*.jsonl *.json *.traj *.eval)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Agent Logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo: File &gt; Open Agent Logs… holds sample logs of Claude Code, Codex CLI and Inspect.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarkController</name>
    <message>
        <source>Marked entry %1 (%2 marked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmarked entry %1 (%2 marked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entry is marked: press M to mark the current one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The filter hides every marked entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No marked entry after this one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No marked entry before this one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarkdownExportWriter</name>
    <message>
        <source>(no type)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use &amp;Another Token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the same run with another API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetadataFormatter</name>
    <message>
        <source>… (the metadata goes on: %1 of %2 shown here; an export keeps all of it)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoteController</name>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 no longer holds the entry this note was written on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an entry to write a note on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted the note on entry %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the note on entry %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit &amp;Note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;Note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runlog notes (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is too big to be a notes file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln notes.</source>
        <translation>
            <numerusform>Imported %Ln note.</numerusform>
            <numerusform>Imported %Ln notes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln notes could not be placed: their entry is not in this run (or not loaded yet).</source>
        <translation>
            <numerusform>%Ln note could not be placed: their entry is not in this run (or not loaded yet).</numerusform>
            <numerusform>%Ln notes could not be placed: their entry is not in this run (or not loaded yet).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %Ln items (notes and marks) to %1.</source>
        <translation>
            <numerusform>Wrote %Ln item (notes and marks) to %1.</numerusform>
            <numerusform>Wrote %Ln items (notes and marks) to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>Edit Note on Entry %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Note to Entry %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain text, shown as Markdown (**bold**, `code`, lists). Kept with the run in your library; never sent anywhere. Ctrl+Enter saves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened here?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the note (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotesFile</name>
    <message>
        <source>It is not JSON (%1 at byte %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is not a notes file: it has no &quot;notes&quot; list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its &quot;%1&quot; is not a whole number or null.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note %1 is not an object with &quot;entry&quot; (from 1), &quot;entry_sha256&quot; (64 hex digits), &quot;text&quot; and &quot;marked&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (its entry is no longer in the run)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No notes on this run. Select an entry and press N to write one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln notes. Click one to go to its entry.</source>
        <translation>
            <numerusform>%Ln note. Click one to go to its entry.</numerusform>
            <numerusform>%Ln notes. Click one to go to its entry.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln notes; %1 lost their entry.</source>
        <translation>
            <numerusform>%Ln note; %1 lost their entry.</numerusform>
            <numerusform>%Ln notes; %1 lost their entry.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OpenHandsEvents</name>
    <message>
        <source>event %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>event #%1 of the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: an observation (%2) of action %3, which is not in the file; kept as an entry of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: a second observation (%2) of action %3; kept as an entry of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: an observation (%2) of no action; kept as an entry of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>action %1 (%2) has no observation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenHands event stream, line %1: not JSON (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenHands event stream, line 1: not a list of events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not an event with an action or an observation; skipped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpenRequest</name>
    <message>
        <source>run %1 (organization %2), entry %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run %1 (organization %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpenRunController</name>
    <message>
        <source>(no runs opened yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 (organization %2) at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpenRunDialog</name>
    <message>
        <source>Remember the token in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>12345 or https://codegen.com/agent/trace/12345</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API token from the Codegen web app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run ID or URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Organization ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;base URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved for this API address, never in a plain file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember the token (no system keychain is available)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set CODEGEN_API_TOKEN to skip this field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using the token from %1. Type another to replace it for this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(token from %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not a run ID or a run URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The base URL must be an https:// address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain http:// is only allowed for this computer (127.0.0.1, localhost); use https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An API token is needed to open a run on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the token it was sent. Paste another from the Codegen web app&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember the token (saving it failed last time)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrgRunsView</name>
    <message>
        <source>Runs — Runlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>organization ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organization:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 runs, newest first; more load as you scroll.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 run. Enter opens it; ● marks runs in the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 runs, newest first. Enter opens the selected run; ● marks runs in the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;mpare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare the two selected runs step by step (Ctrl+click selects a second run)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organization ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs of the organization</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PeerCredentials</name>
    <message>
        <source>The other end of the socket could not be identified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The other end of the socket is another user (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueryLanguage</name>
    <message>
        <source>`OR` needs a term before it at character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`OR` needs a term after it at character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the quote at character %1 is never closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty phrase at character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown key `%2:` at character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`%2:` works across runs only (Search All Runs, `runlog --search`), at character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`%2:` works within one run (the search bar, `runlog SOURCE --search`), at character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%2 in the regular expression, at character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a value is missing at character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected character at character %1: put a value holding it in quotes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`%2:` takes one value, not a list, at character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown value `%2` for `%3:` at character %1 (one of: %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`%2:` needs a number at character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`entry:` needs an entry number or a range like 100..200 at character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`gap:` needs a duration like 30s, &gt;2m or 1m..1h at character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`time:` needs a time of day like 12:00..13:30 or &gt;9:30 at character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`%2:` needs a date like 2025-06-01 at character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at character %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>words        every word must match, in any field (any case)
&quot;a phrase&quot;   the words together; \&quot; is a quote inside
/regex/      a regular expression; /regex/i for any case
-word        leaves out entries with it (also -&quot;phrase&quot;, -key:value)
a OR b       either; AND binds tighter: a b OR c = (a and b) or c
type:error   message type, by prefix, any case; lists: tool:bash,grep
tool:bash    tool name, by prefix, any case
field:observation   words only in thought, tool_input, tool_output, observation
entry:100..200   also entry:&gt;100, entry:100
time:12:00..13:30   time of day (local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gap:&gt;30s     time since the entry before (s, m, h)
is:marked  is:failure  is:loop  has:note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run:42  org:7  status:failed  source:github  after:2025-06-01  before:2025-07-01
has:note     entries with a note of yours (words find notes&apos; text too)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RateChart</name>
    <message>
        <source>%1 per minute at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 per %2 minutes at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln entries</source>
        <translation>
            <numerusform>%1: %Ln entry</numerusform>
            <numerusform>%1: %Ln entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n entries</source>
        <translation>
            <numerusform>%1: %n entry</numerusform>
            <numerusform>%1: %n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RateLimitPrompt</name>
    <message>
        <source>Rate Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests per seconds, e.g. 60/60 (the API&apos;s documented limit):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a rate limit: write requests/seconds, e.g. 60/60.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most %1 requests per %2 s from now on.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecentRuns</name>
    <message>
        <source>Run %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunFileReader</name>
    <message>
        <source>Reading %1 was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is empty: it is not an exported run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be opened: it cannot be mapped (a pipe?) and is larger than the %2 Runlog reads into memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1, column %2 (byte %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a valid exported run: %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be opened: line %2 is longer than the %3 one entry may have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a valid exported run: %2, column %3 (byte %4): %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be opened: %2 (at %3) is larger than the %4 one entry may have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file ends inside %1 (truncated?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a JSON array, but an exported run is an object with &quot;logs&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not text (a binary file?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not a JSON object with &quot;logs&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the object has no &quot;logs&quot; field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the run object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a field name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a field name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid field name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;:&apos; after the field name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value of &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;logs&quot; appears more than once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;logs&quot; is not an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be opened: the run&apos;s fields (up to &quot;%2&quot;, at %3) are larger than the %4 they may have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected text after the run object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;logs&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log entry %1 is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log entry %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;]&apos; in &quot;logs&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the run&apos;s fields are not valid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed while it was being read: open it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be opened: it is a device, not a file. Runlog opens files and pipes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be opened: it is a folder, not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be opened: it is neither a file nor a pipe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no %2; its samples: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 holds %n samples, each a run of its own: %2.</source>
        <translation>
            <numerusform>%1 holds %n sample, each a run of its own: %2.</numerusform>
            <numerusform>%1 holds %n samples, each a run of its own: %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunHeader</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the run&apos;s result and metadata in full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing %1 in the %2 loaded of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing %1 in the %2 loaded so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The filter counts only the entries loaded so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>organization %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run is still going</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run has finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details shows the whole result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded %1 of %2+</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the first entry to the last one loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to It</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the first failure in the table (Ctrl+Shift+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First failure at #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 session: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the first failure</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunListLoader</name>
    <message>
        <source>page %1 of the run list brought no run that was not on an earlier page, though the server counts %2 runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the run list goes on past %1 pages, more than its first count of runs can fill</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunListModel</name>
    <message>
        <source>In the library: opens at once, also offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pull requests</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunLoader</name>
    <message>
        <source>the server answered with run %1 instead of run %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent %1 entries where at most %2 were asked for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent the same entries for skip=%1 as for skip=%2 (it seems to ignore paging)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent %1 entries at skip=%2 where %3 were expected, though later entries exist</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunSession</name>
    <message>
        <source>Runlog</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SafeTextDocument</name>
    <message>
        <source>[image]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[image: %1]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SampleChoice</name>
    <message>
        <source>#%1 (not readable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (epoch %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SampleChooserDialog</name>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (error)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a Sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 holds %n samples, each a run of its own. Which one do you want to open?</source>
        <translation>
            <numerusform>%1 holds %n sample. Do you want to open it?</numerusform>
            <numerusform>%1 holds %n samples, each a run of its own. Which one do you want to open?</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter by id, input, target, score…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SampleRef</name>
    <message>
        <source>sample %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sample %1, epoch %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>Match case (Alt+C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole words only (Alt+W)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regular expression (Alt+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter, Shift+F3, N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next match (Enter, F3, n)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch the pages not loaded yet (paced by the rate limit) so the search covers the whole run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only some message types or tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the search (Escape)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop Loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search: words, &quot;a phrase&quot;, /regex/, type:error, tool:bash, is:failure…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every word must match, in any field. The language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With .* on, the whole text is one regular expression.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Only matching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the entries that match (Alt+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words, &quot;a phrase&quot;, /regex/, type:, tool:, is:failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole words only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match case, whole words, regular expression, only matching entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole Words Only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regular Expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only Matching Entries</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 entry so far…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 entries so far…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 matches in %2 entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 match in 1 entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 matches in 1 entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching the %1 of %2 entries loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching the %1 entries loaded so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none loaded yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no type)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no tool)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1+</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message types (in %1 loaded of %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools (in %1 loaded of %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load All Entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — writes %2 into the search bar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchEngine</name>
    <message>
        <source>Pattern too costly: it backtracks too much on some entries (nested repeats such as (a+)+?); make it more specific</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchQuery</name>
    <message>
        <source>%1 at character %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutHelp</name>
    <message>
        <source>↑ ↓, j k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous / next entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PgUp PgDn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page up / down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First / last entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter, Shift+Enter, n, N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next / previous search match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>→ ←</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open / close a folded repeat (View &gt; Fold Repeats)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F7, Shift+F7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare Runs: next / previous difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare Runs: the first divergence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter, →</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare Runs: open a fold of identical entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+F, F3, Shift+F3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare Runs: search both runs, next / previous step with a match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare Runs: export as Markdown or HTML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alt+C, Alt+W, Alt+R, Alt+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search bar: match case, whole words, regular expression, only matching entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← →, Home End, PgUp PgDn, Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline (Tab to it): previous / next stretch with entries, first / last, a tenth further, go there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↑ ↓, Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistics charts (Tab to them): previous / next bar, show only its entries</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatisticsPanel</name>
    <message>
        <source>Show All Entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lift the filter set by clicking a bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools: entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools: time until the next entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest gaps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 from first to last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no type)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no tool)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 after entry %2, at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch the entries not loaded yet, so that the statistics count the whole run</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Counted over the %Ln loaded entries of %1.</source>
        <translation>
            <numerusform>Counted over the %Ln loaded entry of %1.</numerusform>
            <numerusform>Counted over the %Ln loaded entries of %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Load All %1 Entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln errors</source>
        <translation>
            <numerusform>%Ln error</numerusform>
            <numerusform>%Ln errors</numerusform>
        </translation>
    </message>
    <message>
        <source>Up and Down choose a bar, Enter shows only its entries</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusBarController</name>
    <message>
        <source>Rate limit: next request in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 requests used in the last %3 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Following live · next check in %1 s · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2%3 loaded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SweAgentTrajectory</name>
    <message>
        <source>SWE-agent trajectory, line %1: not JSON (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SWE-agent trajectory, line 1: no &quot;trajectory&quot; list of steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attempt %1: no list of steps; skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attempt %1, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1step %2: not a step with an action; skipped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TableContextMenu</name>
    <message>
        <source>Copy %1 Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Only Entries Without a Tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Only Tool “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Only Entries Without a Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Only Type “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Entries Around (±%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the %1 entries before and after this one; Clear Filters (or Escape) shows all again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entries around #%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineStrip</name>
    <message>
        <source>Place entries by their time, or by their number (a run can idle for hours)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>errors here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pages not loaded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one of the longest gaps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>search matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loop: entries %1–%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln entries</source>
        <translation>
            <numerusform>%Ln entry</numerusform>
            <numerusform>%Ln entries</numerusform>
        </translation>
    </message>
    <message>
        <source>Timeline of the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline axis: time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline axis: index</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenStore</name>
    <message>
        <source>Runlog will ask for it each time, or set CODEGEN_API_TOKEN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>so no saved token can be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>so the token cannot be saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>so the saved token cannot be removed now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain is running, %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API address has no host, so no saved token can be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API address has no host, so the token cannot be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An empty token cannot be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access to the system keychain was refused, %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain is locked or refused access, %1. Unlock it and try again, or: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain could not remove the saved token (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain reported an error (%1), %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WholeRunLoad</name>
    <message>
        <source>run %1 of organization %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 entries could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not start reading %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;New Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open another window, to look at several runs at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Run…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a run by its ID or web address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an exported run (.json, .jsonl); or drop it on the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the whole run to a JSON, JSON Lines, CSV, Markdown or HTML file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;Demo Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;Live Demo Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the Saved API &amp;Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit Runlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Entry as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected entry as JSON (in the table)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search every loaded entry (Enter / Shift+Enter, n / N: next / previous match)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find &amp;Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toggle &amp;Mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark or unmark the selected entry (in the table); marks are kept with the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ne&amp;xt Mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre&amp;vious Mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only &amp;Marked Entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the entries you marked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole run on a time axis above the table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counts per type and tool, time per tool, errors, gaps and pace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;First Entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Last Entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go to Entry…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to an entry by its number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Newest First</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the run from its last entry backwards (the API&apos;s reverse order)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Follow Live Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check a run that is still going for new entries, and keep the newest in view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Entry as &amp;JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail as readable text or as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Wrap Long Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap long lines in the detail pane, or scroll sideways</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The table and the detail pane at the usual text size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch Between &amp;Table and Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry Failed Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop Loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel every request in flight or waiting; loaded entries stay, F5 resumes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate &amp;Limit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many requests Runlog may send per time window (the API allows 60 per 60 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Runlog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Local Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times in this computer&apos;s time zone (with the date when the run spans days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;UTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times in UTC, as the server sends them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time Since the Run&apos;s &amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long after the run&apos;s first entry each entry came</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Time Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;heme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Insights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What went wrong: loops, repeated failures, the first failure, commands and files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First Fail&amp;ure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the run&apos;s first failure (an error, a failed command, a traceback)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fold Repeats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show each loop of repeated tool calls as one row; → opens it, ← closes it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;Link to Entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare R&amp;uns…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare two runs step by step: files, run IDs or run web addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;Note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write or edit a note on the selected entry (N in the table); kept with the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the note on the selected entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only Entries with &amp;Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the entries you wrote a note on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Notes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the run&apos;s notes and marks to a small JSON file to give a colleague</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import Notes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the notes and marks of a notes file to this run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List every note on the run; click one to go to its entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Agent Logs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open another agent&apos;s log: a Claude Code transcript and the other formats Runlog reads</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowlessCommand</name>
    <message>
        <source>fetching run %1 of organization %2 from %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>read %Ln entries from %1</source>
        <translation>
            <numerusform>read %Ln entry from %1</numerusform>
            <numerusform>read %Ln entries from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>have %Ln entries of run %1</source>
        <translation>
            <numerusform>have %Ln entry of run %1</numerusform>
            <numerusform>have %Ln entries of run %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%Ln pages read from the library)</source>
        <translation>
            <numerusform> (%Ln page read from the library)</numerusform>
            <numerusform> (%Ln pages read from the library)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>fetched %Ln entries of run %1</source>
        <translation>
            <numerusform>fetched %Ln entry of run %1</numerusform>
            <numerusform>fetched %Ln entries of run %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>read %Ln entries from %1 (%2)</source>
        <translation>
            <numerusform>read %Ln entry from %1 (%2)</numerusform>
            <numerusform>read %Ln entries from %1 (%2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln places read over, the first: %1</source>
        <translation>
            <numerusform>; %Ln place read over, the first: %1</numerusform>
            <numerusform>; %Ln places read over, the first: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 Name one with --sample ID (and --epoch N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Name one with --sample ID (and --epoch N), once per side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>converting the %1: %2 records read</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ZipArchive</name>
    <message>
        <source>no file %1 in the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unpacks to more than 1 GiB</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>runlog: not handing over to %1: %2 Starting a Runlog of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>runlog: the running Runlog did not answer (%1). Starting a Runlog of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>runlog: the running Runlog did not take this start (%1). Starting a Runlog of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>runlog: other starts open a Runlog of their own: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
