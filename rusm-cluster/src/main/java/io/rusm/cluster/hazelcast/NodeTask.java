package io.rusm.cluster.hazelcast;

import java.io.IOException;
import java.util.concurrent.Callable;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import org.jspecify.annotations.Nullable;

import io.rusm.cluster.backend.NodeHandler;
import io.rusm.cluster.backend.NodeRequest;

/**
 * A {@link NodeRequest} travelling to a member, answered there by the node that runs on it (none
 * answers {@code null}).
 */
final class NodeTask implements Callable<@Nullable Object>, DataSerializable, HazelcastInstanceAware {

	private @Nullable NodeRequest request;

	private transient @Nullable HazelcastInstance hazelcast;

	/** For deserialization. */
	public NodeTask() {
	}

	NodeTask(NodeRequest request) {
		this.request = request;
	}

	@Override
	public void setHazelcastInstance(HazelcastInstance hazelcast) {
		this.hazelcast = hazelcast;
	}

	@Override
	public @Nullable Object call() {
		HazelcastInstance instance = this.hazelcast;
		NodeRequest question = this.request;
		if (instance == null || question == null) {
			return null;
		}
		Object handler = instance.getUserContext().get(HazelcastBackend.HANDLER_KEY);
		return (handler instanceof NodeHandler node) ? node.answer(question) : null;
	}

	@Override
	public void writeData(ObjectDataOutput out) throws IOException {
		NodeRequest question = this.request;
		if (question == null) {
			throw new IOException("a node task without a request cannot be sent");
		}
		out.writeString(question.operation().name());
		out.writeString(question.tag());
	}

	@Override
	public void readData(ObjectDataInput in) throws IOException {
		String operation = in.readString();
		if (operation == null) {
			throw new IOException("a node task arrived without an operation");
		}
		this.request = new NodeRequest(NodeRequest.Operation.valueOf(operation), in.readString());
	}
}
