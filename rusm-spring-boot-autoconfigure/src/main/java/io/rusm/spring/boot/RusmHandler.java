package io.rusm.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks a method of a {@link RusmProcess @RusmProcess} bean as the handler of the
 * messages whose type matches its single parameter.
 * <p>
 * The process receives its messages one at a time and invokes the handler whose
 * parameter type is the most specific match for the message. When the message is a
 * {@link io.rusm.core.Call Call}, its {@linkplain io.rusm.core.Call#request() request} is
 * dispatched and the handler's return value is the reply; a plain message is dispatched
 * and the return value is dropped. A handler that throws crashes the process, as in an
 * Erlang {@code gen_server}: a caller waiting on the call gets a
 * {@link io.rusm.core.ProcessExitedException ProcessExitedException} and the supervisor
 * restarts the process according to its restart type.
 * <p>
 * A primitive parameter type matches its wrapper. A message that no handler matches is
 * logged and dropped; a call that no handler matches crashes the process, so the caller
 * learns of the mistake at once instead of timing out.
 * <p>
 * For a native image, Spring's AOT processing registers each handler method for reflective
 * invocation and its message and reply types for data binding
 * ({@link RusmHandlerReflectiveProcessor}).
 *
 * @author rusm contributors
 * @since 0.1.0
 * @see RusmProcess
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(RusmHandlerReflectiveProcessor.class)
public @interface RusmHandler {

}
