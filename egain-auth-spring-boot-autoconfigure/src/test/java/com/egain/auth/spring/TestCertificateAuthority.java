package com.egain.auth.spring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private certificate authority made in the test with the JDK's {@code keytool}, as a
 * company's own CA is: its certificate ({@link #caCertificate()}, PEM) and a PKCS12 key
 * store for a loopback server ({@link #serverKeyStore()}) whose certificate it signed for
 * {@code localhost} and {@code 127.0.0.1}. Made once per test JVM, in a temporary folder.
 */
public final class TestCertificateAuthority {

	/**
	 * Password of the server's key store and key.
	 */
	public static final String PASSWORD = "changeit";

	private static TestCertificateAuthority instance;

	private final Path caCertificate;

	private final Path serverKeyStore;

	private TestCertificateAuthority(Path folder) throws IOException, InterruptedException {
		Path ca = folder.resolve("ca.p12");
		this.caCertificate = folder.resolve("ca.pem");
		this.serverKeyStore = folder.resolve("server.p12");
		Path request = folder.resolve("server.csr");
		Path certificate = folder.resolve("server.pem");
		keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=eGain Test Corporate CA", "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString());
		keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file",
				this.caCertificate.toString());
		keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=localhost", "-validity", "2", "-keystore", this.serverKeyStore.toString());
		keytool("-certreq", "-alias", "server", "-keystore", this.serverKeyStore.toString(), "-file",
				request.toString());
		keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-infile", request.toString(),
				"-outfile", certificate.toString(), "-ext", "san=dns:localhost,ip:127.0.0.1", "-ext",
				"eku=serverAuth", "-validity", "2");
		keytool("-importcert", "-noprompt", "-alias", "ca", "-file", this.caCertificate.toString(), "-keystore",
				this.serverKeyStore.toString());
		keytool("-importcert", "-noprompt", "-alias", "server", "-file", certificate.toString(), "-keystore",
				this.serverKeyStore.toString());
	}

	/**
	 * The CA of this test JVM, made on first use.
	 * @return the CA
	 */
	public static synchronized TestCertificateAuthority get() {
		if (instance == null) {
			try {
				Path folder = Files.createTempDirectory("egain-test-ca");
				folder.toFile().deleteOnExit();
				instance = new TestCertificateAuthority(folder);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		return instance;
	}

	/**
	 * The CA's certificate, PEM.
	 * @return the file
	 */
	public Path caCertificate() {
		return this.caCertificate;
	}

	/**
	 * The server's PKCS12 key store: its key, and its certificate signed by the CA.
	 * @return the file
	 */
	public Path serverKeyStore() {
		return this.serverKeyStore;
	}

	private static void keytool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
		if (arguments[0].equals("-genkeypair")) {
			command.addAll(List.of("-keypass", PASSWORD));
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
		}
	}

}
