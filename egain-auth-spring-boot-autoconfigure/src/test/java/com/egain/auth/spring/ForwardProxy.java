package com.egain.auth.spring;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP forward proxy on a free loopback port, in the test JVM: {@code CONNECT}
 * tunnels for https targets and absolute-form requests for http targets, each only with
 * the expected Basic {@code Proxy-Authorization} ({@code 407} with a
 * {@code Proxy-Authenticate} challenge otherwise), as corporate proxies do. Records every
 * request it receives.
 */
public final class ForwardProxy implements AutoCloseable {

	/**
	 * A request the proxy received.
	 * @param method the method, e.g. CONNECT
	 * @param target the request target, e.g. 127.0.0.1:8443
	 * @param authenticated whether it carried the expected credentials
	 */
	public record Request(String method, String target, boolean authenticated) {
	}

	private final ServerSocket serverSocket;

	private final String expectedAuthorization;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	/**
	 * Start a proxy that asks for the given credentials.
	 * @param username the user name
	 * @param password the password
	 * @throws IOException if it cannot listen
	 */
	public ForwardProxy(String username, String password) throws IOException {
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.expectedAuthorization = "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
		Thread acceptor = new Thread(this::accept, "forward-proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return this.serverSocket.getLocalPort();
	}

	/**
	 * The requests received so far.
	 * @return the requests
	 */
	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	private void accept() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				this.sockets.add(socket);
				Thread handler = new Thread(() -> handle(socket), "forward-proxy-connection");
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void handle(Socket client) {
		try (client) {
			InputStream in = client.getInputStream();
			OutputStream out = client.getOutputStream();
			while (true) {
				String head = readHead(in);
				if (head == null) {
					return;
				}
				String[] lines = head.split("\r\n");
				String[] requestLine = lines[0].split(" ");
				Map<String, String> headers = new LinkedHashMap<>();
				for (int i = 1; i < lines.length; i++) {
					int colon = lines[i].indexOf(':');
					if (colon > 0) {
						headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
								lines[i].substring(colon + 1).trim());
					}
				}
				boolean authenticated = this.expectedAuthorization.equals(headers.get("proxy-authorization"));
				this.requests.add(new Request(requestLine[0], requestLine[1], authenticated));
				if (!authenticated) {
					skipBody(in, headers);
					out.write(("HTTP/1.1 407 Proxy Authentication Required\r\n"
							+ "Proxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\n\r\n")
						.getBytes(StandardCharsets.ISO_8859_1));
					out.flush();
					continue;
				}
				if (requestLine[0].equals("CONNECT")) {
					String[] hostPort = requestLine[1].split(":");
					Socket target = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
					this.sockets.add(target);
					out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
					out.flush();
					relay(client, target, new byte[0]);
					return;
				}
				URI uri = URI.create(requestLine[1]);
				Socket target = new Socket(uri.getHost(), (uri.getPort() != -1) ? uri.getPort() : 80);
				this.sockets.add(target);
				StringBuilder forwarded = new StringBuilder(requestLine[0] + " " + uri.getRawPath()
						+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "") + " HTTP/1.1\r\n");
				// Hop-by-hop: Proxy-*, Connection and the headers it names (e.g. an Upgrade).
				List<String> hopByHop = List.of(headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT)
					.split("\\s*,\\s*"));
				headers.forEach((name, value) -> {
					if (!name.startsWith("proxy-") && !name.equals("connection") && !hopByHop.contains(name)) {
						forwarded.append(name).append(": ").append(value).append("\r\n");
					}
				});
				forwarded.append("connection: close\r\n\r\n");
				relay(client, target, forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
				return;
			}
		}
		catch (IOException ex) {
			// The client or the target went away.
		}
	}

	private void relay(Socket client, Socket target, byte[] first) throws IOException {
		try (target) {
			target.getOutputStream().write(first);
			Thread upstream = new Thread(() -> {
				try {
					client.getInputStream().transferTo(target.getOutputStream());
					target.shutdownOutput();
				}
				catch (IOException ex) {
					// Closed.
				}
			}, "forward-proxy-upstream");
			upstream.setDaemon(true);
			upstream.start();
			target.getInputStream().transferTo(client.getOutputStream());
		}
	}

	private static void skipBody(InputStream in, Map<String, String> headers) throws IOException {
		String length = headers.get("content-length");
		if (length != null) {
			in.readNBytes(Integer.parseInt(length));
		}
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int b = in.read();
			if (b == -1) {
				return null;
			}
			head.write(b);
			matched = (b == ((matched % 2 == 0) ? '\r' : '\n')) ? matched + 1 : ((b == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

}
