#!/usr/bin/env bash
# Scores the fact engine on the two halves of the development set: topics 1-6 (where rules are
# tried) and 7-12 (where they are checked). Usage: scripts/score-facts-halves.sh [TOOL] [-v]
set -euo pipefail
tool=${1:-target/release/crosscheck}
shift || true
score=../shared/devset/score_facts.py
a=t1_ecb,t1_ecbplus,t2_ecb,t2_ecbplus,t3_ecb,t3_ecbplus,t5_ecb,t5_ecbplus,t6_ecb,t6_ecbplus
b=t7_ecb,t7_ecbplus,t8_ecb,t8_ecbplus,t9_ecb,t9_ecbplus,t11_ecb,t11_ecbplus,t12_ecb,t12_ecbplus
for half in "topics 1-6:$a" "topics 7-12:$b"; do
  echo "== ${half%%:*}"
  python3 "$score" --tool "$tool" --only "${half#*:}" "$@" | tail -3
done
