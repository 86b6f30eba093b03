# shellcheck shell=bash
# Sourced by this folder's scripts (from the repository root): the GLIBC_TUNABLES value training
# processes ship with, read from the launcher, which a test keeps equal to TrainingEnvironment's.
shipped_tunables() {
  local t
  t=$(sed -n "s/^ *export GLIBC_TUNABLES='\(.*\)'$/\1/p" inception)
  [[ -n "$t" ]] || { echo "no GLIBC_TUNABLES in ./inception" >&2; return 1; }
  echo "$t"
}
