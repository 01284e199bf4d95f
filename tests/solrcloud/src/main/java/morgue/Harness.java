package morgue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A two-node SolrCloud on loopback for morgue's tests: embedded ZooKeeper, two Jetty nodes on
 * random ports, morgue's configset uploaded and a two-shard collection created.
 *
 * <p>Usage: {@code java -cp ... morgue.Harness CONFSET_DIR ENV_FILE [COLLECTION]}. When the
 * collection is active it writes ENV_FILE, a shell fragment that sets MORGUE_SOLR_URLS (the
 * nodes' base URLs, comma-separated) and MORGUE_SOLR_CONTROL (a loopback HTTP endpoint).
 * The tests use the control endpoint to take a node down and bring it back:
 * {@code GET /stop?node=N}, {@code GET /start?node=N} (same port again), {@code GET /shutdown}.
 * Each answers once the node is down or up again, so a test can act on it right away.
 */
public final class Harness {
  private Harness() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: Harness CONFSET_DIR ENV_FILE [COLLECTION]");
      System.exit(2);
    }
    Path confset = Paths.get(args[0]).toAbsolutePath();
    Path envFile = Paths.get(args[1]).toAbsolutePath();
    String collection = args.length > 2 ? args[2] : "morgue";
    Path base = Files.createTempDirectory("morgue-solrcloud");

    // HTTP/1.1 only: morgue's client speaks HTTP/1.1, and one protocol keeps the nodes simple.
    JettyConfig jetty = JettyConfig.builder().useOnlyHttp1(true).build();
    MiniSolrCloudCluster cluster = new MiniSolrCloudCluster(2, base, jetty);
    cluster.uploadConfigSet(confset, "morgue");
    CollectionAdminRequest.createCollection(collection, "morgue", 2, 1)
        .process(cluster.getSolrClient());
    cluster.waitForActiveCollection(collection, 2, 2);

    // The cluster forgets a stopped node; the harness keeps it, to start it again on its port.
    List<JettySolrRunner> nodes = new ArrayList<>(cluster.getJettySolrRunners());
    CountDownLatch done = new CountDownLatch(1);
    HttpServer control =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    control.createContext("/", exchange -> handle(exchange, cluster, nodes, done));
    control.start();

    List<String> urls = new ArrayList<>();
    for (JettySolrRunner node : nodes) {
      urls.add(node.getBaseUrl().toString());
    }
    String env =
        "MORGUE_SOLR_URLS="
            + String.join(",", urls)
            + "\nMORGUE_SOLR_CONTROL=http://127.0.0.1:"
            + control.getAddress().getPort()
            + "\nMORGUE_SOLR_COLLECTION="
            + collection
            + "\n";
    // Written whole and then renamed, so a reader polling for the file never sees half of it.
    Path tmp = envFile.resolveSibling(envFile.getFileName() + ".tmp");
    Files.writeString(tmp, env, StandardCharsets.UTF_8);
    Files.move(tmp, envFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    System.out.println("morgue-solrcloud: ready\n" + env);

    // Killed instead of told: still leave no scratch data behind.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(base)));
    done.await();
    // A graceful cluster.shutdown() takes over 30 s (ZooKeeper sessions end one by one), and
    // everything here is scratch: delete it and end at once.
    deleteTree(base);
    System.out.println("morgue-solrcloud: stopped");
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }

  private static void deleteTree(Path root) {
    try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Already gone, or a temp dir the system cleans: nothing worth failing for.
    }
  }

  private static void handle(
      HttpExchange ex, MiniSolrCloudCluster cluster, List<JettySolrRunner> nodes, CountDownLatch done)
      throws IOException {
    String path = ex.getRequestURI().getPath();
    String query = ex.getRequestURI().getQuery();
    int status = 200;
    String body;
    try {
      synchronized (cluster) {
        switch (path) {
          case "/stop":
            {
              int n = node(query);
              JettySolrRunner j = nodes.get(n);
              if (j.isRunning()) {
                cluster.stopJettySolrRunner(j);
                cluster.waitForJettyToStop(j);
              }
              body = "stopped node " + n;
              break;
            }
          case "/start":
            {
              int n = node(query);
              JettySolrRunner j = nodes.get(n);
              if (!j.isRunning()) {
                cluster.startJettySolrRunner(j, true);
                cluster.waitForNode(j, 60);
              }
              // Wait until every replica of every collection is active again.
              for (String c : cluster.getSolrClient().getClusterStateProvider().getClusterState().getCollectionNames()) {
                cluster.waitForActiveCollection(c, 60, TimeUnit.SECONDS);
              }
              body = "started node " + n + " at " + j.getBaseUrl();
              break;
            }
          case "/shutdown":
            done.countDown();
            body = "shutting down";
            break;
          default:
            status = 404;
            body = "unknown command " + path + " (stop?node=N, start?node=N, shutdown)";
        }
      }
    } catch (Exception e) {
      status = 500;
      body = "failed: " + e;
    }
    byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static int node(String query) {
    if (query != null) {
      for (String kv : query.split("&")) {
        if (kv.startsWith("node=")) {
          return Integer.parseInt(kv.substring(5));
        }
      }
    }
    throw new IllegalArgumentException("missing node=N");
  }
}
