# shellcheck shell=bash
# Sourced, not run: the one place that knows how to find a JDK 25 or later. Every script that needs one sources
# it and calls jdk_use; in an interactive bash, `source local/jdk.sh && jdk_use` puts one first on PATH.
#
# Looked at in this order: $JAVA_HOME, java on PATH, then every folder under the usual places (the system's
# /usr/lib/jvm, macOS's /Library/Java/JavaVirtualMachines, SDKMAN's and IntelliJ's downloads), first match wins.
# INVOICES_JDK_SEARCH_ROOTS (folders separated by ':') replaces the usual places, e.g. to test the failure.
# Needs nothing but bash builtins and the java launchers it tries.

JDK_MIN_VERSION=25

# Major version of the java launcher $1, or 0 if it does not run.
jdk_major() {
  local output version
  output=$("$1" -version 2>&1 </dev/null) || true
  if [[ "$output" =~ version\ \"([^\"]+)\" ]]; then
    version=${BASH_REMATCH[1]}
    [[ "$version" == 1.* ]] && version=${version#1.}
    version=${version%%[.+-]*}
    [[ "$version" =~ ^[0-9]+$ ]] && { echo "$version"; return; }
  fi
  echo 0
}

jdk_is_usable() {
  [[ -x "$1/bin/java" ]] && (( $(jdk_major "$1/bin/java") >= JDK_MIN_VERSION ))
}

jdk_search_roots() {
  if [[ -n "${INVOICES_JDK_SEARCH_ROOTS:-}" ]]; then
    echo "$INVOICES_JDK_SEARCH_ROOTS"
  else
    echo "/usr/lib/jvm:/Library/Java/JavaVirtualMachines:$HOME/.sdkman/candidates/java:$HOME/.jdks"
  fi
}

# Prints the home of the first JDK >= JDK_MIN_VERSION found, or returns 1.
jdk_find() {
  if [[ -n "${JAVA_HOME:-}" ]] && jdk_is_usable "$JAVA_HOME"; then
    echo "$JAVA_HOME"
    return
  fi
  local line home root candidate roots
  if command -v java >/dev/null 2>&1 && (( $(jdk_major java) >= JDK_MIN_VERSION )); then
    # Ask the JVM itself: /usr/bin/java is often a chain of links or a launcher stub.
    while IFS= read -r line; do
      if [[ "$line" =~ ^\ *java\.home\ =\ (.+)$ ]]; then
        home=${BASH_REMATCH[1]}
        break
      fi
    done < <(java -XshowSettings:properties -version 2>&1 </dev/null)
    if [[ -n "${home:-}" ]] && jdk_is_usable "$home"; then
      echo "$home"
      return
    fi
  fi
  IFS=: read -r -a roots <<<"$(jdk_search_roots)"
  for root in "${roots[@]}"; do
    [[ -n "$root" ]] || continue
    for candidate in "$root"/*; do
      # macOS bundles (also IntelliJ's downloads there) keep the JDK in Contents/Home.
      for home in "$candidate" "$candidate/Contents/Home"; do
        if jdk_is_usable "$home"; then
          echo "$home"
          return
        fi
      done
    done
  done
  return 1
}

# Exports JAVA_HOME, PATH and MAVEN_OPTS for the JDK jdk_find chooses. When there is none, prints one line and
# exits the calling script with status 1 (in an interactive shell it returns 1 instead).
jdk_use() {
  local home places
  if ! home=$(jdk_find); then
    if [[ -n "${INVOICES_JDK_SEARCH_ROOTS:-}" ]]; then
      places="${INVOICES_JDK_SEARCH_ROOTS//:/\/*, }/*"
    else
      places='/usr/lib/jvm/*, /Library/Java/JavaVirtualMachines/*/Contents/Home on macOS, ~/.sdkman/candidates/java/*, ~/.jdks/*'
    fi
    echo "error: no JDK ${JDK_MIN_VERSION} or later found (\$JAVA_HOME, java on PATH, $places); install Temurin ${JDK_MIN_VERSION} or set JAVA_HOME" >&2
    [[ $- == *i* ]] && return 1
    exit 1
  fi
  export JAVA_HOME="$home"
  export PATH="$JAVA_HOME/bin:$PATH"
  # Maven 3.8 on JDK 25 warns about sun.misc.Unsafe on every run otherwise.
  if [[ " ${MAVEN_OPTS:-} " != *" --sun-misc-unsafe-memory-access=allow "* ]]; then
    export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
  fi
}
