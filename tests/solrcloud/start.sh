#!/usr/bin/env bash
# Builds the SolrCloud harness and starts it in the background: two Solr nodes and an embedded
# ZooKeeper on loopback, morgue's configset uploaded, a two-shard collection `morgue` created.
# Usage: start.sh ENV_FILE. Prints the harness's pid; ENV_FILE appears (MORGUE_SOLR_URLS=...,
# MORGUE_SOLR_CONTROL=...) once the collection is active. The log is ENV_FILE.log.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
env_file="$1"
rm -f "$env_file"
# Built in the background too, so CI goes on meanwhile. The first run downloads Solr's jars
# into ~/.m2 (about 120 MB); later runs reuse them. The subshell becomes the harness (exec), so
# the pid printed is the harness's, and it ends early (log in ENV_FILE.log) if the build fails.
(
    mvn -B -q -f "$here/pom.xml" compile dependency:build-classpath \
        -Dmdep.outputFile="$here/target/classpath.txt"
    exec java -Xmx1g -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
        morgue.Harness "$here/../../solr/morgue/conf" "$env_file"
) >"$env_file.log" 2>&1 &
echo $!
