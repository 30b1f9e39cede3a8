package io.rusm.spring.boot.actuate.endpoint;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The web view of the {@link RusmEndpoint}: an unknown pid or name answers
 * {@code 404 Not Found}, for a {@code DELETE} as well as for a {@code GET} (a web
 * operation that returns nothing would otherwise answer {@code 204 No Content}).
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@EndpointWebExtension(endpoint = RusmEndpoint.class)
public class RusmEndpointWebExtension {

	private final RusmEndpoint delegate;

	/**
	 * Creates the extension of an endpoint.
	 * @param delegate the endpoint
	 */
	public RusmEndpointWebExtension(RusmEndpoint delegate) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
	}

	/**
	 * Returns one process, process group or name; see {@link RusmEndpoint#detail}.
	 * @param kind {@code processes}, {@code tags} or {@code names}
	 * @param id a pid, a tag or a name
	 * @return the description, or {@code 404} for an unknown pid or name
	 */
	@ReadOperation
	public WebEndpointResponse<OperationResponseBody> detail(@Selector String kind, @Selector String id) {
		return respond(this.delegate.detail(kind, id));
	}

	/**
	 * Kills a process or a process group; see {@link RusmEndpoint#kill}.
	 * @param kind {@code processes} or {@code tags}
	 * @param id a pid or a tag
	 * @return how many were killed, or {@code 404} for a pid that is not alive
	 */
	@DeleteOperation
	public WebEndpointResponse<OperationResponseBody> kill(@Selector String kind, @Selector String id) {
		return respond(this.delegate.kill(kind, id));
	}

	private static WebEndpointResponse<OperationResponseBody> respond(@Nullable OperationResponseBody body) {
		return (body != null) ? new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

}
