#!/usr/bin/env bash
# `alerts analyze` end to end, start-up included: the same articles against 10 and against 10,000 generated rules
# (bench/Alerts.Benchmarks RuleGenerator, seed 7, the built-in rules left out), JSON output discarded. The articles are
# the texts of eval/articles (see eval/README.md for sources and licences) repeated, each copy with a numbered last
# line so no two files are equal. Prints wall and CPU seconds and peak memory per run; compare the runs as ratios.
# Usage: bench/analyze/run.sh [--articles 500] [--rules "10 10000"]
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

articles=500
sizes="10 10000"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --articles) articles="$2"; shift 2 ;;
    --rules) sizes="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

dotnet build -c Release src/Alerts.Cli -clp:ErrorsOnly --nologo >/dev/null
dotnet build -c Release bench/Alerts.Benchmarks -clp:ErrorsOnly --nologo >/dev/null
cli=src/Alerts.Cli/bin/Release/net10.0/alerts.dll
[[ -f "$cli" ]] || cli=$(ls src/Alerts.Cli/bin/Release/net10.0/*Cli*.dll | head -1)
bench=bench/Alerts.Benchmarks/bin/Release/net10.0/Alerts.Benchmarks.dll

work=$(mktemp -d -t alerts-analyze.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/articles"
mapfile -t texts < <(ls eval/articles/*.txt | sort)
for ((i = 0; i < articles; i++)); do
  src=${texts[$((i % ${#texts[@]}))]}
  { cat "$src"; printf '\n\nCopy %d.\n' "$i"; } > "$work/articles/$(printf '%04d' "$i")-$(basename "$src")"
done

for size in $sizes; do
  dotnet "$bench" rules "$size" > "$work/rules-$size.json"
done

echo "alerts analyze over $articles articles (eval/articles repeated), built-in rules left out:"
for size in $sizes; do
  /usr/bin/time -f "%e %U %S %M" -o "$work/time-$size" \
    dotnet "$cli" analyze "$work/articles" --json --no-builtin-rules --rules "$work/rules-$size.json" > "$work/out-$size.jsonl" || true
  read -r wall user sys rss < "$work/time-$size"
  matches=$(python3 -c 'import json,sys; print(sum(len(json.loads(l).get("matches",[])) for l in open(sys.argv[1]) if l.strip()))' "$work/out-$size.jsonl")
  lines=$(wc -l < "$work/out-$size.jsonl")
  printf '%7s rules: %s s wall, %.2f s CPU, %d MB peak, %s files, %s matches\n' "$size" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024)) "$lines" "$matches"
done
