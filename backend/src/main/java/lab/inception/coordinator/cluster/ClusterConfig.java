package lab.inception.coordinator.cluster;

import java.util.Arrays;
import java.util.List;

/**
 * How a JVM joins the Hazelcast cluster: TCP-IP join with an explicit member list, on one interface
 * and port; multicast and phone-home off.
 *
 * @param host this member's interface address (also the event bus's)
 * @param members the members' addresses, host only (Hazelcast tries the ports from {@code port})
 * @param port the first Hazelcast port (5701)
 * @param failureSeconds how long a silent member stays a member
 * @param name the cluster's name: only members with the same name join
 * @param busPort the Vert.x event bus's port (0: any free one; a fixed one to open in a firewall)
 */
public record ClusterConfig(
    String host, List<String> members, int port, int failureSeconds, String name, int busPort) {

  /** Reads {@code --cluster-members a,b} (hosts; a {@code host:port} is taken as given). */
  public static ClusterConfig of(
      String host, String members, int port, int failureSeconds, String name, int busPort) {
    if (host == null || host.isBlank())
      throw new IllegalArgumentException("--cluster-host is required with a cluster");
    if (members == null || members.isBlank())
      throw new IllegalArgumentException(
          "--cluster-members is required with a cluster (e.g. 127.0.0.1)");
    List<String> list =
        Arrays.stream(members.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String m : list) {
      if (m.matches(".*:\\d+-\\d+$")) {
        throw new IllegalArgumentException(
            "--cluster-members takes hosts (e.g. 127.0.0.1), not port ranges (got " + m + ")");
      }
    }
    if (port < 1 || port > 65535)
      throw new IllegalArgumentException("--cluster-port must be 1..65535 (got " + port + ")");
    if (busPort < 0 || busPort > 65535)
      throw new IllegalArgumentException("--bus-port must be 0..65535 (got " + busPort + ")");
    return new ClusterConfig(
        host.trim(),
        list,
        port,
        failureSeconds,
        name == null || name.isBlank() ? "inception-lab" : name,
        busPort);
  }
}
