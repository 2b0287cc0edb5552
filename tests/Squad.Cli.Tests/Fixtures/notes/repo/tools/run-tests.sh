# Runs every tests/*.sh; the first failure fails the run.
for test in tests/*.sh; do
  sh "$test" || { echo "FAILED: $test"; exit 1; }
  echo "passed: $test"
done
