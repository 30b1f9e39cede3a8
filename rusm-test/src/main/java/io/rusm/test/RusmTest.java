package io.rusm.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class whose test methods take rusm parameters: shorthand for
 * {@code @ExtendWith(RusmExtension.class)}, placed on the class like {@code @SpringBootTest}.
 *
 * <pre class="code">
 * &#64;RusmTest
 * class GreeterTests {
 *
 *     &#64;Test
 *     void greets(Runtime runtime, TestProbe probe) {
 *         Pid greeter = runtime.spawn(new Greeter()).pid();
 *         runtime.send(greeter, new Greet("Ada", probe.pid()));
 *         probe.expectMessage("Hello, Ada");
 *         runtime.kill(greeter);
 *     }
 * }
 * </pre>
 *
 * @since 0.1.0
 * @see RusmExtension
 */
@Target({ ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RusmExtension.class)
public @interface RusmTest {

}
