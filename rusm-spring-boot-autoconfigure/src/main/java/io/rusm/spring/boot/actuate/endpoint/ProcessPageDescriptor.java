package io.rusm.spring.boot.actuate.endpoint;

import java.util.List;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * One page of the live processes, as answered by {@code GET /actuator/rusm/processes}.
 *
 * @param total how many live processes match the filters
 * @param offset how many matching processes precede this page
 * @param limit the most processes a page holds
 * @param truncated whether more matching processes follow this page
 * @param processes the processes on this page
 * @author rusm contributors
 * @since 0.1.0
 */
public record ProcessPageDescriptor(int total, int offset, int limit, boolean truncated,
		List<ProcessDescriptor> processes) implements OperationResponseBody {

}
