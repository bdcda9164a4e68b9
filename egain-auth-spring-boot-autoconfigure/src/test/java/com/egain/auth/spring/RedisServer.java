package com.egain.auth.spring;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Redis for the tests, never a mock: a {@code redis-server} of its own on a free
 * loopback port (no persistence), started before the tests of a class and stopped after,
 * which a test may kill and start again; or the Redis at the URL given by the system
 * property {@value #URL_PROPERTY} (or the environment variable {@code EGAIN_REDIS_URL}),
 * which is flushed but never killed. Without either, the tests are skipped with a message
 * that says how to run them, except on CI ({@code CI=true}, or the system property
 * {@value #REQUIRED_PROPERTY}), where they fail.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

	/**
	 * System property with the URL of a Redis to use instead of starting one.
	 */
	public static final String URL_PROPERTY = "egain.redis.url";

	/**
	 * System property that makes the tests fail, instead of being skipped, when there is
	 * no Redis (as {@code CI=true} does).
	 */
	public static final String REQUIRED_PROPERTY = "egain.redis.required";

	/**
	 * System property with the path of the {@code redis-server} binary.
	 */
	public static final String BINARY_PROPERTY = "egain.redis.server";

	private static final String HOW_TO_RUN = "These tests need a real Redis: install redis-server "
			+ "(apt-get install redis-server) or set -D" + URL_PROPERTY + "=redis://host:port "
			+ "(or EGAIN_REDIS_URL)";

	private String host = "127.0.0.1";

	private int port;

	private String binary;

	private Process process;

	private Path log;

	private RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		String url = System.getProperty(URL_PROPERTY, System.getenv("EGAIN_REDIS_URL"));
		if (url != null && !url.isBlank()) {
			URI uri = URI.create(url);
			this.host = uri.getHost();
			this.port = (uri.getPort() != -1) ? uri.getPort() : 6379;
		}
		else {
			this.binary = findBinary();
			if (this.binary == null) {
				if ("true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean(REQUIRED_PROPERTY)) {
					throw new IllegalStateException("No redis-server found, and Redis is required here. " + HOW_TO_RUN);
				}
				System.err.println("Skipping " + context.getDisplayName() + ". " + HOW_TO_RUN);
				Assumptions.abort(HOW_TO_RUN);
			}
			this.port = freePort();
			this.log = Files.createTempFile("redis-server", ".log");
			start();
		}
		this.client = RedisClient.create("redis://" + this.host + ":" + this.port);
		this.connection = this.client.connect();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (isOwnServer() && !isRunning()) {
			start();
		}
		commands().flushall();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.client != null) {
			this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
		if (this.process != null) {
			this.process.destroyForcibly();
		}
	}

	public String host() {
		return this.host;
	}

	public int port() {
		return this.port;
	}

	/**
	 * Whether this is a {@code redis-server} of the tests' own, which they may kill.
	 * @return whether it is
	 */
	public boolean isOwnServer() {
		return this.binary != null;
	}

	/**
	 * Kill the server as a crash would (SIGKILL).
	 */
	public void kill() {
		Assumptions.assumeTrue(isOwnServer(), "Killing Redis needs a redis-server of the tests' own");
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Stop the server without closing its connections (SIGSTOP): it accepts connections
	 * and commands but answers none, as an overloaded or partitioned Redis would.
	 */
	public void pause() {
		signal("STOP");
	}

	/**
	 * Let a paused server go on (SIGCONT).
	 */
	public void resume() {
		signal("CONT");
	}

	private void signal(String signal) {
		Assumptions.assumeTrue(isOwnServer(), "Pausing Redis needs a redis-server of the tests' own");
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(this.process.pid())).start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " failed");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Start the server again on the same port.
	 */
	public void start() {
		try {
			this.process = new ProcessBuilder(this.binary, "--port", String.valueOf(this.port), "--bind", this.host,
					"--save", "", "--appendonly", "no")
				.redirectErrorStream(true)
				.redirectOutput(this.log.toFile())
				.start();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!ping()) {
				if (System.nanoTime() > deadline || !this.process.isAlive()) {
					throw new IllegalStateException(
							"redis-server did not start: " + Files.readString(this.log, StandardCharsets.UTF_8));
				}
				Thread.sleep(20);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Commands of a raw client of the tests' own, outside the starter.
	 * @return the commands
	 */
	public RedisCommands<String, String> commands() {
		return this.connection.sync();
	}

	/**
	 * Every key with its value, as stored.
	 * @return the values of string keys and the rendering of other keys, by key
	 */
	public Map<String, String> contents() {
		Map<String, String> contents = new LinkedHashMap<>();
		RedisCommands<String, String> commands = commands();
		List<String> keys = commands.keys("*");
		for (String key : keys) {
			String type = commands.type(key);
			contents.put(key, "string".equals(type) ? commands.get(key) : type);
		}
		return contents;
	}

	private boolean ping() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(this.host, this.port), 200);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] answer = new byte[5];
			return in.readNBytes(answer, 0, 5) == 5
					&& "+PONG".equals(new String(answer, StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String findBinary() {
		String configured = System.getProperty(BINARY_PROPERTY);
		if (configured != null) {
			return new File(configured).canExecute() ? configured : null;
		}
		String path = System.getenv("PATH");
		List<String> directories = new java.util.ArrayList<>(
				List.of((path != null) ? path.split(File.pathSeparator) : new String[0]));
		directories.addAll(List.of("/usr/bin", "/usr/local/bin", "/usr/sbin", "/opt/homebrew/bin"));
		for (String directory : directories) {
			File candidate = new File(directory, "redis-server");
			if (candidate.canExecute()) {
				return candidate.getAbsolutePath();
			}
		}
		return null;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
