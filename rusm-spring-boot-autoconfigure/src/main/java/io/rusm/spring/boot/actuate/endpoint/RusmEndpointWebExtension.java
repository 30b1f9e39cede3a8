package io.rusm.spring.boot.actuate.endpoint;

import java.security.Principal;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The web view of the {@link RusmEndpoint}: an unknown pid or name answers
 * {@code 404 Not Found}, for a {@code DELETE} as well as for a {@code GET} (a web
 * operation that returns nothing would otherwise answer {@code 204 No Content}), and a
 * bad request answers {@code 400 Bad Request} with a body whose {@code message} names
 * what was wrong (Spring Boot's error page leaves the message out by default).
 * <p>
 * When Actuator auditing is on, every kill over HTTP publishes an
 * {@link AuditApplicationEvent} of type {@value #KILL_AUDIT_TYPE}: who (the principal, or
 * {@code anonymous}), where ({@code scope}: {@code node} for this node's processes,
 * {@code cluster} for a process group killed on every node), what ({@code kind} and
 * {@code target}) and how many ({@code killed}). A cluster-wide kill is audited once, by
 * the node that was asked.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@EndpointWebExtension(endpoint = RusmEndpoint.class)
public class RusmEndpointWebExtension {

	/** The type of the audit event a kill over HTTP publishes. */
	public static final String KILL_AUDIT_TYPE = "RUSM_KILL";

	private static final String ANONYMOUS = "anonymous";

	private static final String NODE_SCOPE = "node";

	private final RusmEndpoint delegate;

	private final @Nullable ApplicationEventPublisher auditEvents;

	/**
	 * Creates the extension of an endpoint.
	 * @param delegate the endpoint
	 * @param auditEvents where to publish an audit event per kill, or {@code null} when
	 * auditing is off
	 */
	public RusmEndpointWebExtension(RusmEndpoint delegate, @Nullable ApplicationEventPublisher auditEvents) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
		this.auditEvents = auditEvents;
	}

	/**
	 * Returns one section; see {@link RusmEndpoint#section}.
	 * @param section {@code processes}, {@code census}, {@code tags}, {@code names} or
	 * {@code exits}
	 * @param limit the page size, or {@code null}
	 * @param offset how many matching processes to skip, or {@code null}
	 * @param label only processes with this label, or {@code null}
	 * @param tag only members of this process group, or {@code null}
	 * @param name only the holder of this name, or {@code null}
	 * @param sort the sort key, or {@code null} for {@code pid}
	 * @param order {@code asc} or {@code desc}, or {@code null} for {@code asc}
	 * @return the section, or {@code 400} naming a bad value
	 */
	@ReadOperation
	public WebEndpointResponse<OperationResponseBody> section(@Selector String section, @Nullable String limit,
			@Nullable String offset, @Nullable String label, @Nullable String tag, @Nullable String name,
			@Nullable String sort, @Nullable String order) {
		return respond(() -> this.delegate.section(section, limit, offset, label, tag, name, sort, order));
	}

	/**
	 * Returns one process, process group or name; see {@link RusmEndpoint#detail}.
	 * @param kind {@code processes}, {@code tags} or {@code names}
	 * @param id a pid, a tag or a name
	 * @return the description, {@code 404} for an unknown pid or name, or {@code 400}
	 * naming a bad kind or id
	 */
	@ReadOperation
	public WebEndpointResponse<OperationResponseBody> detail(@Selector String kind, @Selector String id) {
		return respond(() -> this.delegate.detail(kind, id));
	}

	/**
	 * Kills a process or a process group; see {@link RusmEndpoint#kill}. Audited when
	 * auditing is on.
	 * @param kind {@code processes} or {@code tags}
	 * @param id a pid or a tag
	 * @param securityContext who asks
	 * @return how many were killed, {@code 404} for a pid that is not alive, or
	 * {@code 400} naming a bad kind or id
	 */
	@DeleteOperation
	public WebEndpointResponse<OperationResponseBody> kill(@Selector String kind, @Selector String id,
			SecurityContext securityContext) {
		return respond(() -> audit(securityContext, NODE_SCOPE, this.delegate.kill(kind, id)));
	}

	/**
	 * Kills a process group on every node of the cluster; see
	 * {@link RusmEndpoint#killInCluster}. Audited when auditing is on.
	 * @param scope {@code cluster}
	 * @param kind {@code tags}
	 * @param id the tag
	 * @param securityContext who asks
	 * @return how many were killed, summed over the nodes, or {@code 400} naming a bad
	 * scope, kind or tag (or cluster mode being off)
	 */
	@DeleteOperation
	public WebEndpointResponse<OperationResponseBody> killInCluster(@Selector String scope, @Selector String kind,
			@Selector String id, SecurityContext securityContext) {
		return respond(() -> audit(securityContext, scope, this.delegate.killInCluster(scope, kind, id)));
	}

	private @Nullable OperationResponseBody audit(SecurityContext securityContext, String scope,
			@Nullable OperationResponseBody killed) {
		if (this.auditEvents == null || killed == null) {
			return killed;
		}
		Principal principal = securityContext.getPrincipal();
		String who = (principal != null) ? principal.getName() : ANONYMOUS;
		Map<String, Object> data = switch (killed) {
			case RusmEndpoint.ProcessKillDescriptor process -> Map.of("scope", scope, "kind", RusmEndpoint.PROCESSES,
					"target", process.pid(), "killed", 1);
			case RusmEndpoint.TagKillDescriptor tag -> Map.of("scope", scope, "kind", RusmEndpoint.TAGS, "target",
					tag.tag(), "killed", tag.killed());
			default -> Map.of();
		};
		this.auditEvents.publishEvent(new AuditApplicationEvent(who, KILL_AUDIT_TYPE, data));
		return killed;
	}

	private static WebEndpointResponse<OperationResponseBody> respond(
			Supplier<@Nullable OperationResponseBody> operation) {
		OperationResponseBody body;
		try {
			body = operation.get();
		}
		catch (InvalidEndpointRequestException ex) {
			return new WebEndpointResponse<>(new BadRequestDescriptor(WebEndpointResponse.STATUS_BAD_REQUEST,
					ex.getReason(), String.valueOf(ex.getMessage())), WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		return (body != null) ? new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

	/**
	 * The answer to a bad request.
	 *
	 * @param status always {@code 400}
	 * @param error what kind of value was bad, such as {@code Malformed pid}
	 * @param message what was wrong, naming the value
	 * @since 0.1.0
	 */
	public record BadRequestDescriptor(int status, String error, String message) implements OperationResponseBody {

	}

}
