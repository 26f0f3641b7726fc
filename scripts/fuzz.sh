#!/usr/bin/env bash
# Builds and runs Drempel's libFuzzer targets (docs/fuzzing.md).
#
#   scripts/fuzz.sh [--asan] [--merge] [--keep-going] [--no-build] [SECONDS_PER_TARGET] [TARGET...]
#
# SECONDS_PER_TARGET defaults to 60; TARGET is any of fuzz_scenario fuzz_set fuzz_csv (default:
# all three, one after the other). The build goes to build/fuzz: clang++, RelWithDebInfo (with
# assertions kept), the whole project instrumented with -fsanitize=fuzzer-no-link,address,undefined.
# With --asan the targets come from the CMake preset "asan" instead (build/asan, -O1, the same
# sanitizers, also the test suite; CI uses it), and the scratch directories below are under
# build/asan rather than build/fuzz.
# Each target runs on a scratch copy of its seed corpus, build/fuzz/corpus/TARGET (kept between
# runs, so later runs start from what earlier ones found); fuzz/corpus is left alone unless
# --merge is given, which adds to fuzz/corpus/TARGET the scratch inputs that reach new coverage.
#
# A target normally stops at its first finding. --keep-going runs it for the whole time instead
# (libFuzzer -fork=1 with -ignore_crashes/-ignore_timeouts/-ignore_ooms) and saves every failing
# input, which helps while a known bug keeps being hit; the exit status is the same.
#
# Exit status: 0 when no target found anything, 1 on any finding (crash, sanitizer report,
# uncaught exception other than InputError, timeout, out-of-memory, leak); the inputs that caused
# it are saved in build/fuzz/findings/TARGET/ and their paths printed. 2 for a usage or build error.
set -euo pipefail

usage() {
  sed -n '4p' "$0" | sed 's/^# *//' >&2
  exit 2
}

seconds=60
merge=0
keep_going=0
build=1
asan=0
targets=()
for arg in "$@"; do
  case "$arg" in
    --merge) merge=1 ;;
    --keep-going) keep_going=1 ;;
    --no-build) build=0 ;;
    --asan) asan=1 ;;
    -h | --help) usage ;;
    fuzz_scenario | fuzz_set | fuzz_csv) targets+=("$arg") ;;
    *)
      if [[ "$arg" =~ ^[0-9]+$ && "$arg" -gt 0 ]]; then seconds="$arg"; else
        echo "fuzz.sh: unknown argument '$arg'" >&2
        usage
      fi
      ;;
  esac
done
[[ ${#targets[@]} -gt 0 ]] || targets=(fuzz_scenario fuzz_set fuzz_csv)

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/build/fuzz"
[[ $asan -eq 0 ]] || out="$root/build/asan"
max_len=65536

if [[ $build -eq 1 && $asan -eq 1 ]]; then
  command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ not found (apt-get install clang)" >&2; exit 2; }
  start=$(date +%s)
  (cd "$root" && cmake --preset asan >/dev/null) || exit 2
  (cd "$root" && cmake --build --preset asan -j2 --target "${targets[@]}") || exit 2
  echo "fuzz.sh: built ${targets[*]} in $(( $(date +%s) - start )) s"
elif [[ $build -eq 1 ]]; then
  command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ not found (apt-get install clang)" >&2; exit 2; }
  sanitize="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"
  flags="$sanitize -fno-omit-frame-pointer -D_GLIBCXX_ASSERTIONS"
  start=$(date +%s)
  mkdir -p "$out"
  cmake -S "$root" -B "$out" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    "-DCMAKE_C_FLAGS=$flags" "-DCMAKE_CXX_FLAGS=$flags" \
    "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O2 -g" "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g" \
    "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined" \
    -DDREMPEL_FUZZ=ON -DDREMPEL_BUILD_TESTS=OFF -DDREMPEL_BUILD_BENCHMARKS=OFF \
    >"$out/configure.log" 2>&1 || { cat "$out/configure.log" >&2; exit 2; }
  cmake --build "$out" -j2 --target "${targets[@]}" || exit 2
  echo "fuzz.sh: built ${targets[*]} in $(( $(date +%s) - start )) s"
fi

# The harnesses write their inputs to a directory of their own under TMPDIR; keep it in the build
# tree, where a crashed run's leftovers do no harm.
export TMPDIR="$out/tmp"
rm -rf "$TMPDIR"
mkdir -p "$TMPDIR" "$out/logs"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

dict=()
[[ -f "$root/fuzz/dict/json.dict" ]] && dict=("-dict=$root/fuzz/dict/json.dict")

fuzz_flags=(-max_len=$max_len -timeout=10 -rss_limit_mb=2048)

# One line about a saved failing input: what failed and the innermost Drempel frame.
describe() {
  local exe="$1" input="$2" text what where
  text=$(timeout 120 "$exe" "${fuzz_flags[@]}" -runs=1 "$input" 2>&1 || true)
  what=$(grep -m1 -oE 'what\(\): .*|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer): [a-z -]+|runtime error: .*' \
    <<<"$text" | sed -E "s/'[^']*'/'...'/g; s/ +$//" || true)
  where=$(grep -E '^ +#[0-9]+ ' <<<"$text" | grep -m1 -oE '(engine|models|analysis)/[A-Za-z0-9_/]+\.(cpp|hpp):[0-9]+' ||
    true)
  echo "${what:-no failure on re-run (flaky?)}${where:+ at $where}"
}

found=0
summary=()
for t in "${targets[@]}"; do
  exe="$out/fuzz/$t"
  [[ -x "$exe" ]] || { echo "fuzz.sh: $exe not built" >&2; exit 2; }
  corpus="$out/corpus/$t"
  findings="$out/findings/$t"
  log="$out/logs/$t.log"
  mkdir -p "$corpus" "$findings"
  cp -n "$root/fuzz/corpus/$t/"* "$corpus/" 2>/dev/null || true
  extra=()
  [[ "$t" == fuzz_csv ]] || extra+=("${dict[@]}")
  [[ $keep_going -eq 0 ]] || extra+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  marker="$out/logs/$t.start"
  touch "$marker"
  echo "fuzz.sh: $t for $seconds s (log: ${log#"$root"/})"
  status=0
  "$exe" -max_total_time="$seconds" "${fuzz_flags[@]}" -print_final_stats=1 \
    -artifact_prefix="$findings/" "${extra[@]}" "$corpus" >"$log" 2>&1 || status=$?
  if [[ $keep_going -eq 1 ]]; then
    last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -n 1 || true)
    execs=$(sed -n 's/^#\([0-9]*\):.*/\1/p' <<<"$last")
    rate=$(sed -n 's/.* exec\/s \([0-9]*\).*/\1/p' <<<"$last")
  else
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  fi
  # Coverage of the corpus as it stands now, measured the same way in both modes.
  inited=$("$exe" "${fuzz_flags[@]}" -runs=0 "$corpus" 2>&1 | grep -m1 -E 'INITED' || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$inited")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$inited")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p' <<<"$inited")
  line="$t: ${execs:-?} executions (${rate:-?}/s); corpus ${corp:-?} (inputs/size), cov ${cov:-?}, ft ${ft:-?}"
  mapfile -t new < <(find "$findings" -maxdepth 1 -type f -newer "$marker" | sort)
  if [[ $status -ne 0 || ${#new[@]} -gt 0 ]]; then
    found=1
    line="$line -- ${#new[@]} FINDING(S) (exit $status), in ${findings#"$root"/}/"
    echo "fuzz.sh: $t FOUND ${#new[@]} failing input(s); log ${log#"$root"/}" >&2
    declare -A seen=()
    shown=0
    for f in "${new[@]}"; do
      if [[ $shown -ge 20 ]]; then
        echo "  ... and $(( ${#new[@]} - shown )) more in $findings/" >&2
        break
      fi
      d=$(describe "$exe" "$f")
      shown=$((shown + 1))
      if [[ -z "${seen[$d]:-}" ]]; then
        seen[$d]=1
        echo "  $f: $d" >&2
        echo "    reproduce: $exe $f" >&2
      fi
    done
    unset seen
  fi
  summary+=("$line")
  if [[ $merge -eq 1 ]]; then
    mkdir -p "$root/fuzz/corpus/$t"
    "$exe" -merge=1 "${fuzz_flags[@]}" -artifact_prefix="$findings/" "$root/fuzz/corpus/$t" "$corpus" \
      >"$out/logs/$t.merge.log" 2>&1 ||
      echo "fuzz.sh: merging into fuzz/corpus/$t failed (see $out/logs/$t.merge.log)" >&2
  fi
done

echo
echo "fuzz.sh summary ($seconds s per target):"
printf '  %s\n' "${summary[@]}"
exit $found
