package io.rusm.bench.spring;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import io.rusm.core.Runtime;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sample's kind of controller, three times: each request adds to a random counter of a
 * ledger and answers its new value as JSON, through a {@code call} to the {@code @RusmHandler}
 * singleton, a {@code call} to the plain process, or a direct call on the {@code synchronized}
 * bean.
 */
@RestController
public class LedgerController {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final Runtime runtime;

    private final SynchronizedLedger synchronizedLedger;

    /**
     * Creates the controller.
     *
     * @param runtime the runtime the singletons run on
     * @param synchronizedLedger the bean guarded by its monitor
     */
    public LedgerController(Runtime runtime, SynchronizedLedger synchronizedLedger) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.synchronizedLedger = Objects.requireNonNull(synchronizedLedger, "synchronizedLedger");
    }

    /**
     * Adds through the {@code @RusmHandler} singleton.
     *
     * @return the counter's new value
     */
    @GetMapping("/handler/add")
    public Total handler() {
        long value = this.runtime.<Long>call(HandlerLedger.NAME, randomAdd(), CALL_TIMEOUT);
        return new Total(value);
    }

    /**
     * Adds through the plain {@code ProcessBody} singleton.
     *
     * @return the counter's new value
     */
    @GetMapping("/plain/add")
    public Total plain() {
        long value = this.runtime.<Long>call(PlainLedger.NAME, randomAdd(), CALL_TIMEOUT);
        return new Total(value);
    }

    /**
     * Adds through the {@code synchronized} bean.
     *
     * @return the counter's new value
     */
    @GetMapping("/synchronized/add")
    public Total synchronizedBean() {
        return new Total(this.synchronizedLedger.add(randomAdd()));
    }

    private static Add randomAdd() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new Add(random.nextInt(Ledger.SLOTS), 1 + random.nextInt(1000));
    }

    /**
     * The JSON answer.
     *
     * @param value the counter's new value
     */
    public record Total(long value) {

    }
}
