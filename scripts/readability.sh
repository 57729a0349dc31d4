#!/usr/bin/env bash
# Readability of the aligned view on the development set: of the aligned passages shown against a
# reference, the share whose difference marks (underlined, struck, or listed as left out) cover
# more than half the words shown — with a word diff everywhere (as before paraphrases were told
# apart) and as the app shows them (paraphrases by their shared words). Per set, per half
# (topics 1-6 and 7-12) and in total. Usage: scripts/readability.sh [TOOL]
set -euo pipefail
tool=${1:-target/release/crosscheck}
root=../shared/devset/ecbplus
declare -A P W S
for t in 1 2 3 5 6 7 8 9 11 12; do
  half=$([ "$t" -le 6 ] && echo "1-6" || echo "7-12")
  for set in ecb ecbplus; do
    read -r _ n _ para _ w _ s < <("$tool" readability "$root/t$t/$set"/*.txt)
    printf 't%-2s %-8s passages %4d  paraphrases %4d  over half marked: word diff %4d (%3d%%)  shown %4d (%3d%%)\n' \
      "$t" "$set" "$n" "$para" "$w" $((100 * w / (n > 0 ? n : 1))) "$s" $((100 * s / (n > 0 ? n : 1)))
    for k in "$half" all; do
      P[$k]=$(( ${P[$k]:-0} + n )); W[$k]=$(( ${W[$k]:-0} + w )); S[$k]=$(( ${S[$k]:-0} + s ))
    done
  done
done
for k in 1-6 7-12 all; do
  python3 -c "import sys; n,w,s=map(int,sys.argv[2:]); print(f'{sys.argv[1]:>10}: {n} passages; over half marked: word diff {w/n:.2f}, shown {s/n:.2f}')" "$k" "${P[$k]}" "${W[$k]}" "${S[$k]}"
done
