package io.rusm.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LoopbackPortsTests {

	@Test
	void findsDistinctPortsThatCanBeBoundOnLoopback() throws IOException {
		List<Integer> ports = LoopbackPorts.free(3);
		assertThat(ports).hasSize(3).doesNotHaveDuplicates().allMatch((port) -> port > 0);
		for (int port : ports) {
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				assertThat(socket.getLocalPort()).isEqualTo(port);
			}
		}
	}

	@Test
	void spellsAMemberListOnLoopback() {
		assertThat(LoopbackPorts.memberList(List.of(5701, 5702))).isEqualTo("127.0.0.1:5701,127.0.0.1:5702");
	}

	@Test
	void rejectsACountBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> LoopbackPorts.free(0)).withMessageContaining("count");
	}

}
