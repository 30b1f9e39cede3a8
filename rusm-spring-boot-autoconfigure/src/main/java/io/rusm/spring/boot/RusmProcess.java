package io.rusm.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.rusm.core.ProcessBody;
import io.rusm.core.Restart;

import org.springframework.core.annotation.AliasFor;

/**
 * Makes a bean a named, supervised singleton process of the application's rusm
 * {@link io.rusm.core.Runtime Runtime}.
 * <p>
 * Once the application context is ready, the bean is started as a process registered
 * under {@link #name()} (claimed race-free, so several contexts sharing one runtime start
 * it once), under a one-for-one supervisor that restarts it according to
 * {@link #restart()} within the {@code rusm.supervisor.*} intensity. When the context
 * stops, singletons are shut down in reverse start order, after the web server stopped
 * taking requests.
 * <p>
 * The bean either implements {@link ProcessBody} and owns its receive loop, or declares
 * {@link RusmHandler @RusmHandler} methods that are dispatched by the type of each
 * message, in the manner of a {@code gen_server}:
 *
 * <pre class="code">
 * &#064;RusmProcess("greeter")
 * class Greeter {
 *
 *     &#064;RusmHandler
 *     String greet(String name) {
 *         return "Hello, " + name;
 *     }
 *
 * }
 *
 * String reply = runtime.call("greeter", "Ada", Duration.ofSeconds(1));
 * </pre>
 *
 * With {@link #scope()} {@link Scope#CLUSTER CLUSTER} and cluster mode on
 * ({@code rusm.cluster.enabled=true}), the singleton runs once in the whole cluster
 * rather than once per application instance: it holds its name as a global name, reached
 * from any node with {@code RusmCluster.call(name, ...)}, and moves to another node when
 * its node stops or fails.
 * <p>
 * A restart never inherits stale state from the crashed incarnation when the state lives
 * in the receive loop of a {@link ProcessBody}, or when the bean is prototype-scoped: a
 * prototype bean is fetched fresh from the bean factory for every (re)start.
 *
 * @author rusm contributors
 * @since 0.1.0
 * @see RusmHandler
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RusmProcess {

	/**
	 * Alias for {@link #name()}.
	 * @return the registered name of the process
	 */
	@AliasFor("name")
	String value() default "";

	/**
	 * The name the process is registered under, unique within the runtime. Supports
	 * {@code ${...}} placeholders. Required.
	 * @return the registered name of the process
	 */
	@AliasFor("value")
	String name() default "";

	/**
	 * The label of the process, counted by the census. Defaults to the name.
	 * @return the label, or empty for the name
	 */
	String label() default "";

	/**
	 * The process groups (tags) the process joins, so that it can be found and cancelled
	 * with its group.
	 * @return the tags
	 */
	String[] tags() default {};

	/**
	 * When the supervisor restarts the process: always ({@link Restart#PERMANENT}), only
	 * after an abnormal exit ({@link Restart#TRANSIENT}) or never
	 * ({@link Restart#TEMPORARY}).
	 * @return the restart type
	 */
	Restart restart() default Restart.PERMANENT;

	/**
	 * Where the singleton is single: in this application instance ({@link Scope#NODE}),
	 * or in the whole cluster ({@link Scope#CLUSTER}). Without cluster mode the two are
	 * the same.
	 * @return the scope
	 */
	Scope scope() default Scope.NODE;

	/**
	 * Where a {@link RusmProcess @RusmProcess} singleton runs once.
	 *
	 * @since 0.1.0
	 */
	enum Scope {

		/** Once per application instance (per runtime). */
		NODE,

		/**
		 * Once per cluster: the singleton runs on one node under a global name; every
		 * other node keeps an unlabeled standby process that claims the name when the
		 * holder's node stops (within seconds) or fails (within
		 * {@code rusm.cluster.failure-detection-timeout}). Without cluster mode, the same
		 * as {@link #NODE}.
		 */
		CLUSTER

	}

}
