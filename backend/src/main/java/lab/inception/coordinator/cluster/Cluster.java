package lab.inception.coordinator.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import lab.inception.coordinator.CoordinatorAddresses;

/** Starts a clustered Vert.x over Hazelcast and reports members leaving to the coordinator. */
public final class Cluster {

  /** Hazelcast's INFO chatter hidden; warnings still show. Held so the setting is not collected. */
  private static final java.util.logging.Logger HAZELCAST_LOG =
      java.util.logging.Logger.getLogger("com.hazelcast");

  private Cluster() {}

  /** The Hazelcast configuration for a member: Vert.x's maps plus our network settings. */
  static Config hazelcast(ClusterConfig c) {
    Config cfg = ConfigUtil.loadConfig();
    cfg.setClusterName(c.name());
    cfg.setProperty("hazelcast.phone.home.enabled", "false");
    cfg.setProperty("hazelcast.logging.type", "jdk");
    cfg.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    cfg.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(c.failureSeconds()));
    cfg.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    cfg.setProperty("hazelcast.socket.bind.any", "false");
    NetworkConfig net = cfg.getNetworkConfig();
    net.setPort(c.port()).setPortAutoIncrement(true).setPortCount(20);
    net.getInterfaces().setEnabled(true).addInterface(c.host());
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2);
    c.members().forEach(m -> join.getTcpIpConfig().addMember(m));
    return cfg;
  }

  /** A clustered Vert.x; the event bus listens on the same interface. */
  public static Future<Vertx> start(ClusterConfig c) {
    System.setProperty("hazelcast.logging.type", "jdk");
    HAZELCAST_LOG.setLevel(java.util.logging.Level.WARNING);
    HazelcastClusterManager mgr = new HazelcastClusterManager(hazelcast(c));
    VertxOptions opts =
        new VertxOptions()
            .setEventBusOptions(new EventBusOptions().setHost(c.host()).setPort(c.busPort()));
    return Vertx.builder().with(opts).withClusterManager(mgr).buildClustered();
  }

  /** How many members the cluster has now. */
  public static int size(Vertx vertx) {
    return manager(vertx).getHazelcastInstance().getCluster().getMembers().size();
  }

  /** Publishes {@link CoordinatorAddresses#NODE_LEFT} locally whenever a member leaves. */
  public static void watchMembers(Vertx vertx) {
    manager(vertx)
        .getHazelcastInstance()
        .getCluster()
        .addMembershipListener(
            new MembershipListener() {
              @Override
              public void memberAdded(MembershipEvent e) {}

              @Override
              public void memberRemoved(MembershipEvent e) {
                String node = e.getMember().getUuid().toString();
                vertx.runOnContext(
                    v ->
                        vertx
                            .eventBus()
                            .publish(
                                CoordinatorAddresses.NODE_LEFT,
                                new JsonObject().put("node", node)));
              }
            });
  }

  private static HazelcastClusterManager manager(Vertx vertx) {
    return (HazelcastClusterManager)
        ((io.vertx.core.internal.VertxInternal) vertx).clusterManager();
  }
}
