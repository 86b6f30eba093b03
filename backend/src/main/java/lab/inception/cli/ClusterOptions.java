package lab.inception.cli;

import lab.inception.coordinator.cluster.ClusterConfig;
import picocli.CommandLine.Option;

/** The options that place a JVM in the Hazelcast cluster. */
final class ClusterOptions {
  @Option(names = "--cluster-host", description = "this member's interface address")
  String host;

  @Option(
      names = "--cluster-members",
      description = "members' hosts, comma-separated (e.g. 127.0.0.1)")
  String members;

  @Option(
      names = "--cluster-port",
      defaultValue = "5701",
      description = "first Hazelcast port (default 5701)")
  int port;

  @Option(
      names = "--cluster-failure-seconds",
      defaultValue = "10",
      description = "a silent member is dropped after this long (default 10)")
  int failureSeconds;

  @Option(
      names = "--cluster-name",
      defaultValue = "inception-lab",
      description = "only members with this name join (default inception-lab)")
  String name;

  @Option(
      names = "--bus-port",
      defaultValue = "${env:INCEPTION_BUS_PORT:-0}",
      description = "event-bus port (default $INCEPTION_BUS_PORT, else any free one)")
  int busPort;

  ClusterConfig config() {
    if (failureSeconds < 2)
      throw new IllegalArgumentException("--cluster-failure-seconds must be at least 2");
    return ClusterConfig.of(host, members, port, failureSeconds, name, busPort);
  }
}
