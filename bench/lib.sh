# Shared by the bench/*.sh scripts: builds the given modules (offline first) and runs a benchmark main class from a
# module's test classes with that module's full classpath.
#   run_benchmark <module> <main class> <modules to install, comma-separated> [args...]
run_benchmark() {
  local module="$1" main="$2" install="$3"
  shift 3
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  cd "$root"
  mvn -B -q -o install -DskipTests -pl "$install" 2>/dev/null || mvn -B -q install -DskipTests -pl "$install"
  mvn -B -q -o test-compile -pl "bundles/$module" 2>/dev/null || mvn -B -q test-compile -pl "bundles/$module"
  local cp_file
  cp_file="$(mktemp)"
  mvn -B -q dependency:build-classpath -pl "bundles/$module" -Dmdep.outputFile="$cp_file" >/dev/null
  java -cp "$root/bundles/$module/target/test-classes:$root/bundles/$module/target/classes:$(cat "$cp_file")" "$main" "$@"
}
