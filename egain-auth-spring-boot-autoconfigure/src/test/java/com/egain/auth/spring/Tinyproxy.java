package com.egain.auth.spring;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code tinyproxy}, a real forward proxy, started on a free loopback port with a
 * generated configuration that asks for Basic credentials ({@code BasicAuth}) and logs
 * every request ({@link #log()}). Without the binary the tests are skipped with a message
 * that says how to run them, except on CI ({@code CI=true}), where they fail.
 */
public final class Tinyproxy implements AutoCloseable {

	private static final String HOW_TO_RUN = "This test needs Debian's tinyproxy: apt-get install tinyproxy";

	private final Process process;

	private final Path folder;

	private final int port;

	private Tinyproxy(Process process, Path folder, int port) {
		this.process = process;
		this.folder = folder;
		this.port = port;
	}

	/**
	 * Start a tinyproxy that asks for the given credentials.
	 * @param username the user name
	 * @param password the password
	 * @return the running proxy
	 * @throws Exception if it does not start
	 */
	public static Tinyproxy start(String username, String password) throws Exception {
		String binary = binary();
		if (binary == null) {
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(HOW_TO_RUN + " (CI=true: this test must not be skipped)");
			}
			Assumptions.abort(HOW_TO_RUN);
		}
		Path folder = Files.createTempDirectory("egain-tinyproxy");
		int port = freePort();
		Path config = folder.resolve("tinyproxy.conf");
		Files.writeString(config, String.join("\n", "Port " + port, "Listen 127.0.0.1", "Timeout 30",
				"LogFile \"" + folder.resolve("tinyproxy.log") + "\"", "LogLevel Info",
				"PidFile \"" + folder.resolve("tinyproxy.pid") + "\"", "MaxClients 50", "Allow 127.0.0.1",
				"BasicAuth " + username + " " + password, ""), StandardCharsets.UTF_8);
		Process process = new ProcessBuilder(binary, "-d", "-c", config.toString()).redirectErrorStream(true)
			.redirectOutput(folder.resolve("tinyproxy.out").toFile())
			.start();
		Tinyproxy tinyproxy = new Tinyproxy(process, folder, port);
		tinyproxy.awaitListening();
		return tinyproxy;
	}

	private static String binary() {
		for (String candidate : new String[] { "/usr/bin/tinyproxy", "/usr/sbin/tinyproxy",
				"/usr/local/bin/tinyproxy" }) {
			if (new File(candidate).canExecute()) {
				return candidate;
			}
		}
		return null;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private void awaitListening() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("tinyproxy stopped: " + output());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
				return;
			}
			catch (IOException ex) {
				Thread.sleep(50);
			}
		}
		close();
		throw new IllegalStateException("tinyproxy does not listen on port " + this.port + ": " + output());
	}

	private String output() throws IOException {
		Path out = this.folder.resolve("tinyproxy.out");
		return Files.exists(out) ? Files.readString(out) : "";
	}

	public int port() {
		return this.port;
	}

	/**
	 * The proxy's log so far.
	 * @return the log's text
	 * @throws IOException if it cannot be read
	 */
	public String log() throws IOException {
		Path log = this.folder.resolve("tinyproxy.log");
		return Files.exists(log) ? Files.readString(log) : "";
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
