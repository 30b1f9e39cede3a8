package io.rusm.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Free TCP ports on the loopback interface, for tests that start cluster members (or whole
 * application instances) which must list each other's addresses before any of them runs.
 * <p>
 * The ports are found by binding to port 0 on {@code 127.0.0.1} and closing the sockets
 * again, so a port is free when returned, not reserved; that is the usual compromise for
 * members that need a fixed port known to the others in advance.
 */
public final class LoopbackPorts {

	private LoopbackPorts() {
	}

	/**
	 * Finds distinct free ports on the loopback interface.
	 * @param count how many, at least one
	 * @return {@code count} distinct ports, free at the time of the call
	 * @throws IllegalArgumentException if {@code count} is less than one
	 * @throws UncheckedIOException if the loopback interface has no free port
	 */
	public static List<Integer> free(int count) {
		if (count < 1) {
			throw new IllegalArgumentException("count must be at least 1, was " + count);
		}
		List<ServerSocket> sockets = new ArrayList<>(count);
		try {
			for (int i = 0; i < count; i++) {
				sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
			}
			return sockets.stream().map(ServerSocket::getLocalPort).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no free port on the loopback interface", ex);
		}
		finally {
			sockets.forEach(LoopbackPorts::closeQuietly);
		}
	}

	/**
	 * Spells ports as a TCP/IP member list on the loopback interface, the form of
	 * {@code rusm.cluster.members}: {@code 127.0.0.1:5701,127.0.0.1:5702}.
	 * @param ports the members' ports
	 * @return the comma-separated list
	 */
	public static String memberList(List<Integer> ports) {
		return ports.stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	private static void closeQuietly(ServerSocket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// a socket that fails to close leaves its port unusable, not the others
		}
	}

}
