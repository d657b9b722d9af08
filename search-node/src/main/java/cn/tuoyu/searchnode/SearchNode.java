package cn.tuoyu.searchnode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * A single-node OpenSearch cluster in this JVM, on 127.0.0.1, with its data in a temporary folder.
 *
 * <p>Usage: {@code java -cp ... cn.tuoyu.searchnode.SearchNode PORT_FILE [HTTP_PORT]}. With no port (or 0)
 * the node takes a free one. Once it answers, its URL is printed and written to PORT_FILE, which is what
 * scripts/search-node waits for. Its data lives in a fresh home-* folder beside PORT_FILE; SIGTERM closes
 * the node and deletes it (scripts/search-node stop also removes what a killed node left).
 *
 * <p>The modules are handed to {@link Node} as classpath plugins: started this way, not through the
 * server's bootstrap, the node runs no bootstrap checks and installs no security manager, so it needs no
 * distribution, no config folder and no extra JVM flags.
 */
public final class SearchNode {

    /** Node's plugin constructor is protected: this subclass only exposes it. */
    static final class ClasspathPluginNode extends Node {
        ClasspathPluginNode(Environment environment) {
            super(environment, List.of(Netty4Plugin.class, CommonAnalysisPlugin.class), true);
        }
    }

    private SearchNode() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: SearchNode PORT_FILE [HTTP_PORT]");
            System.exit(2);
        }
        Path portFile = Path.of(args[0]);
        String httpPort = args.length > 1 ? args[1] : "0";
        // Beside the port file, so that whoever started the node can remove it even after a SIGKILL.
        Path home = Files.createTempDirectory(portFile.toAbsolutePath().getParent(), "home-");

        Settings settings = Settings.builder()
                .put("path.home", home.toString())
                .put("cluster.name", "tuoyu-test")
                .put("node.name", "search-node")
                .put("network.host", "127.0.0.1")
                .put("http.port", httpPort)
                .put("transport.port", "0")
                .put("discovery.type", "single-node")
                // Tests share a small machine: never refuse to allocate because the disk looks full.
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .build();
        Environment environment =
                InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "search-node");
        Node node = new ClasspathPluginNode(environment);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(10, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException error) {
                System.err.println("closing the search node: " + error);
            } finally {
                deleteTree(home);
                stopped.countDown();
            }
        }, "search-node-shutdown"));

        node.start();
        int port = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
        String url = "http://127.0.0.1:" + port;
        // Written to a temporary name and moved, so a reader never sees half a URL.
        Path partial = portFile.resolveSibling(portFile.getFileName() + ".partial");
        Files.writeString(partial, url + "\n", StandardCharsets.UTF_8);
        Files.move(partial, portFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.println(url);
        stopped.await();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException error) {
            System.err.println("could not delete " + root + ": " + error);
        }
    }
}
